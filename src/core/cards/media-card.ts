import { UnsupportedActivityError } from '../errors.js';
import { mediaTypeOf, mimeTypeOf } from '../mime.js';
import { cardActionsView } from './card-actions.js';
import { type CardMedia, type CardView, httpUrl, type RenderContext } from './card-view.js';
import { type BasicCard, basicCardBody } from './hero-card.js';

/** Animation, video and audio cards, by content type. */
export const MEDIA_CARD_TYPES: ReadonlyMap<string, 'animation' | 'video' | 'audio'> = new Map([
  ['application/vnd.microsoft.card.animation', 'animation'],
  ['application/vnd.microsoft.card.video', 'video'],
  ['application/vnd.microsoft.card.audio', 'audio'],
]);

/** What we read of a media card beyond a hero card's fields. */
interface MediaCard extends BasicCard {
  media?: { url?: unknown }[];
}

/**
 * An animation, video or audio card: `media[0].url` is sent as a WhatsApp medium (further media
 * URLs, `image`, `autoloop`, `autostart` and `shareable` are not shown). A video card is a video;
 * an audio card is audio; an animation card is a video when its URL ends in a video extension
 * (`.mp4`, `.3gp`, `.mov`), else an image (a `.gif`: WhatsApp documents JPEG and PNG images, so
 * host an MP4 for a moving animation). The title in bold, the subtitle and the text are the
 * caption, or the body above the buttons whose header is the video or image. Audio takes no
 * caption: the audio goes first, then the text (or the buttons with the text as their body).
 * Buttons as on a hero card.
 */
export function mediaCardView(
  kind: 'animation' | 'video' | 'audio',
  content: unknown,
  field: string,
  ctx: RenderContext,
): CardView {
  const card = (content ?? {}) as MediaCard;
  if (!Array.isArray(card.media) || card.media.length === 0) {
    throw new UnsupportedActivityError(
      `${field}.content.media`,
      `a ${kind} card needs media: [{ url }] with the URL of the ${kind === 'audio' ? 'audio' : kind === 'video' ? 'video' : 'animation'}`,
    );
  }
  const url = httpUrl(card.media[0]?.url, `${field}.content.media[0].url`);
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
    media: { type: mediaTypeOfCard(kind, url), url },
    body: basicCardBody(card),
    links,
    replies,
  };
}

function mediaTypeOfCard(kind: 'animation' | 'video' | 'audio', url: string): CardMedia['type'] {
  if (kind !== 'animation') return kind;
  return mediaTypeOf(mimeTypeOf('file', url)) === 'video' ? 'video' : 'image';
}
