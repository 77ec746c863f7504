import type { Hsm } from '../messagebird/hsm.js';
import { templateView } from './chat/views.js';
import type { Engine } from './engine.js';
import type { MessageRecord } from './records.js';

/** Who wrote an activity of a transcript: the contact (`user`) or the channel (`bot`). */
export interface TranscriptAccount {
  id: string;
  name: string;
  role: 'user' | 'bot';
}

/** A media file, a location or a card of a transcript activity, as the Bot Framework writes it. */
export interface TranscriptAttachment {
  contentType: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

/**
 * One message of a conversation as a Bot Framework activity, as the Bot Framework Emulator opens
 * it (`.transcript` files). `channelData` keeps the WhatsApp message as it was (`type`,
 * `content`, `status`, `error`), so a transcript can be replayed exactly.
 */
export interface TranscriptActivity {
  type: 'message';
  id: string;
  timestamp: string;
  channelId: 'whatsapp';
  from: TranscriptAccount;
  recipient: TranscriptAccount;
  conversation: { id: string };
  text?: string;
  attachments?: TranscriptAttachment[];
  suggestedActions?: { to: string[]; actions: { type: 'imBack'; title: string; value: string }[] };
  value?: unknown;
  replyToId?: string;
  entities?: { type: 'GeoCoordinates'; latitude: number; longitude: number; name?: string }[];
  channelData: {
    type: string;
    content: Record<string, unknown>;
    status: string;
    error?: { code: number; description: string };
  };
}

/** Media types by WhatsApp message type, when the URL tells nothing better. */
const MEDIA_TYPES: Record<string, string> = {
  image: 'image/*',
  video: 'video/*',
  audio: 'audio/*',
  file: 'application/octet-stream',
};

const EXTENSIONS: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
};

function mediaType(kind: string, url: string): string {
  const extension = /\.(\w+)(?:[?#].*)?$/.exec(url)?.[1]?.toLowerCase();
  return (extension && EXTENSIONS[extension]) || MEDIA_TYPES[kind] || 'application/octet-stream';
}

interface InteractiveContent {
  type: string;
  header?: { type: string; text?: string; image?: { url: string }; video?: { url: string } };
  body?: { text?: string };
  footer?: { text?: string };
  action?: {
    buttons?: { id: string; title?: string; reply?: { title: string } }[];
    sections?: { title?: string; rows: { id: string; title: string }[] }[];
  };
  reply?: { id: string; text?: string; title?: string; description?: string };
}

/** The titles of an interactive message's reply buttons, or of its list's rows. */
export function choicesOf(interactive: InteractiveContent): { id: string; title: string }[] {
  const action = interactive.action ?? {};
  if (interactive.type === 'list') {
    return (action.sections ?? []).flatMap((s) =>
      s.rows.map((r) => ({ id: r.id, title: r.title })),
    );
  }
  return (action.buttons ?? []).map((b) => ({ id: b.id, title: b.title ?? b.reply?.title ?? '' }));
}

/**
 * The messages given (one contact's, or one conversation's), oldest first, as a Bot Framework
 * transcript: a JSON array of activities, both directions.
 */
export function buildTranscript(
  engine: Engine,
  messages: readonly MessageRecord[],
): TranscriptActivity[] {
  return messages.map((message) => toTranscriptActivity(engine, message));
}

function toTranscriptActivity(engine: Engine, message: MessageRecord): TranscriptActivity {
  const conversation = engine.store.conversations.get(message.conversationId);
  const contact = conversation && engine.store.contacts.get(conversation.contactId);
  const channel = engine.options.channels.find((c) => c.id === message.channelId);
  const user: TranscriptAccount = {
    id: contact?.phone ?? (message.direction === 'received' ? message.from : message.to),
    name: contact?.displayName || contact?.phone || message.from,
    role: 'user',
  };
  const bot: TranscriptAccount = {
    id: message.channelId,
    name: channel?.name ?? 'WhatsApp',
    role: 'bot',
  };
  const inbound = message.direction === 'received';
  const activity: TranscriptActivity = {
    type: 'message',
    id: message.id,
    timestamp: new Date(message.createdAt).toISOString(),
    channelId: 'whatsapp',
    from: inbound ? user : bot,
    recipient: inbound ? bot : user,
    conversation: { id: message.conversationId },
    channelData: { type: message.type, content: message.content, status: message.status },
  };
  if (message.error) activity.channelData.error = message.error;
  if (message.replyTo) activity.replyToId = message.replyTo.id;
  const part = message.content[message.type] as Record<string, unknown> | undefined;
  switch (message.type) {
    case 'text':
      activity.text = String(message.content.text ?? '');
      break;
    case 'image':
    case 'video':
    case 'audio':
    case 'file': {
      const url = String(part?.url ?? '');
      activity.attachments = [{ contentType: mediaType(message.type, url), contentUrl: url }];
      if (part?.caption) activity.text = String(part.caption);
      break;
    }
    case 'location': {
      const location = part as { latitude: number; longitude: number; label?: string };
      activity.entities = [
        {
          type: 'GeoCoordinates',
          latitude: location.latitude,
          longitude: location.longitude,
          ...(location.label ? { name: location.label } : {}),
        },
      ];
      activity.text = `📍 ${location.latitude}, ${location.longitude}`;
      break;
    }
    case 'interactive': {
      const interactive = part as unknown as InteractiveContent;
      if (interactive.reply) {
        activity.text = interactive.reply.text ?? interactive.reply.title ?? '';
        activity.value = { id: interactive.reply.id };
        break;
      }
      activity.text = interactive.body?.text ?? '';
      const header = interactive.header;
      const media = header?.image ?? header?.video;
      if (media && header) {
        activity.attachments = [
          { contentType: mediaType(header.type, media.url), contentUrl: media.url },
        ];
      }
      const choices = choicesOf(interactive);
      if (choices.length > 0) {
        activity.suggestedActions = {
          to: [user.id],
          actions: choices.map((c) => ({ type: 'imBack', title: c.title, value: c.title })),
        };
      }
      break;
    }
    case 'hsm': {
      const view = templateView(engine, part as unknown as Hsm);
      activity.text = view.text ?? `[template ${view.name}]`;
      break;
    }
    default:
      break;
  }
  return activity;
}
