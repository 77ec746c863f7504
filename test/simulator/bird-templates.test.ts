import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { BIRD_IDS, BIRD_SENDS, birdReceiver, birdTemplate } from '../payloads/index.js';
import {
  birdProjectTemplate,
  birdSendCall,
  birdSimulator,
  birdSubscribe,
  channelPath,
  contactWrites,
} from './bird-helpers.js';
import { call, fakeFetch } from './helpers.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

/** A simulator reporting whatsapp.outbound to a fake receiver; `finals` the failed or delivered states. */
async function reporting() {
  const hook = fakeFetch();
  sim = birdSimulator({ fetch: hook.fetch });
  await birdSubscribe(sim, 'whatsapp.outbound', BIRD_IDS.webhookUrl);
  const finals = async (id: string) => {
    await sim.idle();
    return hook.calls
      .map((c) => c.payload.payload)
      .filter((p) => p.id === id)
      .map((p) => ({ status: p.status, reason: p.reason }));
  };
  return { hook, finals };
}

const templateSend = (template: Record<string, unknown> = {}) => ({
  receiver: birdReceiver(),
  template: birdTemplate(template),
});

describe('the 24-hour window on the Bird face', () => {
  it('accepts a free-form send after the window closed (202), then reports sending_failed naming the 24-hour window', async () => {
    const { finals } = await reporting();
    await contactWrites(sim);
    sim.advance(23 * 3600);
    const inside = await birdSendCall(sim, BIRD_SENDS.text());
    sim.advance(3600);
    const outside = await birdSendCall(sim, BIRD_SENDS.text());
    expect(outside.status).toBe(202);
    expect(outside.body.status).toBe('accepted');
    sim.advance(60);

    expect((await finals(inside.body.id)).at(-1)).toEqual({ status: 'read', reason: '' });
    const failed = await finals(outside.body.id);
    expect(failed.map((f) => f.status)).toEqual(['accepted', 'processing', 'sending_failed']);
    expect(failed.at(-1)?.reason).toMatch(
      /more than 24 hours have passed since the customer last replied/,
    );
    const got = await call(sim, 'GET', `${channelPath(sim)}/messages/${outside.body.id}`);
    expect(got.body).toMatchObject({ status: 'sending_failed', parts: [] });
    expect(got.body.reason).toMatch(/24 hours/);
  });

  it('fails a free-form send to a contact who never wrote, and reports delivery_failed for a number not on WhatsApp', async () => {
    const hook = fakeFetch();
    sim = birdSimulator({ fetch: hook.fetch, notOnWhatsapp: ['+31687650012'] });
    const never = await birdSendCall(sim, BIRD_SENDS.text());
    const gone = await birdSendCall(sim, {
      receiver: birdReceiver('+31687650012'),
      body: { type: 'text', text: { text: 'Hi' } },
    });
    sim.advance(60);
    const a = await call(sim, 'GET', `${channelPath(sim)}/messages/${never.body.id}`);
    const b = await call(sim, 'GET', `${channelPath(sim)}/messages/${gone.body.id}`);
    expect(a.body.status).toBe('sending_failed');
    expect(b.body).toMatchObject({
      status: 'delivery_failed',
      reason: 'The contact is not registered on WhatsApp.',
    });
  });
});

