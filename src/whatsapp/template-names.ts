import * as v from 'valibot';

/**
 * Template names: lowercase letters, digits and underscores, such as `shipping_alert_1`.
 * source: messagebird-facts.md (Templates: name).
 */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]+$/;

/** The longest template name. source: WhatsApp's documented limit, 512 characters. */
export const TEMPLATE_NAME_MAX = 512;

/**
 * Template language codes such as `en`, `en_US`, `pt_BR`: a lowercase language, optionally an
 * underscore and an uppercase region. source: messagebird-facts.md (Templates: language codes).
 */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(?:_[A-Z]{2})?$/;

/** A template's name as WhatsApp accepts it (pattern and length). */
export const TemplateName = v.pipe(
  v.string(),
  v.regex(
    TEMPLATE_NAME_PATTERN,
    'template names use lowercase letters, digits and underscores only, such as shipping_alert_1',
  ),
  v.maxLength(TEMPLATE_NAME_MAX, `template names are at most ${TEMPLATE_NAME_MAX} characters`),
);

/** A language code such as `en`, `en_US` or `pt_BR`. */
export const LanguageCode = v.pipe(
  v.string(),
  v.regex(LANGUAGE_CODE_PATTERN, 'expected a language code such as en, en_US or pt_BR'),
);
