import type { Activity, Attachment, CardAction, Entity } from 'botbuilder';
import { INTERACTIVE_LIMITS, type OutboundInteractive } from '../messagebird/interactive.js';
import type { OutboundContent } from '../messagebird/requests.js';
import { UnsupportedActivityError } from './errors.js';
import { toWhatsAppText } from './markdown.js';
import { mediaTypeOf } from './mime.js';
import type { TemplateRegistry, TemplateSend } from './templates.js';

/** WhatsApp's longest text message. */
export const TEXT_LIMIT = 4096;
/** WhatsApp's longest list row title. */
export const LIST_ROW_TITLE_LIMIT = 24;
/** The label of the button that opens a list, unless `channelData.listButton` says otherwise. */
export const DEFAULT_LIST_BUTTON = 'Choose';

/** One MessageBird message an activity turns into. */
export interface OutboundPart {
  type: OutboundContent['type'];
  content: OutboundContent['content'];
}

/** Hero and thumbnail cards become interactive messages. */
const CARD_TYPES = new Set([
  'application/vnd.microsoft.card.hero',
  'application/vnd.microsoft.card.thumbnail',
]);

/** Card actions a reply button can stand for; the others open URLs, dial, etc. */
const REPLY_ACTIONS = new Set(['imBack', 'postBack', 'messageBack']);

/** What `channelData` of an outbound activity may carry. */
export interface OutboundChannelData {
  /** Send this approved template instead of the activity's text. */
  template?: TemplateSend;
  /** Send this MessageBird `{type, content}` as it is (validated by the API client). */
  messagebird?: OutboundPart;
  /** The label of the button that opens a list (at most 20 characters). */
  listButton?: string;
}

/** How `toMessageBird` translates; the adapter passes its options. */
export interface ToMessageBirdOptions {
  /** `render` (default): cards WhatsApp has no equal for are shown as it can; `strict` refuses them. */
  cards?: 'render' | 'strict';
}

/**
 * Turns a `message` activity into the MessageBird messages that show it, in order: media first,
 * then text (or the text as the caption of a single image, video or file), locations, and the
 * buttons or list last. Anything WhatsApp cannot show throws an UnsupportedActivityError naming
 * the activity field. Pure: no I/O.
 */
export function toMessageBird(
  activity: Partial<Activity>,
  templates?: TemplateRegistry,
  _options: ToMessageBirdOptions = {},
): OutboundPart[] {
  const data = (activity.channelData ?? {}) as OutboundChannelData;
  if (data.messagebird) {
    if (typeof data.messagebird !== 'object' || typeof data.messagebird.type !== 'string') {
      throw new UnsupportedActivityError(
        'channelData.messagebird',
        'give a MessageBird message as {type, content}, such as {type: "text", content: {text: "Hi"}}',
      );
    }
    return [{ type: data.messagebird.type, content: data.messagebird.content }];
  }
  if (data.template) {
    if (!templates) {
      throw new UnsupportedActivityError(
        'channelData.template',
        'no templates are configured on the adapter',
      );
    }
    return [{ type: 'hsm', content: { hsm: templates.build(data.template).hsm } }];
  }

  const text = textOf(activity);
  const media: OutboundPart[] = [];
  const cards: OutboundPart[] = [];
  (activity.attachments ?? []).forEach((attachment, i) => {
    const field = `attachments[${i}]`;
    if (CARD_TYPES.has(attachment.contentType)) cards.push(cardPart(attachment, field, data));
    else media.push(mediaPart(attachment, field));
  });
  const locations = (activity.entities ?? []).flatMap((e, i) => locationPart(e, `entities[${i}]`));
  const actions = activity.suggestedActions?.actions ?? [];

  const parts: OutboundPart[] = [...media];
  const single = media.length === 1 ? media[0] : undefined;
  if (text !== undefined && actions.length === 0) {
    if (single && single.type !== 'audio' && cards.length === 0) {
      const key = single.type as 'image' | 'video' | 'file';
      const content = single.content as Record<string, { url: string; caption?: string }>;
      const medium = content[key] as { url: string; caption?: string };
      content[key] = { ...medium, caption: text };
    } else {
      parts.push({ type: 'text', content: { text } });
    }
  }
  parts.push(...locations, ...cards);
  if (actions.length > 0) {
    if (text === undefined) {
      throw new UnsupportedActivityError(
        'text',
        'suggested actions need text to show above the buttons: set activity.text',
      );
    }
    parts.push(interactivePart(text, actions, 'suggestedActions.actions', undefined, data));
  }
  if (parts.length === 0) {
    throw new UnsupportedActivityError(
      'text',
      'the activity has nothing WhatsApp can show: set text, attachments, suggestedActions or a GeoCoordinates entity',
    );
  }
  return parts;
}

/** True when every part is a template, which WhatsApp allows outside the 24-hour window. */
export function isTemplateOnly(parts: readonly OutboundPart[]): boolean {
  return parts.every((p) => p.type === 'hsm');
}

function textOf(activity: Partial<Activity>): string | undefined {
  const raw = activity.text;
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const text =
    activity.textFormat === 'plain' || activity.textFormat === 'xml' ? raw : toWhatsAppText(raw);
  if (text.length > TEXT_LIMIT) {
    throw new UnsupportedActivityError(
      'text',
      `WhatsApp texts are at most ${TEXT_LIMIT} characters; this one has ${text.length}: split it into several activities`,
    );
  }
  return text;
}

