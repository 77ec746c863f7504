import type { RenderedMessage } from '../simulator/render.js';
import { choicesOf } from '../simulator/transcript.js';
import { fillPlaceholders } from '../whatsapp/index.js';

/**
 * A message a contact received from the bot, as WhatsApp shows it. `status` (and `error`) follow
 * the message's delivery lifecycle live; `payload` is the request the adapter sent MessageBird.
 */
export interface ReceivedMessage {
  /** MessageBird's message id. */
  id: string;
  /** `text`, `interactive`, `image`, `video`, `audio`, `file`, `location`, `hsm`… */
  type: string;
  /** The text, caption or body the contact reads (a template's text with its parameters filled in). */
  text?: string;
  /** The titles of an interactive message's reply buttons. */
  buttons?: string[];
  /** The titles of an interactive list's rows. */
  rows?: string[];
  /** A media file, or an interactive message's image or video header. */
  media?: { url: string; caption?: string };
  /** A location. */
  location?: { latitude: number; longitude: number };
  /** A template (HSM) message. */
  template?: { name: string; language: string; params: string[] };
  /** `accepted`, `pending`, `sent`, `delivered`, `read`, `failed`…: live. */
  status: string;
  /** MessageBird's error once `failed`, such as `{ code: 470, … }` outside the window. */
  error?: { code: number; description: string };
  /** The request the adapter sent MessageBird (`{ to, from, type, content, … }`). */
  payload: unknown;
}

/** A template the kit knows the text of, to show template messages as the contact reads them. */
export interface KnownTemplate {
  name: string;
  language?: string;
  content: string;
}

interface HsmContent {
  templateName: string;
  language?: { code?: string };
  params?: { default: string }[];
  components?: { type: string; parameters?: { type: string; text?: string }[] }[];
}

/** A rendered outbound message as the contact sees it. */
export function toReceivedMessage(
  message: RenderedMessage,
  templates: readonly KnownTemplate[],
): ReceivedMessage {
  const received: ReceivedMessage = {
    id: message.id,
    type: message.type,
    status: message.status,
    payload: { to: message.to, from: message.from, type: message.type, content: message.content },
  };
  if (message.error) received.error = message.error;
  const content = message.content as Record<string, unknown>;
  const part = content[message.type] as Record<string, unknown> | undefined;
  switch (message.type) {
    case 'text':
      received.text = String(content.text ?? '');
      break;
    case 'image':
    case 'video':
    case 'audio':
    case 'file': {
      const media: { url: string; caption?: string } = { url: String(part?.url ?? '') };
      if (part?.caption) {
        media.caption = String(part.caption);
        received.text = media.caption;
      }
      received.media = media;
      break;
    }
    case 'location':
      received.location = {
        latitude: Number(part?.latitude),
        longitude: Number(part?.longitude),
      };
      break;
    case 'interactive': {
      const interactive = part as unknown as Parameters<typeof choicesOf>[0] & {
        body?: { text?: string };
        header?: { image?: { url: string }; video?: { url: string } };
      };
      received.text = interactive.body?.text ?? '';
      const titles = choicesOf(interactive).map((c) => c.title);
      if (interactive.type === 'list') received.rows = titles;
      else received.buttons = titles;
      const header = interactive.header?.image ?? interactive.header?.video;
      if (header) received.media = { url: header.url };
      break;
    }
    case 'hsm': {
      const hsm = part as unknown as HsmContent;
      const language = hsm.language?.code ?? 'en';
      const params = hsm.params
        ? hsm.params.map((p) => p.default)
        : (hsm.components ?? [])
            .filter((c) => c.type === 'body')
            .flatMap((c) => c.parameters ?? [])
            .map((p) => p.text ?? '');
      received.template = { name: hsm.templateName, language, params };
      const known =
        templates.find((t) => t.name === hsm.templateName && (t.language ?? 'en') === language) ??
        templates.find((t) => t.name === hsm.templateName);
      if (known) received.text = fillPlaceholders(known.content, params);
      break;
    }
    default:
      break;
  }
  return received;
}
