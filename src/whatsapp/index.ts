/**
 * WhatsApp's rules, written once: the 24-hour window, the template grammar and categories, and
 * the limits of texts, captions, buttons and lists. Pure; imports nothing of ours. The adapter
 * (src/core), the wire schemas (src/messagebird) and the simulator all take them from here. Each
 * rule says its source beside it.
 */

// The 24-hour customer-service window.
export { WINDOW_MS, isWindowOpen, windowClosesAt } from './window.js';

// Limits of what a business sends: texts, captions, interactive buttons and lists.
export { WHATSAPP_LIMITS, type WhatsAppLimit } from './limits.js';
export { idsAreDistinct, rowsInAll, sectionTitlesGiven } from './interactive-rules.js';

// Templates: names and languages, the body and its placeholders, categories.
export {
  TEMPLATE_NAME_PATTERN,
  TEMPLATE_NAME_MAX,
  LANGUAGE_CODE_PATTERN,
  TemplateName,
  LanguageCode,
} from './template-names.js';
export { TEMPLATE_BODY_LIMIT, TemplateBody, templateBodyProblem } from './template-body.js';
export { placeholdersOf, fillPlaceholders, type Placeholders } from './placeholders.js';
export {
  TEMPLATE_CATEGORIES,
  CATEGORY_ALIASES,
  CATEGORY_ADVICE,
  TemplateCategoryName,
  readCategory,
  type TemplateCategory,
  type CategoryReading,
} from './template-categories.js';

// Protocol-neutral helpers both wire protocols share: request bodies as bytes, instants, E.164.
export { type BodyBytes, bodyBytes, sha256Hex } from './hash.js';
export { type Instant, toEpochMillis } from './instant.js';
export { PhoneNumberError, isE164, toE164, toMsisdn } from './phone.js';