function httpUrl(url: unknown, field: string): string {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
    throw new UnsupportedActivityError(
      field,
      'WhatsApp fetches media from a public http(s) URL: upload the file and give its URL (data: URLs and inline content cannot be sent)',
    );
  }
  return url;
}

function mediaPart(attachment: Attachment, field: string): OutboundPart {
  const contentType = attachment.contentType ?? '';
  if (
    !/^[a-z]+\/[\w.+-]+$/i.test(contentType) ||
    contentType.startsWith('application/vnd.microsoft.')
  ) {
    throw new UnsupportedActivityError(
      `${field}.contentType`,
      `WhatsApp cannot show "${contentType}": send media (image/*, video/*, audio/*, documents) by URL, or a hero card`,
    );
  }
  const url = httpUrl(attachment.contentUrl, `${field}.contentUrl`);
  const type = mediaTypeOf(contentType);
  const medium: { url: string; caption?: string } = { url };
  if (type === 'file' && attachment.name) medium.caption = attachment.name;
  return { type, content: { [type]: medium } as OutboundPart['content'] };
}

function locationPart(entity: Entity, field: string): OutboundPart[] {
  const geo =
    entity.type === 'GeoCoordinates'
      ? entity
      : entity.type === 'Place' && entity.geo && typeof entity.geo === 'object'
        ? (entity.geo as Record<string, unknown>)
        : undefined;
  if (!geo) return [];
  const { latitude, longitude } = geo as { latitude?: unknown; longitude?: unknown };
  if (
    typeof latitude !== 'number' ||
    typeof longitude !== 'number' ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  ) {
    throw new UnsupportedActivityError(
      `${field}`,
      'a location needs numeric latitude (-90…90) and longitude (-180…180)',
    );
  }
  return [{ type: 'location', content: { location: { latitude, longitude } } }];
}

function cardPart(attachment: Attachment, field: string, data: OutboundChannelData): OutboundPart {
  const card = (attachment.content ?? {}) as {
    title?: string;
    subtitle?: string;
    text?: string;
    images?: { url?: string }[];
    buttons?: CardAction[];
  };
  const body = [
    card.title && `*${card.title}*`,
    card.subtitle,
    card.text && toWhatsAppText(card.text),
  ]
    .filter(Boolean)
    .join('\n');
  const image = card.images?.[0]?.url;
  const buttons = card.buttons ?? [];
  if (buttons.length === 0) {
    if (image) {
      const url = httpUrl(image, `${field}.content.images[0].url`);
      return { type: 'image', content: { image: body ? { url, caption: body } : { url } } };
    }
    if (!body) {
      throw new UnsupportedActivityError(
        `${field}.content`,
        'the card has no title, text, image or buttons to show',
      );
    }
    return { type: 'text', content: { text: body } };
  }
  if (!body) {
    throw new UnsupportedActivityError(
      `${field}.content.text`,
      'a card with buttons needs a title or text for the message body',
    );
  }
  const header = image
    ? { type: 'image' as const, image: { url: httpUrl(image, `${field}.content.images[0].url`) } }
    : undefined;
  return interactivePart(body, buttons, `${field}.content.buttons`, header, data, card.title);
}

/** Reply buttons when they fit (at most 3, titles of at most 20 characters), else a list of at most 10 rows. */
function interactivePart(
  body: string,
  actions: CardAction[],
  field: string,
  header: { type: 'image'; image: { url: string } } | undefined,
  data: OutboundChannelData,
  title?: string,
): OutboundPart {
  const choices = actions.map((action, i) => {
    if (!REPLY_ACTIONS.has(action.type)) {
      throw new UnsupportedActivityError(
        `${field}[${i}].type`,
        `WhatsApp buttons can only reply; "${action.type}" cannot be shown (put a link in the text instead)`,
      );
    }
    const value = action.value ?? action.text ?? action.title;
    const id = typeof value === 'string' ? value : JSON.stringify(value);
    const label = action.title ?? (typeof value === 'string' ? value : undefined);
    if (!id || !label) {
      throw new UnsupportedActivityError(`${field}[${i}]`, 'a button needs a title or a value');
    }
    return { id, title: label };
  });
  const fitsButtons =
    choices.length <= INTERACTIVE_LIMITS.buttons &&
    choices.every((c) => c.title.length <= INTERACTIVE_LIMITS.buttonTitle);
  let interactive: OutboundInteractive;
  if (fitsButtons) {
    interactive = {
      type: 'button',
      ...(header ? { header } : {}),
      body: { text: body },
      action: {
        buttons: choices.map((c) => ({ id: c.id, type: 'reply' as const, title: c.title })),
      },
    };
  } else {
    if (choices.length > INTERACTIVE_LIMITS.listRows) {
      throw new UnsupportedActivityError(
        field,
        `WhatsApp shows at most 3 buttons or ${INTERACTIVE_LIMITS.listRows} list rows; this has ${choices.length}: split the choices or ask for free text`,
      );
    }
    choices.forEach((c, i) => {
      if (c.title.length > LIST_ROW_TITLE_LIMIT) {
        throw new UnsupportedActivityError(
          `${field}[${i}].title`,
          `list rows show at most ${LIST_ROW_TITLE_LIMIT} characters; "${c.title}" has ${c.title.length}`,
        );
      }
    });
    interactive = {
      type: 'list',
      ...(title ? { header: { type: 'text' as const, text: title } } : {}),
      body: { text: body },
      action: {
        button: data.listButton ?? DEFAULT_LIST_BUTTON,
        sections: [{ rows: choices.map((c) => ({ id: c.id, title: c.title })) }],
      },
    };
  }
  return { type: 'interactive', content: { interactive } };
}