describe('templates by project, version and locale', () => {
  it('sends an approved template by projectId outside the window, its variables filled by key', async () => {
    const { finals } = await reporting();
    const registered = await birdProjectTemplate(sim);
    expect(registered.body).toMatchObject({
      name: 'order_update',
      status: 'APPROVED',
      projectId: BIRD_IDS.projectId,
      variables: ['name', 'order'],
      version: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const sent = await birdSendCall(sim, {
      receiver: birdReceiver(),
      template: birdTemplate({
        parameters: [
          { type: 'string', key: 'order', value: '1042' },
          { type: 'string', key: 'name', value: 'Ana' },
        ],
      }),
    });
    expect(sent.status).toBe(202);
    expect(sent.body.template).toMatchObject({ projectId: BIRD_IDS.projectId, version: 'latest' });
    expect(sent.body).not.toHaveProperty('body');
    sim.advance(60);
    expect((await finals(sent.body.id)).at(-1)).toEqual({ status: 'read', reason: '' });

    // The chat page shows the text the contact reads.
    const state = await call(sim, 'GET', '/chat/api/state');
    const conversation = await call(
      sim,
      'GET',
      `/chat/api/conversations/${state.body.conversations[0].id}`,
    );
    expect(conversation.body.messages[0].template.text).toBe(
      'Hello Ana, your order 1042 is on its way.',
    );
    // And /v1 sees a WhatsApp template message with the parameters in placeholder order.
    const v1 = await call(sim, 'GET', `/v1/messages/${conversation.body.messages[0].id}`);
    expect(v1.body.content.hsm).toMatchObject({
      templateName: 'order_update',
      language: { code: 'en' },
      params: [{ default: 'Ana' }, { default: '1042' }],
    });
  });

  it('finds the template by its version id and by an en-US locale, and reads the variables map too', async () => {
    sim = birdSimulator();
    await birdProjectTemplate(sim, { language: 'en_US', version: BIRD_IDS.templateVersionId });
    const byVersion = await birdSendCall(sim, BIRD_SENDS.templateByVersion());
    const byMap = await birdSendCall(sim, {
      receiver: birdReceiver(),
      template: {
        projectId: BIRD_IDS.projectId,
        version: 'latest',
        locale: 'en-US',
        variables: { name: 'Ana', order: '7' },
      },
    });
    sim.advance(60);
    for (const sent of [byVersion, byMap]) {
      const got = await call(sim, 'GET', `${channelPath(sim)}/messages/${sent.body.id}`);
      expect(got.body.status).toBe('read');
    }
  });

  it('accepts, then fails with a reason naming the template: unknown project, other version, not approved, a missing or unknown key', async () => {
    const { finals } = await reporting();
    await birdProjectTemplate(sim);
    await birdProjectTemplate(sim, {
      name: 'pending_notice',
      projectId: '2b4d6f8a-0c1e-4a3b-9d5f-7e9a1c3e5b7d',
      approve: false,
    });
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { projectId: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' },
        /template of project 9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f \(en, version latest\) does not exist/,
      ],
      [
        { version: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
        /version 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\) does not exist/,
      ],
      [{ locale: 'nl' }, /\(nl, version latest\) does not exist/],
      [
        { projectId: '2b4d6f8a-0c1e-4a3b-9d5f-7e9a1c3e5b7d' },
        /template "pending_notice" \(en\) is PENDING, not APPROVED/,
      ],
      [
        { parameters: [{ type: 'string', key: 'name', value: 'Ana' }] },
        /template "order_update" \(en\) of project .* needs parameter order/,
      ],
      [
        {
          parameters: [
            { type: 'string', key: 'name', value: 'Ana' },
            { type: 'string', key: 'order', value: '1' },
            { type: 'string', key: 'city', value: 'Utrecht' },
          ],
        },
        /has no variable city: its variables are name, order/,
      ],
    ];
    const sent: [string, RegExp][] = [];
    for (const [template, reason] of cases) {
      const answer = await birdSendCall(sim, templateSend(template));
      expect(answer.status).toBe(202);
      sent.push([answer.body.id, reason]);
    }
    sim.advance(60);
    for (const [id, reason] of sent) {
      const last = (await finals(id)).at(-1);
      expect(last?.status).toBe('sending_failed');
      expect(last?.reason).toMatch(reason);
    }
  });

  it('refuses a template send that is not a template (422 naming the field)', async () => {
    sim = birdSimulator();
    const answer = await birdSendCall(sim, templateSend({ version: 'newest' }));
    expect(answer.status).toBe(422);
    expect(answer.body.details).toHaveProperty(['template.version']);
  });

  it('checks the Bird fields of /_sim/templates', async () => {
    sim = birdSimulator();
    const submit = (extra: Record<string, unknown>) =>
      call(sim, 'POST', '/_sim/templates', {
        name: 'order_update',
        language: 'en',
        category: 'UTILITY',
        content: 'Hello {{1}}, your order {{2}} is on its way.',
        ...extra,
      });
    const noVariables = await submit({ projectId: BIRD_IDS.projectId });
    expect(noVariables.status).toBe(422);
    expect(noVariables.body.errors[0]).toMatchObject({ parameter: 'variables' });
    expect(noVariables.body.errors[0].description).toMatch(/give variables/);
    const miscounted = await submit({ projectId: BIRD_IDS.projectId, variables: ['name'] });
    expect(miscounted.body.errors[0].description).toMatch(/2 placeholders but variables names 1/);
    const twice = await submit({ projectId: BIRD_IDS.projectId, variables: ['name', 'name'] });
    expect(twice.body.errors[0].description).toMatch(/distinct/);
    const badName = await submit({
      projectId: BIRD_IDS.projectId,
      variables: ['name', 'order id'],
    });
    expect(badName.status).toBe(422);
    const versionAlone = await submit({ version: BIRD_IDS.templateVersionId });
    expect(versionAlone.body.errors[0]).toMatchObject({ parameter: 'version' });
    expect(
      (await submit({ projectId: BIRD_IDS.projectId, variables: ['name', 'order'] })).status,
    ).toBe(201);
    const sameProject = await call(sim, 'POST', '/_sim/templates', {
      name: 'order_update_copy',
      language: 'en',
      category: 'UTILITY',
      content: 'Hi {{1}}',
      projectId: BIRD_IDS.projectId,
      variables: ['name'],
    });
    expect(sameProject.status).toBe(409);
    // Another language of the project shares its version.
    const dutch = await call(sim, 'POST', '/_sim/templates', {
      name: 'order_update',
      language: 'nl',
      category: 'UTILITY',
      content: 'Hallo {{1}}, je bestelling {{2}} is onderweg.',
      projectId: BIRD_IDS.projectId,
      variables: ['name', 'order'],
    });
    const english = await call(sim, 'GET', '/_sim/templates/order_update/en');
    expect(dutch.body.version).toBe(english.body.version);
  });
});
