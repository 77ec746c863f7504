import * as v from 'valibot';
import { type Hsm, HsmComponent, HsmParam } from '../messagebird/hsm.js';
import { fillPlaceholders, placeholdersOf } from '../whatsapp/placeholders.js';
import { TemplateBody } from '../whatsapp/template-body.js';
import {
  readCategory,
  TEMPLATE_CATEGORIES,
  type TemplateCategory,
  TemplateCategoryName,
} from '../whatsapp/template-categories.js';
import { LanguageCode, TemplateName } from '../whatsapp/template-names.js';
import { TemplateError } from './errors.js';

export { TEMPLATE_CATEGORIES, type TemplateCategory };

/** A template definition as given in the adapter's options, checked by WhatsApp's rules (src/whatsapp). */
export const TemplateDefinition = v.object({
  name: TemplateName,
  language: v.optional(LanguageCode, 'en'),
  category: TemplateCategoryName,
  content: TemplateBody,
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

/** What `sendTemplate` takes. */
export interface TemplateSend {
  /** The template's name. */
  name: string;
  /** Its language; the template's only language when omitted. */
  language?: string;
  /**
   * One value per placeholder, in order: text, or MessageBird's `{default, currency?, dateTime?}`.
   * On Bird (`api: 'bird'`): text filling the template's `variables` in order, or an object by
   * variable name, such as `{ name: 'Ana', order: '4711' }`.
   */
  params?: (string | v.InferInput<typeof HsmParam>)[] | Record<string, string>;
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
      const reading = readCategory(def.category) as NonNullable<ReturnType<typeof readCategory>>;
      if (reading.warning) warn(`template ${def.name}: ${reading.warning}`);
      const category = reading.category;
      const key = `${def.name}:${def.language}`;
      if (this.#templates.has(key)) {
        throw new TemplateError(def.name, `is defined twice for language ${def.language}`);
      }
      this.#templates.set(key, {
        ...def,
        category,
        parameterCount: (placeholdersOf(def.content) as { count: number }).count,
      });
    });
  }

  /** Every template. */
  list(): Template[] {
    return [...this.#templates.values()];
  }

  /** The template of that name (and language), or a TemplateError that lists what is known. */
  get(name: string, language?: string): Template {
    return findTemplate(this.#templates, name, language);
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
      if (send.params !== undefined && !Array.isArray(send.params)) {
        throw new TemplateError(
          template.name,
          'params by name are for Bird templates (api: "bird"): give MessageBird template params as an array, in {{1}}…{{n}} order',
        );
      }
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
    const text = fillPlaceholders(template.content, values);
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

/**
 * A template of a registry keyed `name:language`, by name and (when given) language; a
 * TemplateError that lists what is known when there is none, or several and no language. Both
 * APIs' registries look templates up with it.
 */
export function findTemplate<T extends { name: string; language: string }>(
  templates: ReadonlyMap<string, T>,
  name: string,
  language?: string,
): T {
  if (language) {
    const found = templates.get(`${name}:${language}`);
    if (found) return found;
  }
  const all = [...templates.values()];
  const named = all.filter((t) => t.name === name);
  if (named.length === 0) {
    const known = [...new Set(all.map((t) => t.name))];
    throw new TemplateError(
      name,
      `is not defined: add it to the adapter's templates option${known.length ? ` (known: ${known.join(', ')})` : ''}`,
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
  return named[0] as T;
}
