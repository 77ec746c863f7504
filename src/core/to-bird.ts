import type { BirdAction, BirdBody } from '../bird/body.js';
import type {
  InteractiveButtons,
  InteractiveList,
  OutboundInteractive,
} from '../messagebird/interactive.js';
import { WHATSAPP_LIMITS } from '../whatsapp/limits.js';
import { bold, joinBlocks } from './cards/whatsapp-format.js';
import { UnsupportedActivityError } from './errors.js';
import { mimeTypeOf } from './mime.js';
import { mediaInfoOf, type OutboundPart } from './outbound-part.js';

/**
 * Turns one WhatsApp-shaped part (what `toMessageBird` makes of an activity) into the Bird bodies
 * that show it, in order. Pure: no I/O.
 *
 * - `text` is a `text` body (the markdown was converted already).
 * - Reply buttons are a `text` body whose `actions` are postbacks: `{text: title, payload: id}`,
 *   so a tap comes back with the button's id (Bird's `reply` actions carry no id). A text header
 *   goes first in bold, a footer last; an image, video or document header is sent before, as its
 *   own message (a Bird text body has no header).
 * - A list is a `list` body: the header is its `title`, the body its `text`, the button label its
 *   `altText` (Bird has no field of its own for it: a reading), each section an item (its title
 *   the section's), each row a postback. Row descriptions have no Bird field and are refused.
 * - An image is an `image` body (`images[{mediaUrl}]`, the caption a string); video, audio and
 *   documents are `file` bodies (`files[{contentType, mediaUrl, filename?}]`), the MIME type the
 *   attachment's, else read from the URL.
 * - A location is a `location` body (`coordinates`; the shape is src/bird's reading).
 * - A MessageBird template (`hsm`) has no Bird equal: Bird templates are sent by project
 *   (`channelData.template` with a Bird template definition), so it is refused.
 *
 * `field` names the part in errors, such as `message part 0 (interactive)`.
 */
export function toBird(part: OutboundPart, field: string): BirdBody[] {
  const content = part.content as Record<string, unknown>;
  switch (part.type) {
    case 'text':
      return [textBody(content.text as string)];
    case 'image': {
      const medium = content.image as { url: string; caption?: string };
      return [imageBody(medium.url, medium.caption)];
    }
    case 'video':
    case 'audio':
    case 'file': {
      const medium = content[part.type] as { url: string; caption?: string };
      const info = mediaInfoOf(part);
      const contentType = info?.contentType ?? mimeTypeOf(part.type, medium.url);
      const filename = part.type === 'file' ? (info?.filename ?? medium.caption) : undefined;
      // A document's caption is its file name on MessageBird; on Bird the name has its own field.
      const caption = medium.caption === filename ? undefined : medium.caption;
      return [fileBody(contentType, medium.url, filename, caption)];
    }
    case 'location': {
      const { latitude, longitude } = content.location as { latitude: number; longitude: number };
      return [{ type: 'location', location: { coordinates: { latitude, longitude } } }];
    }
    case 'interactive':
      return interactiveBodies(content.interactive as OutboundInteractive, field);
    case 'hsm':
      throw new UnsupportedActivityError(
        field,
        'a MessageBird template (hsm) cannot go through Bird: send a Bird template by name (adapter.sendTemplate or channelData.template) defined with its projectId in the templates option',
      );
    default:
      throw new UnsupportedActivityError(field, `Bird has no equal for a ${part.type} message`);
  }
}

function textBody(text: string, actions?: BirdAction[]): BirdBody {
  return { type: 'text', text: actions ? { text, actions } : { text } };
}

function imageBody(url: string, caption?: string): BirdBody {
  return {
    type: 'image',
    image: caption
      ? { images: [{ mediaUrl: url }], text: caption }
      : { images: [{ mediaUrl: url }] },
  };
}

function fileBody(contentType: string, url: string, filename?: string, caption?: string): BirdBody {
  const file: { contentType: string; mediaUrl: string; filename?: string } = {
    contentType,
    mediaUrl: url,
  };
  if (filename) file.filename = filename;
  return { type: 'file', file: caption ? { files: [file], text: caption } : { files: [file] } };
}

function postback(title: string, id: string): BirdAction {
  return { type: 'postback', postback: { text: title, payload: id } };
}

function interactiveBodies(interactive: OutboundInteractive, field: string): BirdBody[] {
  if (interactive.type === 'button') return buttonBodies(interactive);
  if (interactive.type === 'list') return [listBody(interactive, field)];
  throw new UnsupportedActivityError(
    field,
    `Bird has no equal for an interactive ${(interactive as { type?: unknown }).type} message: send reply buttons or a list`,
  );
}

/** Reply buttons: a text body with postbacks, the header's medium before it. */
function buttonBodies(interactive: InteractiveButtons): BirdBody[] {
  const bodies: BirdBody[] = [];
  const header = interactive.header;
  let title: string | undefined;
  if (header?.type === 'text') title = header.text;
  else if (header?.type === 'image') bodies.push(imageBody(header.image.url));
  else if (header?.type === 'video') {
    bodies.push(fileBody(mimeTypeOf('video', header.video.url), header.video.url));
  } else if (header?.type === 'document') {
    const { url, filename } = header.document;
    bodies.push(fileBody(mimeTypeOf('file', filename, url), url, filename));
  }
  const actions = interactive.action.buttons.map((b) => postback(b.title, b.id));
  const text = framed(interactive.body.text, title, interactive.footer?.text);
  if (text.length <= WHATSAPP_LIMITS.interactiveBody) {
    bodies.push(textBody(text, actions));
  } else {
    // The header and footer with the body would be over WhatsApp's limit above buttons: the
    // header and footer go as a text message of their own, before.
    bodies.push(textBody(joinBlocks([title ? bold(title) : undefined, interactive.footer?.text])));
    bodies.push(textBody(interactive.body.text, actions));
  }
  return bodies;
}

/** A list body; a row description (which Bird has no field for) is refused. */
function listBody(interactive: InteractiveList, field: string): BirdBody {
  const items = interactive.action.sections.map((section, s) => ({
    ...(section.title ? { title: section.title } : {}),
    actions: section.rows.map((row, r) => {
      if (row.description) {
        throw new UnsupportedActivityError(
          `${field}: interactive.action.sections[${s}].rows[${r}].description`,
          'Bird’s list rows have no description: put it in the title or the list’s text',
        );
      }
      return postback(row.title, row.id);
    }),
  }));
  const text = framed(interactive.body.text, undefined, interactive.footer?.text);
  return {
    type: 'list',
    list: {
      ...(interactive.header ? { title: interactive.header.text } : {}),
      text,
      altText: interactive.action.button,
      items,
    },
  };
}

/** The body with a bold title above it and the footer below, as WhatsApp would stack them. */
function framed(body: string, title: string | undefined, footer: string | undefined): string {
  return joinBlocks([title ? bold(title) : undefined, body, footer]);
}
