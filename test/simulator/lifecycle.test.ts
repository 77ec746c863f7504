import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookPayload } from '../../src/messagebird/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';
import { IDS, SENDS } from '../payloads/index.js';
import {
  approvedTemplate,
  call,
  fakeFetch,
  inboundText,
  manualSimulator,
  subscribe,
} from './helpers.js';

const DAY_SECONDS = 24 * 60 * 60;

let sim: Simulator;
afterEach(() => sim.close());

/** A simulator with a webhook whose deliveries are captured in process. */
async function withWebhook(options: SimulatorOptions = {}) {
  const hooks = fakeFetch();
  sim = manualSimulator({ fetch: hooks.fetch, ...options });
  await subscribe(sim);
  /** The `message.updated` statuses (and errors) of one message, in delivery order. */
  const updates = async (messageId: string) => {
    await sim.idle();
    const payloads = hooks.calls.map((c): any => {
      v.parse(WebhookPayload, c.payload);
      return c.payload;
    });
    return payloads
      .filter((p) => p.type === 'message.updated' && p.message.id === messageId)
      .map((p) => p.message);
  };
  return { hooks, updates };
}

const send = async (body: Record<string, unknown>) =>
  (await call(sim, 'POST', '/v1/send', body)).body.id as string;
const statusOf = async (id: string) => (await call(sim, 'GET', `/v1/messages/${id}`)).body;

describe('status lifecycle inside the window', () => {
  it('goes pending, sent, delivered, read on the virtual clock, each with message.updated', async () => {
    const { updates } = await withWebhook();
    await inboundText(sim);
    const id = await send(SENDS.text());
    expect((await statusOf(id)).status).toBe('pending');
    sim.clock.advance(1000);
    expect((await statusOf(id)).status).toBe('sent');
    sim.clock.advance(1000);
    expect((await statusOf(id)).status).toBe('delivered');
    sim.clock.advance(3000);
    const read = await statusOf(id);
    expect(read.status).toBe('read');
    expect(read.updatedDatetime).toBe('2026-03-02T09:00:05.000000000Z');
    const seen = await updates(id);
    expect(seen.map((m) => m?.status)).toEqual(['pending', 'sent', 'delivered', 'read']);
    expect(seen.every((m) => m?.error === undefined)).toBe(true);
  });

  it('stamps each status with its own due time when the clock jumps over several', async () => {
    const { updates } = await withWebhook();
    await inboundText(sim);
    const id = await send(SENDS.text());
    sim.clock.advance(60_000);
    const seen = await updates(id);
    expect(seen.map((m) => m?.updatedDatetime)).toEqual([
      '2026-03-02T09:00:00.000000000Z',
      '2026-03-02T09:00:01.000000000Z',
      '2026-03-02T09:00:02.000000000Z',
      '2026-03-02T09:00:05.000000000Z',
    ]);
  });

  it('follows a configured schedule and can stop at delivered', async () => {
    const { updates } = await withWebhook({
      schedule: { sent: 10_000, delivered: 20_000, read: null },
    });
    await inboundText(sim);
    const id = await send(SENDS.text());
    sim.clock.advance(9_999);
    expect((await statusOf(id)).status).toBe('pending');
    sim.clock.advance(1);
    expect((await statusOf(id)).status).toBe('sent');
    sim.clock.advance(3600_000);
    expect((await updates(id)).map((m) => m?.status)).toEqual(['pending', 'sent', 'delivered']);
  });

  it('refuses a schedule out of order with an error naming the option', () => {
    expect(() => manualSimulator({ schedule: { sent: 5000, delivered: 1000 } })).toThrow(
      /options\.schedule/,
    );
  });
});

