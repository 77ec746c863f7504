import {
  type BirdAction,
  type BirdBody,
  type BirdFile,
  type BirdImage,
  type BirdList,
  type BirdLocation,
  type BirdText,
  captionText,
} from '../../bird/body.js';
import type { Hsm } from '../../messagebird/hsm.js';
import { WHATSAPP_LIMITS } from '../../whatsapp/index.js';
import type { TemplateRecord } from '../records.js';
import { TEMPLATE_ERROR_CODES } from '../templates.js';

/*
 * A Bird send, as the engine keeps it: Bird's body or template turned into the WhatsApp content of
 * the Conversations API, which the engine, the chat page and the transcript already know. Pure
 * functions; a body WhatsApp cannot show is a BirdFieldError naming the Bird field.
 */

/** A body WhatsApp cannot carry: the Bird field (dotted, as sent) and what to change. */
export class BirdFieldError extends Error {
  override readonly name = 'BirdFieldError';

  /** Creates the error for one field. */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Engine content: a type and its content object. */
export interface EngineContent {
  type: string;
  content: Record<string, unknown>;
}

/** The label of the button that opens a list when the list body gives no `altText`. */
export const DEFAULT_LIST_BUTTON = 'Choose';

const fail = (field: string, message: string): never => {
  throw new BirdFieldError(field, message);
};

const atMost = (value: string, limit: number, field: string, what: string): string => {
  if (value.length > limit) fail(field, `WhatsApp shows at most ${limit} characters in ${what}`);
  return value;
};

/** An action as a button or row: its id (the postback payload, or a reply's own text) and title. */
function choice(action: BirdAction, field: string, titleLimit: number, idLimit: number) {
  if (action.type === 'postback') {
    return {
      id: atMost(action.postback.payload, idLimit, `${field}.postback.payload`, 'a payload'),
      title: atMost(action.postback.text, titleLimit, `${field}.postback.text`, 'a title'),
    };
  }
  const title = atMost(action.reply.text, titleLimit, `${field}.reply.text`, 'a title');
  return { id: title, title };
}

const distinct = (ids: string[], field: string, what: string): void => {
  if (new Set(ids).size !== ids.length) {
    fail(field, `two ${what} have the same payload (or reply text): give each its own`);
  }
};

/**
 * `text`: a WhatsApp text (4096 characters); with actions, an interactive message with a reply
 * button per action (at most 3, titles of 20; a postback's payload is the button's id, a reply
 * action's id is its text). The docs say actions render as WhatsApp reply buttons; WhatsApp's own
 * limits apply (a reading: more than 3 are refused here, not turned into a list).
 */
function fromText(text: BirdText): EngineContent {
  const actions = text.actions ?? [];
  if (actions.length === 0) {
    atMost(text.text, WHATSAPP_LIMITS.text, 'body.text.text', 'a text: split it');
    return { type: 'text', content: { text: text.text } };
  }
  atMost(text.text, WHATSAPP_LIMITS.interactiveBody, 'body.text.text', 'a text with buttons');
  if (actions.length > WHATSAPP_LIMITS.buttons) {
    fail(
      'body.text.actions',
      `WhatsApp shows at most ${WHATSAPP_LIMITS.buttons} reply buttons: send a list body for more`,
    );
  }
  const buttons = actions.map((action, i) => ({
    type: 'reply',
    ...choice(
      action,
      `body.text.actions.${i}`,
      WHATSAPP_LIMITS.buttonTitle,
      WHATSAPP_LIMITS.buttonId,
    ),
  }));
  distinct(
    buttons.map((b) => b.id),
    'body.text.actions',
    'buttons',
  );
  return {
    type: 'interactive',
    content: {
      interactive: { type: 'button', body: { text: text.text }, action: { buttons } },
    },
  };
}

const caption = (text: BirdImage['text'], field: string): string | undefined => {
  const value = captionText(text);
  if (value === undefined || value === '') return undefined;
  return atMost(value, WHATSAPP_LIMITS.caption, field, 'a caption');
};

/** `image`: one WhatsApp image with its caption (WhatsApp carries one image per message). */
function fromImage(image: BirdImage): EngineContent {
  if (image.images.length > 1) {
    fail('body.image.images', 'WhatsApp carries one image per message: send one message per image');
  }
  const url = (image.images[0] as BirdImage['images'][number]).mediaUrl;
  const text = caption(image.text, 'body.image.text');
  return { type: 'image', content: { image: text ? { url, caption: text } : { url } } };
}

/** The WhatsApp media type a file's MIME type makes: audio, video, or a document. */
export function mediaTypeOf(contentType: string): 'audio' | 'video' | 'file' {
  const major = contentType.split('/')[0]?.trim().toLowerCase();
  if (major === 'audio') return 'audio';
  if (major === 'video') return 'video';
  return 'file';
}

/**
 * `file`: WhatsApp audio, video or a document, by `contentType` (bird-facts.md: all three are
 * Bird's `file`). One file per message; audio carries no caption on WhatsApp.
 */
function fromFile(file: BirdFile): EngineContent {
  if (file.files.length > 1) {
    fail('body.file.files', 'WhatsApp carries one file per message: send one message per file');
  }
  const item = file.files[0] as BirdFile['files'][number];
  const type = mediaTypeOf(item.contentType);
  const text = caption(file.text, 'body.file.text');
  if (type === 'audio' && text) {
    fail('body.file.text', 'WhatsApp shows no caption on audio: send the text as its own message');
  }
  const media: Record<string, unknown> = { url: item.mediaUrl };
  if (text) media.caption = text;
  return { type, content: { [type]: media } };
}

/** `location` (the reading of src/bird): a WhatsApp location pin. */
function fromLocation(location: BirdLocation): EngineContent {
  const { latitude, longitude } = location.coordinates;
  return { type: 'location', content: { location: { latitude, longitude } } };
}

/**
 * `list`: a WhatsApp list. Each item is a section (its `title` the section title, required by
 * WhatsApp when there are several), each action a row (a postback's payload is the row id). The
 * label of the button that opens the list is `altText` (a reading: Bird gives that label no field
 * of its own; "Choose" without one) and `title` the list's header.
 */
function fromList(list: BirdList): EngineContent {
  atMost(list.text, WHATSAPP_LIMITS.interactiveBody, 'body.list.text', 'the text of a list');
  const button = atMost(
    list.altText || DEFAULT_LIST_BUTTON,
    WHATSAPP_LIMITS.listButton,
    'body.list.altText',
    'the label of the button that opens a list',
  );
  if (list.items.length > WHATSAPP_LIMITS.listSections) {
    fail('body.list.items', `WhatsApp shows at most ${WHATSAPP_LIMITS.listSections} sections`);
  }
  const sections = list.items.map((item, i) => {
    const field = `body.list.items.${i}`;
    if (item.title)
      atMost(item.title, WHATSAPP_LIMITS.sectionTitle, `${field}.title`, 'a section title');
    else if (list.items.length > 1) {
      fail(`${field}.title`, 'a list with several items needs a title on every item');
    }
    const rows = item.actions.map((action, j) =>
      choice(action, `${field}.actions.${j}`, WHATSAPP_LIMITS.rowTitle, WHATSAPP_LIMITS.rowId),
    );
    return item.title ? { title: item.title, rows } : { rows };
  });
  const ids = sections.flatMap((s) => s.rows.map((r) => r.id));
  if (ids.length > WHATSAPP_LIMITS.listRows) {
    fail(
      'body.list.items',
      `WhatsApp shows at most ${WHATSAPP_LIMITS.listRows} rows in all items together`,
    );
  }
  distinct(ids, 'body.list.items', 'rows');
  const interactive: Record<string, unknown> = {
    type: 'list',
    body: { text: list.text },
    action: { button, sections },
  };
  if (list.title) {
    const header = atMost(
      list.title,
      WHATSAPP_LIMITS.headerText,
      'body.list.title',
      'a list title',
    );
    interactive.header = { type: 'text', text: header };
  }
  return { type: 'interactive', content: { interactive } };
}

/** The body types the simulator's WhatsApp channel plays. */
export const PLAYED_BODY_TYPES = ['text', 'image', 'file', 'list', 'location'] as const;

/**
 * A Bird body as WhatsApp content: `text` (with actions: reply buttons), `image`, `file` (audio,
 * video or document), `list`, `location`. Another type (contacts, reaction, product…) is refused,
 * naming `body.type`: the simulator does not play it.
 *
 * @example
 * birdBodyToContent({ type: 'text', text: { text: 'Hi' } }); // { type: 'text', content: { text: 'Hi' } }
 */
export function birdBodyToContent(body: BirdBody): EngineContent {
  const typed = body as BirdBody & Record<string, unknown>;
  switch (body.type) {
    case 'text':
      return fromText(typed.text as BirdText);
    case 'image':
      return fromImage(typed.image as BirdImage);
    case 'file':
      return fromFile(typed.file as BirdFile);
    case 'list':
      return fromList(typed.list as BirdList);
    case 'location':
      return fromLocation(typed.location as BirdLocation);
    default:
      return fail(
        'body.type',
        `the simulator plays ${PLAYED_BODY_TYPES.join(', ')} bodies and templates on WhatsApp, not "${body.type}"`,
      );
  }
}

/** A Bird template send, as far as the simulator reads it. */
export interface BirdTemplateInput {
  projectId: string;
  version: string;
  locale: string;
  name?: string;
  parameters?: readonly { type?: string; key: string; value: string }[];
  variables?: Readonly<Record<string, string>>;
}

/** A template send as the engine keeps it, and why it will fail, if it will. */
export interface TemplateContent extends EngineContent {
  /** Found the template but not all of it fits, or not found: the message fails with this. */
  problem?: { code: number; description: string };
}

/**
 * A Bird template send as a WhatsApp template message (`hsm`): the template registered in the
 * simulator with this `projectId`, `locale` (`en-US` is read as `en_US`) and `version` (`latest`
 * or its version id), its `{{1}}`…`{{n}}` filled from the parameters by key in the order of its
 * `variables` (`template.variables`, a key → value map, is read too). An unknown template, a
 * missing or unknown key is not a request error: the send is accepted, then fails with a reason
 * naming the template (a reading, as the Conversations API's 2001 and 2000). Whether it is
 * approved is checked with the message, as for `/v1` (lifecycle.ts).
 */
export function birdTemplateToContent(
  template: BirdTemplateInput,
  find: (projectId: string, locale: string, version: string) => TemplateRecord | undefined,
): TemplateContent {
  const found = find(template.projectId, template.locale, template.version);
  const language = template.locale.replace('-', '_');
  if (!found) {
    const hsm = {
      namespace: '',
      templateName: template.name ?? template.projectId,
      language: { policy: 'deterministic', code: language },
      params: [],
    };
    return {
      type: 'hsm',
      content: { hsm },
      problem: {
        code: TEMPLATE_ERROR_CODES.missing,
        description: `template of project ${template.projectId} (${template.locale}, version ${template.version}) does not exist: register it with POST /_sim/templates giving its projectId, and approve it`,
      },
    };
  }
  const given = new Map<string, string>(Object.entries(template.variables ?? {}));
  for (const p of template.parameters ?? []) given.set(p.key, p.value);
  const names = found.variables ?? [];
  const label = `template "${found.name}" (${found.language}) of project ${template.projectId}`;
  const missing = names.filter((name) => !given.has(name));
  const unknown = [...given.keys()].filter((key) => !names.includes(key));
  const hsm: Hsm = {
    namespace: found.namespace,
    templateName: found.name,
    language: { policy: 'deterministic', code: found.language },
    params: names
      .filter((name) => given.has(name))
      .map((name) => ({ default: given.get(name) as string })),
  };
  const result: TemplateContent = { type: 'hsm', content: { hsm } };
  const needs = names.length > 0 ? `its variables are ${names.join(', ')}` : 'it has no variables';
  if (missing.length > 0) {
    result.problem = {
      code: TEMPLATE_ERROR_CODES.parameterMismatch,
      description: `${label} needs parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: give parameters [{type: "string", key, value}] for each (${needs})`,
    };
  } else if (unknown.length > 0) {
    result.problem = {
      code: TEMPLATE_ERROR_CODES.parameterMismatch,
      description: `${label} has no variable ${unknown.join(', ')}: ${needs}`,
    };
  }
  return result;
}
