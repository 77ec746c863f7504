import type { InteractiveButtons, InteractiveList } from '../../messagebird/interactive.js';
import { WHATSAPP_LIMITS } from '../../whatsapp/limits.js';
import { UnsupportedActivityError } from '../errors.js';
import type { OutboundPart } from '../outbound-part.js';
import type { Reply } from './card-actions.js';
import { bold, joinBlocks } from './whatsapp-format.js';

/** The label of the button that opens a list, unless `channelData.listButton` says otherwise. */
export const DEFAULT_LIST_BUTTON = 'Choose';

/** How cards and suggested actions are fitted into WhatsApp messages. */
export interface RenderContext {
  /** `cards: 'strict'`: refuse what does not fit WhatsApp instead of shortening it. */
  strict: boolean;
  /** `channelData.listButton` as the bot gave it. */
  listButton?: unknown;
}

/** The picture, video, audio or document a card leads with. */
export interface CardMedia {
  type: 'image' | 'video' | 'audio' | 'file';
  url: string;
}

/** What a card shows, before it is fitted into WhatsApp messages by `viewParts`. */
export interface CardView {
  /** The card's content field, such as `attachments[0].content`, blamed when nothing shows. */
  field: string;
  /** The field blamed when the text is missing or too long, such as `attachments[0].content.text`. */
  bodyField: string;
  /** The field blamed when there are too many replies, such as `attachments[0].content.buttons`. */
  actionsField: string;
  /** The card's title as written, for a list's text header and for a short body. */
  title?: string;
  /** The medium the card leads with. */
  media?: CardMedia;
  /** The card's text, WhatsApp-formatted (title, subtitle, text, facts…). */
  body: string;
  /** "Title: url" lines, shown below the body after a blank line. */
  links: string[];
  /** Reply buttons or list rows, in order. */
  replies: Reply[];
}

/** The url when it is an absolute http(s) URL WhatsApp can fetch media from, else an error naming the field. */
export function httpUrl(url: unknown, field: string): string {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
    throw new UnsupportedActivityError(
      field,
      'WhatsApp fetches media from a public http(s) URL: upload the file and give its URL (data: URLs and inline content cannot be sent)',
    );
  }
  return url;
}

/** A text message, or an error naming `field` when it is longer than WhatsApp's 4096 characters. */
export function textPart(text: string, field: string): OutboundPart {
  if (text.length > WHATSAPP_LIMITS.text) {
    throw new UnsupportedActivityError(
      field,
      `WhatsApp texts are at most ${WHATSAPP_LIMITS.text} characters; this one has ${text.length}: split it into several activities`,
    );
  }
  return { type: 'text', content: { text } };
}

/** A media message with an optional caption (audio takes none). */
export function mediaPart(media: CardMedia, caption?: string): OutboundPart {
  const medium =
    caption && media.type !== 'audio' ? { url: media.url, caption } : { url: media.url };
  return { type: media.type, content: { [media.type]: medium } as OutboundPart['content'] };
}

/**
 * Fits a card into WhatsApp messages, in order.
 *
 * Without replies: the medium with the text as its caption, or the text alone. Audio takes no
 * caption: the audio, then the text. A caption over 1024 characters: the medium, then the text
 * (render), or an error (strict).
 *
 * With replies: reply buttons when there are at most 3 with titles of at most 20 characters,
 * else a list (at most 10 rows, titles of at most 24 characters; more is an error in both modes).
 * An image, video or document becomes the buttons' header; audio, and any medium beside a list
 * (a list header is text only), goes first as its own message (strict mode drops it beside a
 * list, as before). A list's header is the card's title when it has at most 60 characters
 * (render leaves a longer one out, as it is in the body; strict refuses it). The text is the
 * body; over 1024 characters it goes first as its own text message and the body becomes the
 * short body (render), or it is an error (strict). A card with replies but no text gets the short
 * body in render mode, an error in strict mode. The short body is the card's title in bold, else
 * the list button label (`channelData.listButton`, "Choose" by default).
 */
export function viewParts(view: CardView, ctx: RenderContext): OutboundPart[] {
  const text = joinBlocks([view.body, view.links.join('\n')]);
  const { media, replies } = view;
  if (replies.length === 0) {
    if (!media) {
      if (!text) {
        throw new UnsupportedActivityError(
          view.field,
          'the card has no title, text, image or buttons to show',
        );
      }
      return [textPart(text, view.bodyField)];
    }
    if (!text) return [mediaPart(media)];
    if (media.type === 'audio') return [mediaPart(media), textPart(text, view.bodyField)];
    if (text.length <= WHATSAPP_LIMITS.caption) return [mediaPart(media, text)];
    if (ctx.strict) throw tooLong(view.bodyField, 'a caption', WHATSAPP_LIMITS.caption, text);
    return [mediaPart(media), textPart(text, view.bodyField)];
  }

  distinctIds(replies);
  const buttons = fitsButtons(replies);
  const parts: OutboundPart[] = [];
  let header: InteractiveButtons['header'];
  if (media) {
    if (buttons && media.type !== 'audio') header = headerOf(media);
    else if (!ctx.strict) parts.push(mediaPart(media));
  }
  let body = text;
  if (!body) {
    if (ctx.strict) {
      throw new UnsupportedActivityError(
        view.bodyField,
        'a card with buttons needs a title or text for the message body',
      );
    }
    body = shortBody(view, ctx);
  } else if (body.length > WHATSAPP_LIMITS.interactiveBody) {
    if (ctx.strict) {
      throw tooLong(
        view.bodyField,
        'the text above buttons',
        WHATSAPP_LIMITS.interactiveBody,
        body,
      );
    }
    parts.push(textPart(body, view.bodyField));
    body = shortBody(view, ctx);
  }
  parts.push(
    buttons
      ? buttonsPart(body, replies, header)
      : listPart(body, replies, listHeader(view, ctx), view.actionsField, ctx),
  );
  return parts;
}

