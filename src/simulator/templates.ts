import * as v from 'valibot';
import type { Hsm } from '../messagebird/hsm.js';
import { UUID_PATTERN } from '../messagebird/ids.js';
import {
  LanguageCode,
  TemplateBody,
  TemplateCategoryName,
  TemplateName,
} from '../whatsapp/index.js';
import type { TemplateRecord } from './records.js';

/**
 * `POST /_sim/templates`: `{name, language, category, content, namespace?}` and, for Bird's
 * Channels API, `projectId`, `version` and `variables` (the names of `{{1}}`…`{{n}}`, required
 * with a projectId when the body has placeholders), checked by WhatsApp's
 * template rules (src/whatsapp): the name's pattern and length, the language code, the category or
 * an older alias of one (read with a warning), the body's length and placeholders. A submission
 * that breaks one is refused at once with a 422 naming the parameter (`name`, `language`,
 * `category`, `content`) and saying what is wrong, not accepted and rejected later: WhatsApp checks
 * the format when a template is submitted (our reading; MessageBird's template API is not
 * modelled beyond this). Review rules (a placeholder at the very start or end, too few words
 * around the placeholders) are left to the `approve` and `reject` routes.
 */
export const SubmitTemplateRequest = v.object({
  name: TemplateName,
  language: LanguageCode,
  category: TemplateCategoryName,
  content: TemplateBody,
  namespace: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, 'expected a namespace'))),
  /** Bird: the project the template belongs to, so the Channels API can send it by projectId. */
  projectId: v.optional(v.pipe(v.string(), v.regex(UUID_PATTERN, 'expected a dashed UUID'))),
  /** Bird: the version id a send may name instead of `latest`; the project's own by default. */
  version: v.optional(v.pipe(v.string(), v.regex(UUID_PATTERN, 'expected a dashed UUID'))),
  /** Bird: the names of `{{1}}`…`{{n}}` in order, the keys of a Channels API send's parameters. */
  variables: v.optional(
    v.array(
      v.pipe(
        v.string(),
        v.regex(
          /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
          'a variable name is letters, digits and _, such as order_id',
        ),
      ),
    ),
  ),
});

/** `POST /_sim/templates/{name}/{language}/reject`: an optional reason. */
export const RejectTemplateRequest = v.optional(v.object({ reason: v.optional(v.string()) }));

/** A submitted template body. */
export type SubmitTemplateRequest = v.InferOutput<typeof SubmitTemplateRequest>;

/**
 * Template failure codes on a failed message. MessageBird passes on WhatsApp's codes (470, 302
 * are WhatsApp Business API codes); for templates we use that API's 2001 "template missing"
 * (unknown, other namespace, not approved) and 2000 "parameter count mismatch" (our choice: no
 * source shows what MessageBird reports).
 */
export const TEMPLATE_ERROR_CODES = {
  missing: 2001,
  parameterMismatch: 2000,
} as const;

/** Why a template message cannot be delivered, or undefined when it can. */
export interface TemplateProblem {
  code: number;
  description: string;
}

/**
 * How many values a template message gives for the body's placeholders: `params.length`, or the
 * text, currency and date-time parameters of its `body` components (header media and button
 * payloads fill no body placeholder).
 */
export function parametersGiven(hsm: Hsm): number {
  if (hsm.params) return hsm.params.length;
  let count = 0;
  for (const component of hsm.components ?? []) {
    if (component.type !== 'body') continue;
    for (const p of component.parameters ?? []) {
      if (p.type === 'text' || p.type === 'currency' || p.type === 'date_time') count++;
    }
  }
  return count;
}

/**
 * Finds the template a message names. With `policy: "fallback"` a missing `en_US` falls back to
 * `en` (WhatsApp's fallback picks a language the template exists in; our reading, not
 * confirmed); `deterministic` (and no policy) needs the exact code.
 */
export function findTemplate(
  lookup: (name: string, language: string) => TemplateRecord | undefined,
  hsm: Hsm,
): TemplateRecord | undefined {
  const exact = lookup(hsm.templateName, hsm.language.code);
  if (exact || hsm.language.policy !== 'fallback') return exact;
  const base = hsm.language.code.split('_')[0] ?? '';
  return lookup(hsm.templateName, base);
}

/**
 * Checks a template message against the account's templates: known, approved, and one parameter
 * per distinct placeholder (WhatsApp's rule, counted by src/whatsapp `placeholdersOf` at
 * submission). A breach is a delivery failure, not a request error: the send is accepted (202),
 * then `failed` with 2001 or 2000 (our choice: MessageBird takes the `hsm` without checking it
 * against the template, which WhatsApp holds; messagebird-facts.md puts WhatsApp's refusals on
 * the message as `error {code, description}`).
 */
export function checkTemplateMessage(
  lookup: (name: string, language: string) => TemplateRecord | undefined,
  hsm: Hsm,
): TemplateProblem | undefined {
  const template = findTemplate(lookup, hsm);
  const label = `template "${hsm.templateName}" (${hsm.language.code})`;
  if (!template || template.namespace !== hsm.namespace) {
    return {
      code: TEMPLATE_ERROR_CODES.missing,
      description: template
        ? `${label} does not exist in namespace ${hsm.namespace}: use the account's namespace ${template.namespace}`
        : `${label} does not exist: submit it and have it approved first`,
    };
  }
  if (template.status !== 'APPROVED') {
    return {
      code: TEMPLATE_ERROR_CODES.missing,
      description: `${label} is ${template.status}, not APPROVED: only approved templates can be sent`,
    };
  }
  const given = parametersGiven(hsm);
  if (given !== template.parameterCount) {
    return {
      code: TEMPLATE_ERROR_CODES.parameterMismatch,
      description: `${label} has ${template.parameterCount} parameters but the message gives ${given}`,
    };
  }
  return undefined;
}
