import * as v from 'valibot';
import { WHATSAPP_LIMITS } from '../whatsapp/index.js';
import { Hsm } from './hsm.js';
import { InteractiveReply, OutboundInteractive } from './interactive.js';

/** Message types the bot can send through `/send`, `/conversations/start` and replies. */
export const OUTBOUND_MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'file',
  'location',
  'hsm',
  'interactive',
] as const;

/** Message types a WhatsApp contact can send us that we model; others pass through as raw data. */
export const INBOUND_MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'file',
  'location',
  'interactive',
  'whatsappSticker',
  'whatsappOrder',
  'whatsappText',
] as const;

/** Every message type we model. In each, the one content key is named like the type. */
export const MESSAGE_TYPES = [...new Set([...OUTBOUND_MESSAGE_TYPES, ...INBOUND_MESSAGE_TYPES])];

/** A message type the bot can send. */
export type OutboundMessageType = (typeof OUTBOUND_MESSAGE_TYPES)[number];
/** A message type we model. */
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** A coordinate as a number, or as a numeric string that some clients send; parsed to a number. */
const coordinate = (name: string, limit: number) =>
  v.pipe(
    v.union(
      [v.number(), v.pipe(v.string(), v.regex(/^\s*-?\d+(?:\.\d+)?\s*$/))],
      `${name} must be a number`,
    ),
    v.transform(Number),
    v.number(),
    v.minValue(-limit, `${name} must be between -${limit} and ${limit}`),
    v.maxValue(limit, `${name} must be between -${limit} and ${limit}`),
  );

/** `content.location`: latitude and longitude in degrees. */
export const Location = v.looseObject({
  latitude: coordinate('latitude', 90),
  longitude: coordinate('longitude', 180),
});

/** `content.image|video|audio|file` on a received message: a URL and an optional caption. */
export const Media = v.looseObject({ url: v.string(), caption: v.optional(v.string()) });

/**
 * `content.image|video|audio|file` in a request: an http(s) URL MessageBird can fetch and a caption
 * of at most 1024 characters (WhatsApp's limit, src/whatsapp).
 */
export const OutboundMedia = v.object({
  url: v.pipe(
    v.string(),
    v.url('expected an absolute http(s) URL of the media'),
    v.regex(/^https?:\/\//i, 'expected an absolute http(s) URL of the media'),
  ),
  caption: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(
        WHATSAPP_LIMITS.caption,
        `WhatsApp captions are at most ${WHATSAPP_LIMITS.caption} characters: send the rest as a text`,
      ),
    ),
  ),
});

/** `content.text` in a request: 1 to 4096 characters (WhatsApp's limit, src/whatsapp). */
export const OutboundText = v.pipe(
  v.string(),
  v.minLength(1, 'text must not be empty'),
  v.maxLength(
    WHATSAPP_LIMITS.text,
    `WhatsApp texts are at most ${WHATSAPP_LIMITS.text} characters: split it into several messages`,
  ),
);

/** `content.whatsappSticker`: a link to a webp sticker. */
export const WhatsappSticker = v.looseObject({ link: v.string() });

/** `content.whatsappOrder`: a cart sent from a WhatsApp catalog. */
export const WhatsappOrder = v.looseObject({
  catalog_id: v.string(),
  product_items: v.array(
    v.looseObject({
      product_retailer_id: v.string(),
      quantity: v.optional(v.union([v.number(), v.string()])),
      item_price: v.optional(v.union([v.number(), v.string()])),
      currency: v.optional(v.string()),
    }),
  ),
  text: v.optional(v.string()),
});

/** `content.whatsappText`: a text that quotes a message or asks about a catalog product. */
export const WhatsappText = v.looseObject({
  text: v.looseObject({ body: v.string() }),
  context: v.optional(
    v.looseObject({
      id: v.optional(v.string()),
      from: v.optional(v.string()),
      referred_product: v.optional(
        v.looseObject({
          catalog_id: v.optional(v.string()),
          product_retailer_id: v.optional(v.string()),
        }),
      ),
    }),
  ),
});

/** The content keys of every type we model, to refuse a second one beside the type's own. */
const CONTENT_KEYS: readonly string[] = MESSAGE_TYPES;

const onlyKey = <T extends object>(key: string) =>
  v.check(
    (content: T) => CONTENT_KEYS.every((other) => other === key || !(other in content)),
    `content must hold only the "${key}" key that type "${key}" names`,
  );

/** The content schema of one type: its key, required, and no other modelled type's key beside it. */
const contentOf = <K extends string, S extends v.GenericSchema>(key: K, schema: S) => {
  const object = v.looseObject({ [key]: schema } as { [P in K]: S });
  return v.pipe(object, onlyKey<v.InferOutput<typeof object>>(key));
};

/** Content schemas of the outbound types, by type, for requests. */
export const OUTBOUND_CONTENT = {
  text: contentOf('text', OutboundText),
  image: contentOf('image', OutboundMedia),
  video: contentOf('video', OutboundMedia),
  audio: contentOf('audio', OutboundMedia),
  file: contentOf('file', OutboundMedia),
  location: contentOf('location', Location),
  hsm: contentOf('hsm', Hsm),
  interactive: contentOf('interactive', OutboundInteractive),
} satisfies Record<OutboundMessageType, v.GenericSchema>;

/** Content schemas by type for Message resources and webhooks, inbound and outbound. */
export const MESSAGE_CONTENT = {
  text: contentOf('text', v.string()),
  image: contentOf('image', Media),
  video: contentOf('video', Media),
  audio: contentOf('audio', Media),
  file: contentOf('file', Media),
  location: contentOf('location', Location),
  hsm: contentOf('hsm', v.looseObject({ templateName: v.optional(v.string()) })),
  interactive: contentOf('interactive', v.union([OutboundInteractive, InteractiveReply])),
  whatsappSticker: contentOf('whatsappSticker', WhatsappSticker),
  whatsappOrder: contentOf('whatsappOrder', WhatsappOrder),
  whatsappText: contentOf('whatsappText', WhatsappText),
} satisfies Record<MessageType, v.GenericSchema>;

/** Parsed location content. */
export type Location = v.InferOutput<typeof Location>;
/** Parsed media content. */
export type Media = v.InferOutput<typeof Media>;
/** Parsed order content. */
export type WhatsappOrder = v.InferOutput<typeof WhatsappOrder>;
/** Parsed whatsappText content. */
export type WhatsappText = v.InferOutput<typeof WhatsappText>;
