import * as v from 'valibot';
import {
  type Hsm,
  HsmComponent,
  HsmParam,
  LanguageCode,
  TEMPLATE_NAME_PATTERN,
} from '../messagebird/hsm.js';
import { TemplateError } from './errors.js';

/** WhatsApp's template categories. */
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/** A template category. */
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Older category names from MessageBird and respond.io pages, accepted with a warning. */
const CATEGORY_ALIASES: Record<string, TemplateCategory> = {
  transactional: 'UTILITY',
  'one-time password': 'AUTHENTICATION',
  'one time password': 'AUTHENTICATION',
  otp: 'AUTHENTICATION',
};

/** The most characters a template body may have. */
export const TEMPLATE_CONTENT_LIMIT = 1024;

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The placeholder numbers of a template body, in order of first appearance. */
export function placeholdersOf(content: string): number[] {
  const seen: number[] = [];
  for (const match of content.matchAll(PLACEHOLDER)) {
    const n = Number(match[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  return seen;
}

/** `null` when the placeholders run {{1}}, {{2}}… in order, else what is wrong. */
function placeholderProblem(content: string): string | null {
  const found = placeholdersOf(content);
  for (let i = 0; i < found.length; i++) {
    if (found[i] !== i + 1) {
      return `placeholders must be {{1}}, {{2}}… in order of appearance without gaps; found ${found.map((n) => `{{${n}}}`).join(', ')}`;
    }
  }
  return null;
}

/** A template definition as given in the adapter's options. */
export const TemplateDefinition = v.object({
  name: v.pipe(
    v.string(),
    v.regex(
      TEMPLATE_NAME_PATTERN,
      'use lowercase letters, digits and underscores only, such as shipping_update',
    ),
  ),
  language: v.optional(LanguageCode, 'en'),
  category: v.pipe(
    v.string(),
    v.check(
      (c) => toCategory(c) !== undefined,
      `use one of ${TEMPLATE_CATEGORIES.join(', ')} (Transactional and One-time password are accepted as their older names)`,
    ),
  ),
  content: v.pipe(
    v.string(),
    v.minLength(1, 'give the approved body text, with {{1}}-style placeholders'),
    v.maxLength(TEMPLATE_CONTENT_LIMIT, 'template bodies are at most 1024 characters'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = placeholderProblem(dataset.value);
      if (problem) addIssue({ message: problem });
    }),
  ),
  namespace: v.pipe(
    v.string(),
    v.minLength(1, 'give the WhatsApp template namespace of your MessageBird account'),
  ),
});

/** A template definition as given. */
export type TemplateDefinitionInput = v.InferInput<typeof TemplateDefinition>;

/** A validated template. */
export interface Template {
  name: string;
  language: string;
  category: TemplateCategory;
  content: string;
  namespace: string;
  /** How many parameters a send must give. */
  parameterCount: number;
}

/** The category a given name stands for, aliases included. */
export function toCategory(name: string): TemplateCategory | undefined {
  const upper = name.trim().toUpperCase();
  if ((TEMPLATE_CATEGORIES as readonly string[]).includes(upper)) return upper as TemplateCategory;
  return CATEGORY_ALIASES[name.trim().toLowerCase()];
}

/** What `sendTemplate` takes. */
export interface TemplateSend {
  /** The template's name. */
  name: string;
  /** Its language; the template's only language when omitted. */
  language?: string;
  /** One value per placeholder, in order: text, or MessageBird's `{default, currency?, dateTime?}`. */
  params?: (string | v.InferInput<typeof HsmParam>)[];
  /** WhatsApp components instead of params (header media, body text, button payloads). */
  components?: v.InferInput<typeof HsmComponent>[];
}

/** The approved templates an adapter may send, by name and language. */
export class TemplateRegistry {
  readonly #templates = new Map<string, Template>();

  /**
   * Validates the definitions; a bad one throws a TemplateError that names it and the fix.
   * `warn` hears about older category names.
   */
  constructor(
    definitions: readonly TemplateDefinitionInput[],
    warn: (message: string) => void = () => {},
  ) {
    definitions.forEach((definition, index) => {
      const result = v.safeParse(TemplateDefinition, definition);
      const label = typeof definition?.name === 'string' ? definition.name : `#${index}`;
      if (!result.success) {
        const issue = result.issues[0];
        const path = v.getDotPath(issue) ?? 'definition';
        throw new TemplateError(label, `${path}: ${issue.message}`);
      }
      const def = result.output;
      const category = toCategory(def.category) as TemplateCategory;
      if (def.category.trim().toUpperCase() !== category) {
        warn(`template ${def.name}: category "${def.category}" is an older name; use ${category}`);
      }
      const key = `${def.name}:${def.language}`;
      if (this.#templates.has(key)) {
        throw new TemplateError(def.name, `is defined twice for language ${def.language}`);
      }
      this.#templates.set(key, {
        ...def,
        category,
        parameterCount: placeholdersOf(def.content).length,
      });
    });
  }

  /** Every template. */
  list(): Template[] {
    return [...this.#templates.values()];
  }

  /** The template of that name (and language), or a TemplateError that lists what is known. */
  get(name: string, language?: string): Template {
    if (language) {
      const found = this.#templates.get(`${name}:${language}`);
      if (found) return found;
    }
    const named = this.list().filter((t) => t.name === name);
    if (named.length === 0) {
      const known = this.list().map((t) => t.name);
      throw new TemplateError(
        name,
        `is not defined: add it to the adapter's templates option${known.length ? ` (known: ${[...new Set(known)].join(', ')})` : ''}`,
      );
    }
    if (language) {
      throw new TemplateError(
        name,
        `has no ${language} version (languages: ${named.map((t) => t.language).join(', ')})`,
      );
    }
    if (named.length > 1) {
      throw new TemplateError(
        name,
        `exists in ${named.map((t) => t.language).join(', ')}: say which language to send`,
      );
    }
    return named[0] as Template;
  }

  /**
   * Builds the `hsm` content of a send and the text it renders to, after checking the parameters.
   * Throws a TemplateError, before any HTTP request, when the count is wrong.
   */
  build(send: TemplateSend): { hsm: Hsm; text: string; template: Template } {
    const template = this.get(send.name, send.language);
    if (send.params && send.components) {
      throw new TemplateError(template.name, 'give params or components, not both');
    }
    let values: string[];
    let hsm: Hsm;
    const base = {
      namespace: template.namespace,
      templateName: template.name,
      language: { policy: 'deterministic' as const, code: template.language },
    };
    if (send.components) {
      const components = send.components.map((c, i) => {
        const parsed = v.safeParse(HsmComponent, c);
        if (!parsed.success) {
          throw new TemplateError(template.name, `components[${i}]: ${parsed.issues[0].message}`);
        }
        return parsed.output;
      });
      values = components
        .filter((c) => c.type === 'body')
        .flatMap((c) => c.parameters ?? [])
        .map((p) => ('text' in p && typeof p.text === 'string' ? p.text : defaultOf(p)));
      hsm = { ...base, components };
    } else {
      const params = (send.params ?? []).map((p, i) => {
        const parsed = v.safeParse(HsmParam, typeof p === 'string' ? { default: p } : p);
        if (!parsed.success) {
          throw new TemplateError(
            template.name,
            `params[${i}]: give text or {default, currency?, dateTime?} (${parsed.issues[0].message})`,
          );
        }
        return parsed.output;
      });
      values = params.map((p) => p.default);
      hsm = { ...base, params };
    }
    if (values.length !== template.parameterCount) {
      throw new TemplateError(
        template.name,
        `takes ${template.parameterCount} parameter${template.parameterCount === 1 ? '' : 's'} ({{1}}…{{${template.parameterCount}}}) but ${values.length} ${values.length === 1 ? 'was' : 'were'} given`,
      );
    }
    const text = template.content.replace(
      PLACEHOLDER,
      (_m, n: string) => values[Number(n) - 1] ?? '',
    );
    return { hsm, text, template };
  }
}

function defaultOf(parameter: Record<string, unknown>): string {
  for (const value of Object.values(parameter)) {
    if (value && typeof value === 'object' && 'fallback_value' in value) {
      return String((value as { fallback_value: unknown }).fallback_value);
    }
  }
  return '';
}
