import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/adapter/index.js';
import { BirdTemplateSend } from '../../src/bird/template.js';
import { BirdTemplateRegistry } from '../../src/core/bird-templates.js';
import { TemplateRegistry } from '../../src/core/templates.js';
import { BIRD_IDS, birdTemplate } from '../payloads/index.js';

const orderUpdate = {
  name: 'order_update',
  projectId: BIRD_IDS.projectId,
  version: 'latest',
  language: 'en',
  variables: ['name', 'order'],
};

const registry = new BirdTemplateRegistry([
  orderUpdate,
  {
    ...orderUpdate,
    language: 'pt-BR',
    version: BIRD_IDS.templateVersionId,
    content: 'Olá {{1}}, o seu pedido {{2}} está a caminho.',
  },
  {
    name: 'shipped',
    projectId: BIRD_IDS.projectId,
    variables: ['name'],
    content: 'Hi {{ name }}, it shipped.',
  },
  { name: 'hello', projectId: BIRD_IDS.projectId },
]);

function templateError(make: () => unknown): TemplateError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('Bird templates', () => {
  it('builds the template of a send from positional params, in the order of variables', () => {
    const { template } = registry.build({
      name: 'order_update',
      language: 'en',
      params: ['Ana', '1042'],
    });
    expect(template).toEqual(birdTemplate());
    expect(v.safeParse(BirdTemplateSend, template).success).toBe(true);
  });

  it('builds the same template from named params, in any order', () => {
    const { template } = registry.build({
      name: 'order_update',
      language: 'en',
      params: { order: '1042', name: 'Ana' },
    });
    expect(template).toEqual(birdTemplate());
  });

  it('sends a version and a locale as defined', () => {
    const { template, text } = registry.build({
      name: 'order_update',
      language: 'pt-BR',
      params: ['Ana', '1042'],
    });
    expect(template).toMatchObject({ version: BIRD_IDS.templateVersionId, locale: 'pt-BR' });
    expect(text).toBe('Olá Ana, o seu pedido 1042 está a caminho.');
  });

  it('renders the text from named placeholders, or names the values without content', () => {
    expect(registry.build({ name: 'shipped', params: { name: 'Ana' } }).text).toBe(
      'Hi Ana, it shipped.',
    );
    expect(
      registry.build({ name: 'order_update', language: 'en', params: ['Ana', '1042'] }).text,
    ).toBe('order_update (name: Ana, order: 1042)');
    expect(registry.build({ name: 'hello' }).template.parameters).toEqual([]);
  });

  it.each([
    [['Ana'], /takes 2 parameters \(name, order\) but 1 was given/],
    [['Ana', '1042', 'x'], /takes 2 parameters .* but 3 were given/],
    [{ name: 'Ana' }, /no value for order/],
    [
      { name: 'Ana', order: '1042', city: 'Lisbon' },
      /params\.city: not one of its variables \(name, order\)/,
    ],
    [[{ default: 'Ana' }, '1042'], /params\[0\]: Bird template values are text/],
  ])('refuses params %j before any request', (params, message) => {
    const error = templateError(() =>
      registry.build({ name: 'order_update', language: 'en', params: params as never }),
    );
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.message).toMatch(message);
  });

  it('refuses MessageBird components, an unknown name and an ambiguous language', () => {
    expect(
      templateError(() => registry.build({ name: 'order_update', language: 'en', components: [] }))
        .message,
    ).toMatch(/components are MessageBird/);
    expect(templateError(() => registry.build({ name: 'nope' })).message).toMatch(
      /not defined.*known: order_update, shipped, hello/,
    );
    expect(templateError(() => registry.build({ name: 'order_update' })).message).toMatch(
      /exists in en, pt-BR: say which language/,
    );
  });

  it.each([
    [{ name: 'x' }, /give the projectId/],
    [{ name: 'x', projectId: 'my-project' }, /projectId: is not a Bird project id/],
    [
      { name: 'x', projectId: BIRD_IDS.projectId, version: 'v2' },
      /version: give "latest" or the UUID/,
    ],
    [
      { name: 'x', projectId: BIRD_IDS.projectId, variables: ['a', 'a'] },
      /each variable is named once/,
    ],
    [
      { name: 'x', projectId: BIRD_IDS.projectId, variables: ['a'], content: 'Hi {{b}}' },
      /\{\{b\}\} is not one of its variables/,
    ],
    [
      { name: 'x', projectId: BIRD_IDS.projectId, variables: ['a'], content: 'Hi {{2}}' },
      /\{\{2\}\} is not one of its variables/,
    ],
  ])('refuses the definition %j, naming the fix', (definition, message) => {
    expect(templateError(() => new BirdTemplateRegistry([definition])).message).toMatch(message);
  });

  it('refuses named params for a Conversations API template', () => {
    const conversations = new TemplateRegistry([
      {
        name: 'shipping_update',
        category: 'UTILITY',
        namespace: 'ns_acme',
        content: 'Hi {{1}}, your order {{2}} is on its way.',
      },
    ]);
    expect(
      templateError(() => conversations.build({ name: 'shipping_update', params: { name: 'Ana' } }))
        .message,
    ).toMatch(/params by name are for Bird templates/);
  });
});