describe('the 24-hour window', () => {
  it('fails a free-form message to a contact who never wrote with 470', async () => {
    const { updates } = await withWebhook();
    const id = await send(SENDS.text());
    sim.clock.advance(1000);
    const failed = await statusOf(id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe(470);
    expect((await updates(id)).map((m) => m?.status)).toEqual(['pending', 'failed']);
  });

  it('after advancing past 24 hours: free-form accepted then failed with 470, approved template delivered', async () => {
    const { updates } = await withWebhook();
    await approvedTemplate(sim, 'shipping_update', 'en', 'Hi {{1}}, {{2}} due on {{3}}.');
    await inboundText(sim);
    const advanced = await call(sim, 'POST', '/_sim/clock/advance', { seconds: DAY_SECONDS + 1 });
    expect(advanced.body.now).toBe('2026-03-03T09:00:01Z');

    const text = await call(sim, 'POST', '/v1/send', SENDS.text());
    expect(text.status).toBe(202);
    expect(text.body.status).toBe('accepted');
    const template = await send(SENDS.templateParams());
    sim.clock.advance(10_000);

    const textUpdates = await updates(text.body.id);
    expect(textUpdates.map((m) => m?.status)).toEqual(['pending', 'failed']);
    expect(textUpdates.at(-1)?.error).toMatchObject({ code: 470 });
    expect((await updates(template)).map((m) => m?.status)).toEqual([
      'pending',
      'sent',
      'delivered',
      'read',
    ]);
  });

  it('is open just before 24 hours and reopens when the contact writes again', async () => {
    await withWebhook();
    await inboundText(sim);
    sim.clock.advance(DAY_SECONDS * 1000 - 1);
    const inside = await send(SENDS.text());
    sim.clock.advance(2);
    const outside = await send(SENDS.text());
    await inboundText(sim, 'back');
    const reopened = await send(SENDS.text());
    sim.clock.advance(10_000);
    expect((await statusOf(inside)).status).toBe('read');
    expect((await statusOf(outside)).error.code).toBe(470);
    expect((await statusOf(reopened)).status).toBe('read');
  });

  it('treats interactive messages as free-form', async () => {
    await withWebhook();
    const id = await send(SENDS.buttons());
    sim.clock.advance(1000);
    expect((await statusOf(id)).error.code).toBe(470);
  });

  it('keeps the window per channel', async () => {
    await withWebhook({ channels: [{ id: IDS.hexChannelId, name: 'Second line' }] });
    await inboundText(sim);
    const other = await send({ ...SENDS.text(), from: IDS.hexChannelId });
    sim.clock.advance(1000);
    expect((await statusOf(other)).error.code).toBe(470);
  });
});

describe('numbers not on WhatsApp', () => {
  it('fails every message to them with 302, templates included', async () => {
    await withWebhook({ notOnWhatsapp: ['0031 6 1234 5678'] });
    await approvedTemplate(sim, 'shipping_update', 'en', 'Hi {{1}}, {{2}} due on {{3}}.');
    await inboundText(sim);
    const text = await send(SENDS.text());
    const template = await send(SENDS.templateParams());
    sim.clock.advance(1000);
    for (const id of [text, template]) {
      const message = await statusOf(id);
      expect(message.status).toBe('failed');
      expect(message.error).toEqual({
        code: 302,
        description: 'The contact is not registered on WhatsApp.',
      });
    }
  });
});

describe('template messages', () => {
  const failure = async (id: string) => {
    sim.clock.advance(1000);
    const message = await statusOf(id);
    expect(message.status).toBe('failed');
    return message.error as { code: number; description: string };
  };

  it('fails an unknown template', async () => {
    await withWebhook();
    const error = await failure(await send(SENDS.templateParams()));
    expect(error.code).toBe(2001);
    expect(error.description).toMatch(/does not exist/);
  });

  it('fails a pending and a rejected template', async () => {
    await withWebhook();
    await call(sim, 'POST', '/_sim/templates', {
      name: 'shipping_update',
      language: 'en',
      category: 'UTILITY',
      content: 'Hi {{1}}, {{2}} due on {{3}}.',
      namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
    });
    expect((await failure(await send(SENDS.templateParams()))).description).toMatch(/PENDING/);
    await call(sim, 'POST', '/_sim/templates/shipping_update/en/reject', { reason: 'too vague' });
    expect((await failure(await send(SENDS.templateParams()))).description).toMatch(/REJECTED/);
  });

  it('fails a template given the wrong number of parameters', async () => {
    await withWebhook();
    await approvedTemplate(sim, 'shipping_update', 'en', 'Hi {{1}}, your parcel ships {{2}}.');
    const error = await failure(await send(SENDS.templateParams()));
    expect(error.code).toBe(2000);
    expect(error.description).toMatch(/has 2 parameters but the message gives 3/);
  });

  it('fails a template sent with another namespace', async () => {
    await withWebhook();
    await approvedTemplate(sim, 'shipping_update', 'en', '{{1}} {{2}} {{3}}', 'other_namespace');
    expect((await failure(await send(SENDS.templateParams()))).description).toMatch(/namespace/);
  });

  it('counts the body parameters of a components template', async () => {
    await withWebhook();
    await approvedTemplate(
      sim,
      'order_ready_with_photo',
      'en_US',
      'Hi {{1}}, order {{2}} is ready.',
    );
    const id = await send(SENDS.templateComponents());
    sim.clock.advance(10_000);
    expect((await statusOf(id)).status).toBe('read');
  });

  it('falls back from en_US to en only with the fallback policy', async () => {
    await withWebhook();
    await approvedTemplate(sim, 'shipping_update', 'en', '{{1}} {{2}} {{3}}');
    const base: any = SENDS.templateParams();
    const hsm = (policy: string) => ({
      ...base,
      content: {
        hsm: { ...base.content.hsm, language: { policy, code: 'en_US' } },
      },
    });
    const deterministic = await send(hsm('deterministic'));
    const fallback = await send(hsm('fallback'));
    sim.clock.advance(10_000);
    expect((await statusOf(deterministic)).error.code).toBe(2001);
    expect((await statusOf(fallback)).status).toBe('read');
  });
});
