import * as v from 'valibot';
import type { BirdTemplateSend } from '../bird/template.js';
import { UUID_PATTERN } from '../messagebird/ids.js';
import { TemplateError } from './errors.js';
import { findTemplate, type TemplateSend } from './templates.js';

/** A Bird locale such as `en`, `en_US`, `en-US` or `pt-BR`. */
const BIRD_LOCALE = /^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$/;

/**
 * Placeholders of a Bird template's content: `{{name}}` by variable name, or `{{1}}`…`{{n}}` by
 * place in `variables` (as WhatsApp writes a template's body, and the simulator registers it);
 * spaces inside the braces are allowed.
 */
const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * A Bird template as given in the adapter's options (`api: 'bird'`): the name the bot sends it
 * by, the Studio project it lives in, the version (`latest` or a version's UUID), the locale, its
 * variables in the order positional params fill them, and optionally its text with `{{variable}}`
 * or `{{1}}`…`{{n}}` placeholders (the activity's text, so transcripts show what the contact read;
 * the test kit can register it in the simulator).
 */
export const BirdTemplateDefinition = v.object({
  name: v.pipe(
    v.string('give the name the bot sends this template by, such as order_update'),
    v.minLength(1, 'give the name the bot sends this template by, such as order_update'),
    v.maxLength(512, 'template names are at most 512 characters'),
  ),
  projectId: v.pipe(
    v.string('give the UUID of the template’s project in Bird (Studio → Templates)'),
    v.regex(
      UUID_PATTERN,
      'is not a Bird project id: give the UUID of the template’s project (Studio → Templates; the id in its URL)',
    ),
  ),
  version: v.optional(
    v.pipe(
      v.string(),
      v.check(
        (value: string) => value === 'latest' || UUID_PATTERN.test(value),
        'give "latest" or the UUID of a version of the template',
      ),
    ),
    'latest',
  ),
  language: v.optional(
    v.pipe(v.string(), v.regex(BIRD_LOCALE, 'expected a locale such as en, en-US or pt-BR')),
    'en',
  ),
  variables: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string('variable names are strings, such as "name"'),
          v.minLength(1, 'a variable name must not be empty'),
        ),
      ),
      v.check(
        (names: string[]) => new Set(names).size === names.length,
        'each variable is named once',
      ),
    ),
    [],
  ),
  content: v.optional(v.pipe(v.string(), v.minLength(1, 'the content must not be empty'))),
  category: v.optional(v.string()),
});

/** A Bird template definition as given. */
export type BirdTemplateDefinitionInput = v.InferInput<typeof BirdTemplateDefinition>;

/** A validated Bird template. */
export type BirdTemplate = v.InferOutput<typeof BirdTemplateDefinition>;

/** True when a definition is a Bird one (it names a project). */
export function isBirdTemplateDefinition(definition: unknown): boolean {
  return typeof definition === 'object' && definition !== null && 'projectId' in definition;
}

/** The Bird templates an adapter may send, by name and locale. */
export class BirdTemplateRegistry {
  readonly #templates = new Map<string, BirdTemplate>();

  /** Validates the definitions; a bad one throws a TemplateError that names it and the fix. */
  constructor(definitions: readonly unknown[]) {
    definitions.forEach((definition, index) => {
      const given = definition as { name?: unknown } | undefined;
      const label = typeof given?.name === 'string' ? given.name : `#${index}`;
      if (!isBirdTemplateDefinition(definition)) {
        throw new TemplateError(
          label,
          'with api: "bird" a template is { name, projectId, version?, language, variables }: give the projectId of its Bird project (a MessageBird namespace and content do not apply)',
        );
      }
      const result = v.safeParse(BirdTemplateDefinition, definition);
      if (!result.success) {
        const issue = result.issues[0];
        throw new TemplateError(label, `${v.getDotPath(issue) ?? 'definition'}: ${issue.message}`);
      }
      const template = result.output;
      for (const match of template.content?.matchAll(VARIABLE) ?? []) {
        if (variableAt(template.variables, match[1] as string) === undefined) {
          throw new TemplateError(
            template.name,
            `content: {{${match[1]}}} is not one of its variables (${template.variables.join(', ') || 'none'}): name one, or give its place {{1}}…{{${template.variables.length}}}`,
          );
        }
      }
      const key = `${template.name}:${template.language}`;
      if (this.#templates.has(key)) {
        throw new TemplateError(
          template.name,
          `is defined twice for language ${template.language}`,
        );
      }
      this.#templates.set(key, template);
    });
  }

