import * as v from 'valibot';
import { HttpUrl, NonEmpty } from './common.js';

/**
 * A reply action: a WhatsApp quick-reply button known by its text. Source: docs.bird.com
 * channels-api/message-types/text. It has no id or payload; a tap comes back as its text.
 */
export const BirdReplyAction = v.looseObject({
  type: v.literal('reply'),
  reply: v.looseObject({ text: NonEmpty }),
});

/**
 * A postback action: a button or list row whose `payload` comes back when it is tapped.
 * Source: docs.bird.com channels-api/message-types/text and list.
 */
export const BirdPostbackAction = v.looseObject({
  type: v.literal('postback'),
  postback: v.looseObject({ text: NonEmpty, payload: NonEmpty }),
});

/**
 * An action of a text body or list item: `reply` or `postback`, the two Bird documents for
 * WhatsApp (message-types/text, list). Other action types are refused with a message naming them.
 */
export const BirdAction = v.variant('type', [BirdReplyAction, BirdPostbackAction], (issue) =>
  issue.input === undefined
    ? 'give the action a type: reply or postback'
    : `expected an action of type reply or postback, got ${JSON.stringify(issue.input)}`,
);

/**
 * A caption: the docs (message-types/images) put a plain string in `image.text`; one code base
 * sends and reads `{text}`. Send the string; read both.
 */
export const BirdCaption = v.union(
  [v.string(), v.looseObject({ text: v.string() })],
  'expected a caption: a string, or {text}',
);

/** `text`: the text and, optionally, actions shown as reply buttons. Source: message-types/text. */
export const BirdText = v.looseObject({
  text: NonEmpty,
  actions: v.optional(v.array(BirdAction)),
});

/** One image: its URL and an optional alt text. Source: message-types/images. */
export const BirdImageItem = v.looseObject({
  mediaUrl: HttpUrl,
  altText: v.optional(v.string()),
});

/** `image`: one or more images and an optional caption. Stickers arrive as images too. */
export const BirdImage = v.looseObject({
  images: v.pipe(v.array(BirdImageItem), v.minLength(1, 'give at least one image')),
  text: v.optional(BirdCaption),
});

/** One file: its MIME type, URL and an optional file name. Source: message-types/files. */
export const BirdFileItem = v.looseObject({
  contentType: NonEmpty,
  mediaUrl: HttpUrl,
  filename: v.optional(v.string()),
});

/**
 * `file`: WhatsApp audio, video and documents (contentType tells them apart; source: the type
 * table of programmable-whatsapp/sending-whatsapp-messages). The caption is read as string or
 * `{text}` like an image's (reading: the files page shows no caption form of its own).
 */
export const BirdFile = v.looseObject({
  files: v.pipe(v.array(BirdFileItem), v.minLength(1, 'give at least one file')),
  text: v.optional(BirdCaption),
});

/** One item of a list: an optional section title and its rows, postback actions. */
export const BirdListItem = v.looseObject({
  title: v.optional(v.string()),
  actions: v.pipe(v.array(BirdAction), v.minLength(1, 'give each item at least one action')),
});

/**
 * `list`: a WhatsApp list message. Source: message-types/list (docs.messagebird.com mirror).
 * Reading: WhatsApp's "open list" button label has no field of its own; `altText` (or `title`)
 * is the reading.
 */
export const BirdList = v.looseObject({
  title: v.optional(v.string()),
  text: NonEmpty,
  altText: v.optional(v.string()),
  items: v.pipe(v.array(BirdListItem), v.minLength(1, 'give the list at least one item')),
});

/**
 * `location` (a reading): `{coordinates: {latitude, longitude}, location?: {address?, label?}}`.
 * The type table of sending-whatsapp-messages lists location, but no stored copy of Bird's docs or
 * any code base shows its body; this shape follows Bird's habit of nesting a type's fields under
 * its own key and WhatsApp's location message (latitude, longitude, name, address).
 */
