import type { CardAction } from '../activity.js';
import { toWhatsAppText } from '../markdown.js';
import { cardActionsView } from './card-actions.js';
import { type CardView, httpUrl, type RenderContext } from './card-view.js';
import { bold } from './whatsapp-format.js';

/** Hero and thumbnail cards; WhatsApp has no thumbnail layout, so both render alike. */
export const HERO_CARD_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.microsoft.card.hero',
  'application/vnd.microsoft.card.thumbnail',
]);

/** What we read of a hero, thumbnail or media card. */
export interface BasicCard {
  title?: string;
  subtitle?: string;
  text?: string;
  images?: { url?: string }[];
  buttons?: CardAction[];
}

/** A card's text: the title in bold, the subtitle, and the text (markdown made WhatsApp's), one per line. */
export function basicCardBody(card: BasicCard): string {
  return [
    typeof card.title === 'string' && card.title.trim() !== '' && bold(card.title),
    card.subtitle,
    card.text && toWhatsAppText(card.text),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * A hero or thumbnail card: `images[0]` is the picture (the buttons' image header, or an image
 * message with the text as its caption; further images are not shown), the title in bold, the
 * subtitle and the text are the body, `imBack`/`postBack`/`messageBack` buttons are reply buttons
 * or list rows, and (render mode) `openUrl`, `signin`, `call` and other opening actions are
 * "Title: url" lines below the text. `tap` is not shown.
 */
export function heroCardView(content: unknown, field: string, ctx: RenderContext): CardView {
  const card = (content ?? {}) as BasicCard;
  const image = card.images?.[0]?.url;
  const { replies, links } = cardActionsView(
    card.buttons,
    `${field}.content.buttons`,
    ctx.strict,
    'Sign in',
  );
  return {
    field: `${field}.content`,
    bodyField: `${field}.content.text`,
    actionsField: `${field}.content.buttons`,
    title: card.title,
    media: image
      ? { type: 'image', url: httpUrl(image, `${field}.content.images[0].url`) }
      : undefined,
    body: basicCardBody(card),
    links,
    replies,
  };
}