  /** Every template. */
  list(): BirdTemplate[] {
    return [...this.#templates.values()];
  }

  /** The template of that name (and language), or a TemplateError that lists what is known. */
  get(name: string, language?: string): BirdTemplate {
    return findTemplate(this.#templates, name, language);
  }

  /**
   * The `template` of a Bird send and the text it renders to. `params` are positional (filling
   * `variables` in order) or named (`{ name: 'Ana' }`); a wrong count, an unknown or missing name,
   * or a value that is not text throws a TemplateError before any request.
   */
  build(send: TemplateSend): {
    template: BirdTemplateSend;
    text: string;
    definition: BirdTemplate;
  } {
    const definition = this.get(send.name, send.language);
    if (send.components) {
      throw new TemplateError(
        definition.name,
        'components are MessageBird (Conversations API) template parts: give params, positional or by variable name',
      );
    }
    const values = valuesOf(definition, send.params ?? []);
    const parameters = definition.variables.map((key) => ({
      type: 'string' as const,
      key,
      value: values.get(key) as string,
    }));
    return {
      template: {
        projectId: definition.projectId,
        version: definition.version,
        locale: definition.language,
        parameters,
      },
      text: renderText(definition, values),
      definition,
    };
  }
}

/** The variable a placeholder names: by name, or `1`…`n` by place; undefined when none. */
function variableAt(variables: readonly string[], key: string): string | undefined {
  if (variables.includes(key)) return key;
  return /^[1-9]\d*$/.test(key) ? variables[Number(key) - 1] : undefined;
}

/** The value of each variable, from positional or named params. */
function valuesOf(
  template: BirdTemplate,
  params: NonNullable<TemplateSend['params']>,
): Map<string, string> {
  const { variables, name } = template;
  const values = new Map<string, string>();
  const list = variables.length ? variables.join(', ') : 'none';
  if (Array.isArray(params)) {
    if (params.length !== variables.length) {
      throw new TemplateError(
        name,
        `takes ${variables.length} parameter${variables.length === 1 ? '' : 's'} (${list}) but ${params.length} ${params.length === 1 ? 'was' : 'were'} given`,
      );
    }
    params.forEach((param, i) => {
      values.set(variables[i] as string, textOf(param, name, `params[${i}]`));
    });
    return values;
  }
  if (typeof params !== 'object' || params === null) {
    throw new TemplateError(
      name,
      `params: give an array in the order ${list}, or an object by variable name`,
    );
  }
  for (const [key, value] of Object.entries(params)) {
    if (!variables.includes(key)) {
      throw new TemplateError(name, `params.${key}: not one of its variables (${list})`);
    }
    values.set(key, textOf(value, name, `params.${key}`));
  }
  const missing = variables.filter((key) => !values.has(key));
  if (missing.length > 0) {
    throw new TemplateError(
      name,
      `params: no value for ${missing.join(', ')} (variables: ${list})`,
    );
  }
  return values;
}

function textOf(value: unknown, template: string, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TemplateError(template, `${field}: Bird template values are text`);
}

/** The content with its variables filled in, or the name and values when no content was given. */
function renderText(template: BirdTemplate, values: Map<string, string>): string {
  if (template.content) {
    return template.content.replace(
      VARIABLE,
      (_, key: string) => values.get(variableAt(template.variables, key) as string) ?? '',
    );
  }
  if (values.size === 0) return template.name;
  return `${template.name} (${[...values].map(([key, value]) => `${key}: ${value}`).join(', ')})`;
}
