import type { Hsm } from '../../messagebird/hsm.js';
import type { MessageRecord, TemplateRecord } from '../records.js';

/*
 * What the engine keeps (WhatsApp content in the Conversations API's shape) as the body or template
 * of a Bird ChannelMessage: how the Channels API shows the contact's messages and those sent
 * through `/v1`. Pure functions. A message sent through Bird keeps the body it was sent with; this
 * is for the others.
 */

/** A Bird body, as plain data. */
export type BirdBodyOut = { type: string } & Record<string, unknown>;

/** What turning a message into Bird's shapes needs to know beside the message. */
export interface OutContext {
  /** The tapped button or row was a Bird `reply` action, not a postback (see birdBodyOf). */
  tappedReply?: boolean;
  /** The template an `hsm` message names, if the simulator has it. */
  template?: TemplateRecord;
}

const EXTENSIONS: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mov: 'video/quicktime',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  amr: 'audio/amr',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

const FALLBACK_TYPES = {
  audio: 'audio/ogg',
  video: 'video/mp4',
  file: 'application/octet-stream',
} as const;

/**
 * The MIME type of a media URL, by its extension (a `data:` URL says its own), else WhatsApp's
 * usual type for the kind: `audio/ogg` (voice notes), `video/mp4`, `application/octet-stream`.
 */
export function contentTypeOf(url: string, kind: keyof typeof FALLBACK_TYPES): string {
  const data = /^data:([^;,]+)/i.exec(url);
  if (data?.[1]) return data[1].toLowerCase();
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: read the extension of what there is.
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return (extension && EXTENSIONS[extension]) ?? FALLBACK_TYPES[kind];
}

type Part = Record<string, unknown> | undefined;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * An image's caption: sent messages carry the string form of the docs (message-types/images);
 * received ones `{text}`, as the one code base that reads inbound images reads them.
 */
const captionFor = (message: Pick<MessageRecord, 'direction'>, caption: string) =>
  message.direction === 'received' ? { text: caption } : caption;

function media(message: Pick<MessageRecord, 'direction' | 'type'>, part: Part): BirdBodyOut {
  const url = str(part?.url) ?? '';
  const caption = str(part?.caption);
  if (message.type === 'image') {
    const image: Record<string, unknown> = { images: [{ mediaUrl: url }] };
    if (caption) image.text = captionFor(message, caption);
    return { type: 'image', image };
  }
  const kind = message.type === 'audio' || message.type === 'video' ? message.type : 'file';
  const file: Record<string, unknown> = {
    files: [{ contentType: str(part?.mimeType) ?? contentTypeOf(url, kind), mediaUrl: url }],
  };
  if (caption) file.text = captionFor(message, caption);
  return { type: 'file', file };
}

const postback = (text: string, payload: string) => ({
  type: 'postback',
  postback: { text, payload },
});

/** An interactive message we sent (buttons or a list), or a tap the contact made on one. */
function interactive(part: Part, context: OutContext): BirdBodyOut {
  const reply = part?.reply as { id?: string; title?: string; text?: string } | undefined;
  if (reply) {
    // A tap: one code base's read side (bird-facts.md), the reading of the whole project.
    const title = reply.title ?? reply.text ?? '';
    if (context.tappedReply) return { type: 'text', text: { text: title } };
    return {
      type: 'text',
      text: { text: title, actions: [postback(title, reply.id ?? title)] },
    };
  }
  const body = str((part?.body as Part)?.text) ?? '';
  const action = (part?.action ?? {}) as {
    buttons?: { id: string; title: string }[];
    button?: string;
    sections?: { title?: string; rows: { id: string; title: string }[] }[];
  };
  if (part?.type === 'list') {
    const list: Record<string, unknown> = {
      text: body,
      items: (action.sections ?? []).map((section) => ({
        ...(section.title ? { title: section.title } : {}),
        actions: section.rows.map((row) => postback(row.title, row.id)),
      })),
    };
    const header = str((part.header as Part)?.text);
    if (header) list.title = header;
    if (action.button) list.altText = action.button;
    return { type: 'list', list };
  }
  return {
    type: 'text',
    text: { text: body, actions: (action.buttons ?? []).map((b) => postback(b.title, b.id)) },
  };
}

/**
 * A message's content as a Bird body: text, image (stickers too), file (audio, video,
 * documents; contentType from the URL), location, list, text with postback actions (buttons we
 * sent, and a contact's tap: `{type: 'text', text: {text: <title>, actions: [postback]}}`, or a
 * plain text when the tapped Bird action was a `reply`). A template message has no body (see
 * birdTemplateOf); a type the simulator does not translate is kept under its own key, never dropped.
 */
export function birdBodyOf(
  message: Pick<MessageRecord, 'type' | 'content' | 'direction'>,
  context: OutContext = {},
): BirdBodyOut | undefined {
  const part = message.content[message.type] as Part;
  switch (message.type) {
    case 'text':
      return { type: 'text', text: { text: String(message.content.text ?? '') } };
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      return media(message, part);
    case 'location':
      return {
        type: 'location',
        location: {
          coordinates: { latitude: Number(part?.latitude), longitude: Number(part?.longitude) },
        },
      };
    case 'interactive':
      return interactive(part, context);
    case 'whatsappSticker':
      return { type: 'image', image: { images: [{ mediaUrl: str(part?.link) ?? '' }] } };
    case 'whatsappText':
      return { type: 'text', text: { text: str((part?.text as Part)?.body) ?? '' } };
    case 'hsm':
      return undefined;
    default:
      return { type: message.type, [message.type]: part ?? message.content };
  }
}

/**
 * A template message as Bird's `template`: the project, version and locale of the template when
 * it has them, its parameters keyed by its variable names (or `1`…`n` without them).
 */
export function birdTemplateOf(hsm: Hsm, template?: TemplateRecord): Record<string, unknown> {
  const names = template?.variables ?? [];
  const out: Record<string, unknown> = {};
  if (template?.projectId) {
    out.projectId = template.projectId;
    out.version = template.versionId ?? 'latest';
  }
  out.locale = hsm.language.code.replace('_', '-');
  out.name = hsm.templateName;
  out.parameters = (hsm.params ?? []).map((p, i) => ({
    type: 'string',
    key: names[i] ?? String(i + 1),
    value: p.default,
  }));
  return out;
}
