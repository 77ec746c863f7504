import * as v from 'valibot';
import { type Hsm, LanguageCode, TemplateName } from '../messagebird/hsm.js';
import type { TemplateRecord } from './records.js';

/** WhatsApp's template categories. */
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/**
 * Older category names users copy from MessageBird and respond.io pages, accepted (any case,
 * spaces, dashes or underscores) as aliases with a warning.
 */
const CATEGORY_ALIASES: Record<string, (typeof TEMPLATE_CATEGORIES)[number]> = {
  TRANSACTIONAL: 'UTILITY',
  ONE_TIME_PASSWORD: 'AUTHENTICATION',
  OTP: 'AUTHENTICATION',
};

/** The longest template body WhatsApp accepts. */
export const TEMPLATE_BODY_MAX = 1024;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The distinct `{{n}}` placeholders of a template body, or a reason the body is refused:
 * placeholders must be positive whole numbers `{{1}}`, `{{2}}`… numbered from 1 without gaps.
 */
export function placeholdersOf(content: string): { count: number } | { problem: string } {
  const numbers = new Set<number>();
  for (const match of content.matchAll(PLACEHOLDER)) {
    const inner = match[1] ?? '';
    if (!/^[1-9]\d*$/.test(inner)) {
      return { problem: `placeholder "${match[0]}" is not of the form {{1}}, {{2}}…` };
    }
    numbers.add(Number(inner));
  }
  const count = numbers.size;
  for (let n = 1; n <= count; n++) {
    if (!numbers.has(n)) {
      return { problem: `placeholders must be numbered {{1}} to {{${count}}} without gaps` };
    }
  }
  return { count };
}

/** Reads a category or an alias of one; `warning` says when an alias was used. */
export function normaliseCategory(
  input: string,
): { category: TemplateRecord['category']; warning?: string } | undefined {
  const key = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if ((TEMPLATE_CATEGORIES as readonly string[]).includes(key)) {
    return { category: key as TemplateRecord['category'] };
  }
  const alias = CATEGORY_ALIASES[key];
  if (alias === undefined) return undefined;
  return {
    category: alias,
    warning: `category "${input}" is an older name: it was read as ${alias}`,
  };
}

/** `POST /_sim/templates`: `{name, language, category, content, namespace?}`. */
export const SubmitTemplateRequest = v.object({
  name: TemplateName,
  language: LanguageCode,
  category: v.pipe(
    v.string(),
    v.check(
      (c) => normaliseCategory(c) !== undefined,
      'expected MARKETING, UTILITY or AUTHENTICATION (Transactional and One-time password are read as UTILITY and AUTHENTICATION)',
    ),
  ),
  content: v.pipe(
    v.string(),
    v.minLength(1, 'content must not be empty'),
    v.maxLength(TEMPLATE_BODY_MAX, `the template body is at most ${TEMPLATE_BODY_MAX} characters`),
    v.check(
      (c) => !('problem' in placeholdersOf(c)),
      'placeholders must be {{1}}, {{2}}… in order',
    ),
  ),
  namespace: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, 'expected a namespace'))),
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

/** Checks a template message against the account's templates: known, approved, right count. */
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
