import type { CardAction } from '../activity.js';
import { toWhatsAppText } from '../markdown.js';
import { cardActionsView } from './card-actions.js';
import type { CardView, RenderContext } from './card-view.js';
import { bold, joinBlocks } from './whatsapp-format.js';

/** The receipt card's content type. */
export const RECEIPT_CARD_TYPE = 'application/vnd.microsoft.card.receipt';

/** What we read of a receipt card. */
interface ReceiptCard {
  title?: string;
  facts?: { key?: string; value?: string }[];
  items?: {
    title?: string;
    subtitle?: string;
    text?: string;
    price?: string;
    quantity?: string | number;
  }[];
  tax?: string;
  vat?: string;
  total?: string;
  buttons?: CardAction[];
}

/**
 * A receipt card as WhatsApp text, in blocks separated by blank lines: the title in bold; the
 * facts as "*Key*: value" lines; the items as "Title × quantity — price" lines, each followed by
 * its subtitle and text; then "Tax: …", "VAT: …" and "*Total: …*" (labels in English). No image is
 * sent: items' images are line-item icons and a receipt has no picture of its own. `tap` actions
 * are not shown. Buttons as on a hero card; a receipt longer than 1024 characters with reply
 * buttons goes first as a text of its own (render mode).
 */
export function receiptCardView(content: unknown, field: string, ctx: RenderContext): CardView {
  const card = (content ?? {}) as ReceiptCard;
  const facts = (card.facts ?? []).map((fact) =>
    [fact.key && bold(fact.key), fact.value].filter(Boolean).join(': '),
  );
  const items = (card.items ?? []).map((item) => {
    const quantity =
      item.quantity !== undefined && item.quantity !== null && `${item.quantity}` !== ''
        ? ` × ${item.quantity}`
        : '';
    const line = `${item.title ?? ''}${quantity}${item.price ? ` — ${item.price}` : ''}`.trim();
    return [line, item.subtitle, item.text && toWhatsAppText(item.text)].filter(Boolean).join('\n');
  });
  const totals = [
    card.tax && `Tax: ${card.tax}`,
    card.vat && `VAT: ${card.vat}`,
    card.total && bold(`Total: ${card.total}`),
  ]
    .filter(Boolean)
    .join('\n');
  const { replies, links } = cardActionsView(
    card.buttons,
    `${field}.content.buttons`,
    ctx.strict,
    'Sign in',
  );
  return {
    field: `${field}.content`,
    bodyField: `${field}.content`,
    actionsField: `${field}.content.buttons`,
    title: card.title,
    body: joinBlocks([card.title && bold(card.title), facts.join('\n'), items.join('\n'), totals]),
    links,
    replies,
  };
}
