import * as v from 'valibot';
import {
  LANGUAGE_CODE_PATTERN,
  LanguageCode,
  TEMPLATE_NAME_PATTERN,
  TemplateName,
} from '../whatsapp/index.js';
import { NonEmptyString } from './ids.js';

/**
 * Template names and language codes follow WhatsApp's rules (src/whatsapp); re-exported here under
 * the names this module has always had.
 */
export { LANGUAGE_CODE_PATTERN, LanguageCode, TEMPLATE_NAME_PATTERN, TemplateName };

/** `hsm.language`: `policy` is optional on the wire (MessageBird's examples always send it). */
export const HsmLanguage = v.object({
  policy: v.optional(v.picklist(['deterministic', 'fallback'])),
  code: LanguageCode,
});

/** One `hsm.params` entry: a text default, optionally a currency (amount ×1000) or a date-time. */
export const HsmParam = v.looseObject({
  default: v.string(),
  currency: v.optional(
    v.object({
      currencyCode: v.pipe(
        v.string(),
        v.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'),
      ),
      amount: v.pipe(
        v.number(),
        v.integer('amount is in thousandths of the unit: 12.5 EUR is 12500'),
      ),
    }),
  ),
  dateTime: v.optional(v.string()),
});

const MediaRef = v.looseObject({ url: NonEmptyString });

/** One parameter of a template component (`components[].parameters[]`). */
export const ComponentParameter = v.variant('type', [
  v.looseObject({ type: v.literal('text'), text: v.string() }),
  v.looseObject({
    type: v.literal('currency'),
    currency: v.looseObject({
      fallback_value: v.string(),
      code: v.string(),
      amount_1000: v.number(),
    }),
  }),
  v.looseObject({
    type: v.literal('date_time'),
    date_time: v.looseObject({ fallback_value: v.string() }),
  }),
  v.looseObject({ type: v.literal('image'), image: MediaRef }),
  v.looseObject({ type: v.literal('video'), video: MediaRef }),
  v.looseObject({
    type: v.literal('document'),
    document: v.looseObject({ url: NonEmptyString, filename: v.optional(v.string()) }),
  }),
  v.looseObject({ type: v.literal('payload'), payload: v.string() }),
]);

/** A template component: header, body, footer or button, with its parameters. */
export const HsmComponent = v.looseObject({
  type: v.picklist(['header', 'body', 'footer', 'button']),
  sub_type: v.optional(v.string()),
  index: v.optional(v.union([v.number(), v.string()])),
  parameters: v.optional(v.array(ComponentParameter)),
});

/**
 * `content.hsm`, an approved template message. Parameters go either in `params` or in
 * `components`; a message with both is refused (not confirmed by MessageBird: their examples never
 * mix them, and a mix cannot say which wins).
 */
export const Hsm = v.pipe(
  v.object({
    namespace: NonEmptyString,
    templateName: TemplateName,
    language: HsmLanguage,
    params: v.optional(v.array(HsmParam)),
    components: v.optional(v.array(HsmComponent)),
  }),
  v.check(
    (hsm) => hsm.params === undefined || hsm.components === undefined,
    'give the template parameters in params or in components, not both',
  ),
);

/** A template message's content. */
export type Hsm = v.InferOutput<typeof Hsm>;
/** One positional template parameter. */
export type HsmParam = v.InferOutput<typeof HsmParam>;
/** One template component. */
export type HsmComponent = v.InferOutput<typeof HsmComponent>;