/** True when the replies fit reply buttons: at most 3, titles of at most 20 characters. */
function fitsButtons(replies: readonly Reply[]): boolean {
  return (
    replies.length <= WHATSAPP_LIMITS.buttons &&
    replies.every((r) => r.title.length <= WHATSAPP_LIMITS.buttonTitle)
  );
}

function tooLong(field: string, what: string, limit: number, text: string) {
  return new UnsupportedActivityError(
    field,
    `WhatsApp shows at most ${limit} characters in ${what}; this text has ${text.length}: shorten it (with cards: 'render' the adapter sends it as a text message of its own)`,
  );
}

function distinctIds(replies: readonly Reply[]): void {
  const seen = new Set<string>();
  for (const reply of replies) {
    if (seen.has(reply.id)) {
      throw new UnsupportedActivityError(
        reply.idField,
        `two buttons would carry back the same reply "${reply.id}": give each its own value or data, so the reply tells them apart`,
      );
    }
    seen.add(reply.id);
  }
}

function headerOf(media: CardMedia): InteractiveButtons['header'] {
  if (media.type === 'video') return { type: 'video', video: { url: media.url } };
  if (media.type === 'file') return { type: 'document', document: { url: media.url } };
  return { type: 'image', image: { url: media.url } };
}

function listLabel(ctx: RenderContext): string {
  const label = ctx.listButton ?? DEFAULT_LIST_BUTTON;
  if (
    typeof label !== 'string' ||
    label.trim() === '' ||
    label.length > WHATSAPP_LIMITS.listButton
  ) {
    throw new UnsupportedActivityError(
      'channelData.listButton',
      `the label of the button that opens a list is 1 to ${WHATSAPP_LIMITS.listButton} characters of text`,
    );
  }
  return label;
}

function shortBody(view: CardView, ctx: RenderContext): string {
  const title = view.title?.trim();
  if (title && title.length + 2 <= WHATSAPP_LIMITS.interactiveBody) return bold(title);
  return listLabel(ctx);
}

function listHeader(view: CardView, ctx: RenderContext): string | undefined {
  const title = view.title;
  if (!title) return undefined;
  if (title.length <= WHATSAPP_LIMITS.headerText) return title;
  if (ctx.strict) {
    throw new UnsupportedActivityError(
      `${view.field}.title`,
      `a list's header shows at most ${WHATSAPP_LIMITS.headerText} characters; this title has ${title.length}: shorten it`,
    );
  }
  return undefined;
}

function buttonsPart(
  body: string,
  replies: readonly Reply[],
  header: InteractiveButtons['header'],
): OutboundPart {
  for (const reply of replies) checkId(reply, WHATSAPP_LIMITS.buttonId, 'reply button');
  const interactive: InteractiveButtons = {
    type: 'button',
    ...(header ? { header } : {}),
    body: { text: body },
    action: { buttons: replies.map((r) => ({ id: r.id, type: 'reply' as const, title: r.title })) },
  };
  return { type: 'interactive', content: { interactive } };
}

function listPart(
  body: string,
  replies: readonly Reply[],
  header: string | undefined,
  field: string,
  ctx: RenderContext,
): OutboundPart {
  if (replies.length > WHATSAPP_LIMITS.listRows) {
    throw new UnsupportedActivityError(
      field,
      `WhatsApp shows at most 3 buttons or ${WHATSAPP_LIMITS.listRows} list rows; this has ${replies.length}: split the choices or ask for free text`,
    );
  }
  for (const reply of replies) {
    if (reply.title.length > WHATSAPP_LIMITS.rowTitle) {
      throw new UnsupportedActivityError(
        `${reply.field}.title`,
        `list rows show at most ${WHATSAPP_LIMITS.rowTitle} characters; "${reply.title}" has ${reply.title.length}`,
      );
    }
    checkId(reply, WHATSAPP_LIMITS.rowId, 'list row');
  }
  const interactive: InteractiveList = {
    type: 'list',
    ...(header ? { header: { type: 'text' as const, text: header } } : {}),
    body: { text: body },
    action: {
      button: listLabel(ctx),
      sections: [{ rows: replies.map((r) => ({ id: r.id, title: r.title })) }],
    },
  };
  return { type: 'interactive', content: { interactive } };
}

function checkId(reply: Reply, limit: number, what: string): void {
  if (reply.id.length > limit) {
    throw new UnsupportedActivityError(
      reply.idField,
      `WhatsApp carries back at most ${limit} characters from a ${what}; this one would carry ${reply.id.length} (${what === 'list row' ? 'a list is used beyond 3 buttons or for titles over 20 characters; ' : ''}data is sent as JSON): keep a short key in it and look the rest up in the bot's state`,
    );
  }
}
