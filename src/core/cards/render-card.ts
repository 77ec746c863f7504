import type { Attachment } from '../activity.js';
import type { OutboundPart } from '../outbound-part.js';
import {
  ADAPTIVE_CARD_TYPE,
  adaptiveCardParts,
  adaptiveInputError,
  findAdaptiveInput,
} from './adaptive-card.js';
import { type RenderContext, viewParts } from './card-view.js';
import { HERO_CARD_TYPES, heroCardView } from './hero-card.js';
import { MEDIA_CARD_TYPES, mediaCardView } from './media-card.js';
import { RECEIPT_CARD_TYPE, receiptCardView } from './receipt-card.js';
import { OAUTH_CARD_TYPE, SIGNIN_CARD_TYPE, signinCardView } from './signin-card.js';

/**
 * The WhatsApp messages a Bot Framework card attachment shows as, in order, or undefined when the
 * attachment is not a card this mode renders (the caller then sends it as media, which refuses
 * `application/vnd.microsoft.*` by content type). Render mode: hero, thumbnail, animation, video,
 * audio, receipt, sign-in, OAuth and adaptive cards. Strict mode: hero and thumbnail cards with
 * reply buttons only, as before; an adaptive card with an input element is refused naming that
 * element in both modes. Pure: no I/O.
 */
export function cardParts(
  attachment: Attachment,
  field: string,
  ctx: RenderContext,
): OutboundPart[] | undefined {
  const type = attachment.contentType;
  const content: unknown = attachment.content;
  if (HERO_CARD_TYPES.has(type)) return viewParts(heroCardView(content, field, ctx), ctx);
  if (type === ADAPTIVE_CARD_TYPE) {
    if (!ctx.strict) return adaptiveCardParts(content, field, ctx);
    const input = findAdaptiveInput(content, `${field}.content`);
    if (input) throw adaptiveInputError(input);
    return undefined;
  }
  if (ctx.strict) return undefined;
  const media = MEDIA_CARD_TYPES.get(type);
  if (media) return viewParts(mediaCardView(media, content, field, ctx), ctx);
  if (type === RECEIPT_CARD_TYPE) return viewParts(receiptCardView(content, field, ctx), ctx);
  if (type === SIGNIN_CARD_TYPE || type === OAUTH_CARD_TYPE) {
    return viewParts(signinCardView(type, content, field, ctx), ctx);
  }
  return undefined;
}