export const BirdLocation = v.looseObject({
  coordinates: v.looseObject({
    latitude: v.pipe(
      v.number('expected latitude as a number'),
      v.minValue(-90, 'latitude must be -90 to 90'),
      v.maxValue(90, 'latitude must be -90 to 90'),
    ),
    longitude: v.pipe(
      v.number('expected longitude as a number'),
      v.minValue(-180, 'longitude must be -180 to 180'),
      v.maxValue(180, 'longitude must be -180 to 180'),
    ),
  }),
  location: v.optional(
    v.looseObject({ address: v.optional(v.string()), label: v.optional(v.string()) }),
  ),
});

/** The body types we model, each with its content schema under the key of its type. */
const BODY_CONTENT = {
  text: BirdText,
  image: BirdImage,
  file: BirdFile,
  list: BirdList,
  location: BirdLocation,
} as const;

/** Every body type we model. */
export const BIRD_BODY_TYPES = ['text', 'image', 'file', 'list', 'location'] as const;

/** A body type we model. */
export type BirdBodyType = (typeof BIRD_BODY_TYPES)[number];

const KNOWN_TYPES: ReadonlySet<string> = new Set(BIRD_BODY_TYPES);

/** A body of a type we do not model (contacts, reaction, product…): kept as it came. */
const OtherBody = v.looseObject({
  type: v.pipe(
    NonEmpty,
    v.check((t) => !KNOWN_TYPES.has(t), 'expected a body type'),
  ),
});

/** `{type, <type>: content}` of each type we model, paired. */
export type BirdTypedBody = {
  [K in BirdBodyType]: { type: K } & { [P in K]: v.InferOutput<(typeof BODY_CONTENT)[K]> };
}[BirdBodyType];

/** A body of a type we do not model, with whatever it carries. */
export type BirdOtherBody = { type: string; [key: string]: unknown };

/** A message body: one of the modelled types, or another kept as it came (never dropped). */
export type BirdBody = BirdTypedBody | BirdOtherBody;

/**
 * A message body, variant on `type`: `text`, `image`, `file`, `list`, `location` must carry their
 * content under the key of their type; other types pass through untouched.
 */
export const BirdBody = v.variant('type', [
  ...BIRD_BODY_TYPES.map((type) =>
    v.looseObject({ type: v.literal(type), [type]: BODY_CONTENT[type] }),
  ),
  OtherBody,
]) as unknown as v.GenericSchema<unknown, BirdBody>;

/** A body of one modelled type. */
export type BirdBodyOf<K extends BirdBodyType> = Extract<BirdTypedBody, { type: K }>;

/**
 * Narrows a body to one modelled type, so its content is typed.
 *
 * @example
 * if (isBirdBodyType(message.body, 'image')) console.log(message.body.image.images[0]?.mediaUrl);
 */
export function isBirdBodyType<K extends BirdBodyType>(
  body: BirdBody | undefined | null,
  type: K,
): body is BirdBodyOf<K> {
  return body?.type === type;
}

/**
 * A caption's text, whichever form it came in (`"text"` or `{text}`).
 *
 * @example
 * captionText(body.image.text); // 'de beschadigde doos'
 */
export function captionText(caption: BirdCaption | undefined | null): string | undefined {
  if (caption === undefined || caption === null) return undefined;
  return typeof caption === 'string' ? caption : caption.text;
}

/** An action. */
export type BirdAction = v.InferOutput<typeof BirdAction>;
/** A reply action. */
export type BirdReplyAction = v.InferOutput<typeof BirdReplyAction>;
/** A postback action. */
export type BirdPostbackAction = v.InferOutput<typeof BirdPostbackAction>;
/** A caption. */
export type BirdCaption = v.InferOutput<typeof BirdCaption>;
/** A text body's content. */
export type BirdText = v.InferOutput<typeof BirdText>;
/** An image body's content. */
export type BirdImage = v.InferOutput<typeof BirdImage>;
/** One image. */
export type BirdImageItem = v.InferOutput<typeof BirdImageItem>;
/** A file body's content. */
export type BirdFile = v.InferOutput<typeof BirdFile>;
/** One file. */
export type BirdFileItem = v.InferOutput<typeof BirdFileItem>;
/** A list body's content. */
export type BirdList = v.InferOutput<typeof BirdList>;
/** One list item. */
export type BirdListItem = v.InferOutput<typeof BirdListItem>;
/** A location body's content (a reading). */
export type BirdLocation = v.InferOutput<typeof BirdLocation>;
