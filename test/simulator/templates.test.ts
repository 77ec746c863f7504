import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { call, manualSimulator } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const submit = (body: Record<string, unknown>) =>
  call(sim as Simulator, 'POST', '/_sim/templates', {
    name: 'order_ready',
    language: 'en_US',
    category: 'UTILITY',
    content: 'Hi {{1}}, order {{2}} is ready for pickup.',
    ...body,
  });

describe('POST /_sim/templates', () => {
  it('starts PENDING with the account namespace, then approves', async () => {
    sim = manualSimulator();
    const res = await submit({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'order_ready',
      language: 'en_US',
      status: 'PENDING',
      parameterCount: 2,
      namespace: sim.templateNamespace,
      warnings: [],
    });
    const approved = await call(sim, 'POST', '/_sim/templates/order_ready/en_US/approve');
    expect(approved.body.status).toBe('APPROVED');
    const rejected = await call(sim, 'POST', '/_sim/templates/order_ready/en_US/reject', {
      reason: 'looks like marketing',
    });
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      rejectedReason: 'looks like marketing',
    });
    expect((await call(sim, 'GET', '/_sim/templates/order_ready/en_US')).body.status).toBe(
      'REJECTED',
    );
  });

  it('approves on submit when started with approveTemplatesOnSubmit', async () => {
    sim = manualSimulator({ approveTemplatesOnSubmit: true });
    expect((await submit({})).body.status).toBe('APPROVED');
  });

  it('lists the templates', async () => {
    sim = manualSimulator();
    await submit({});
    await submit({ language: 'pt_BR', content: 'Olá {{1}}, o pedido {{2}} está pronto.' });
    const list = await call(sim, 'GET', '/_sim/templates');
    expect(list.body.count).toBe(2);
    expect(list.body.items.map((t: any) => t.language).sort()).toEqual(['en_US', 'pt_BR']);
  });

  it('reads older category names as aliases, with a warning', async () => {
    sim = manualSimulator();
    const transactional = await submit({ category: 'Transactional' });
    expect(transactional.body.category).toBe('UTILITY');
    expect(transactional.body.warnings[0]).toMatch(/older name/);
    const otp = await submit({ name: 'login_code', category: 'One-time password' });
    expect(otp.body.category).toBe('AUTHENTICATION');
    const snake = await submit({ name: 'login_code_2', category: 'one_time_password' });
    expect(snake.body).toMatchObject({ category: 'AUTHENTICATION', warnings: [/older name/] });
  });

  it('takes placeholders in any order of appearance, counting each number once', async () => {
    sim = manualSimulator();
    const res = await submit({ content: 'Order {{2}} for {{1}}: {{1}}, it is ready.' });
    expect(res.status).toBe(201);
    expect(res.body.parameterCount).toBe(2);
  });

  it.each([
    ['a name with capitals and dashes', { name: 'Order-Ready' }, 'name'],
    ['a language that is not a code', { language: 'english' }, 'language'],
    ['an unknown category', { category: 'NEWSLETTER' }, 'category'],
    ['placeholders with a gap', { content: 'Hi {{1}}, order {{3}}' }, 'content'],
    ['a body over 1024 characters', { content: 'x'.repeat(1025) }, 'content'],
    ['a named placeholder', { content: 'Hi {{ name }}, your order is ready.' }, 'content'],
    ['a brace that closes no placeholder', { content: 'Hi {{1}, your order is ready.' }, 'content'],
    ['a name over 512 characters', { name: 'a'.repeat(513) }, 'name'],
    ['an empty body', { content: '' }, 'content'],
  ])('refuses %s, naming the parameter', async (_, body, parameter) => {
    sim = manualSimulator();
    const res = await submit(body);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].parameter).toBe(parameter);
  });

  it('answers 409 for a template that exists and 404 to review an unknown one', async () => {
    sim = manualSimulator();
    await submit({});
    expect((await submit({})).status).toBe(409);
    const missing = await call(sim, 'POST', '/_sim/templates/nope/en/approve');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe(20);
  });
});
