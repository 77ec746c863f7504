import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZERO_UUID } from '../../src/messagebird/ids.js';
import { Message, WebhookPayload } from '../../src/messagebird/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { IDS, INBOUND } from '../payloads/index.js';
import { call, fakeFetch, inboundText, manualSimulator, START, subscribe } from './helpers.js';

let sim: Simulator;
let hooks: ReturnType<typeof fakeFetch>;
beforeEach(async () => {
  hooks = fakeFetch();
  sim = manualSimulator({ fetch: hooks.fetch });
  await subscribe(sim);
});
afterEach(() => sim.close());

const delivered = async () => {
  await sim.idle();
  return hooks.calls.map((c): any => {
    v.parse(WebhookPayload, c.payload);
    return c.payload;
  });
};

describe('POST /_sim/inbound', () => {
  it.each(Object.entries(INBOUND))(
    'accepts an inbound %s and answers 201 with the message',
    async (_, make) => {
      const example = make();
      const res = await call(sim, 'POST', '/_sim/inbound', {
        from: IDS.msisdn,
        type: example.type,
        content: example.content,
      });
      expect(res.status).toBe(201);
      const message = v.parse(Message, res.body);
      expect(message).toMatchObject({
        direction: 'received',
        status: 'received',
        from: IDS.phone,
        to: IDS.businessPhone,
        type: example.type,
        content: example.content,
        createdDatetime: START,
      });
    },
  );

  it('creates contact and conversation and sends conversation.created, then message.created', async () => {
    const { body: message } = await call(sim, 'POST', '/_sim/inbound', {
      from: '0031 6 1234 5678',
      displayName: 'Ada Jansen',
      type: 'text',
      content: { text: 'Is my order on its way?' },
    });
    const payloads = await delivered();
    expect(payloads.map((p) => p.type)).toEqual(['conversation.created', 'message.created']);
    const created = payloads[1];
    expect(created.message.id).toBe(message.id);
    expect(created.contact).toMatchObject({ msisdn: IDS.msisdn, displayName: 'Ada Jansen' });
    expect(created.conversation).not.toHaveProperty('contact');
    expect(created.conversation.lastReceivedDatetime).toBe('2026-03-02T09:00:00.000000000Z');
    expect(created.message.metadata).toEqual({
      replyTo: { id: ZERO_UUID },
      sender: { displayName: 'Ada Jansen' },
    });
  });

  it('keeps one active conversation, and opens a new one after it was archived', async () => {
    const first = (await inboundText(sim, 'one')).body.conversationId;
    const second = (await inboundText(sim, 'two')).body.conversationId;
    expect(second).toBe(first);
    await call(sim, 'PATCH', `/v1/conversations/${first}`, { status: 'archived' });
    const third = (await inboundText(sim, 'three')).body.conversationId;
    expect(third).not.toBe(first);
    const types = (await delivered()).map((p) => p.type);
    expect(types.filter((t) => t === 'conversation.created')).toHaveLength(2);
    expect(types).toContain('conversation.updated');
  });

  it('links a button reply to the interactive message it answers', async () => {
    await inboundText(sim);
    const list = await call(sim, 'GET', '/v1/conversations');
    const sent = await call(sim, 'POST', `/v1/conversations/${list.body.items[0].id}/messages`, {
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'Track?' },
          action: { buttons: [{ id: 'track-order', type: 'reply', title: 'Track order' }] },
        },
      },
    });
    const reply = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'interactive',
      content: INBOUND.buttonReply().content,
      replyTo: sent.body.id,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.replyTo).toEqual({ id: sent.body.id });
    expect(reply.body.metadata.replyTo).toEqual({ id: sent.body.id });

    // The same message by the id Bird's API answers for it (dashed), as a Bird bot knows it.
    const id: string = sent.body.id;
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const byBirdId = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'interactive',
      content: INBOUND.buttonReply().content,
      replyTo: dashed.toUpperCase(),
    });
    expect(byBirdId.status).toBe(201);
    expect(byBirdId.body.replyTo).toEqual({ id: sent.body.id });
  });

  it('refuses a reply to an unknown message and an interactive that is not a reply', async () => {
    const unknown = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'interactive',
      content: INBOUND.buttonReply().content,
      replyTo: IDS.interactiveMessageId,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].parameter).toBe('replyTo');
    expect(unknown.body.errors[0].description).toMatch(
      /the id MessageBird's or Bird's API answered/,
    );
    const notReply = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'interactive',
      content: {
        interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [] } },
      },
    });
    expect(notReply.status).toBe(422);
  });

  it('names the parameter of bad input', async () => {
    const from = await call(sim, 'POST', '/_sim/inbound', {
      from: '12',
      type: 'text',
      content: { text: 'x' },
    });
    expect(from.status).toBe(422);
    expect(from.body.errors[0].parameter).toBe('from');
    const content = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'location',
      content: { location: { latitude: 'north' } },
    });
    expect(content.status).toBe(422);
    expect(content.body.errors[0].parameter).toMatch(/^content\.location/);
    const type = await call(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      type: 'carrierPigeon',
      content: {},
    });
    expect(type.status).toBe(422);
    expect(type.body.errors[0].parameter).toBe('type');
  });
});

describe('GET /_sim/messages', () => {
  it('returns a contact’s transcript oldest first, filtered by direction', async () => {
    await inboundText(sim, 'hello');
    sim.clock.advance(1000);
    const list = await call(sim, 'GET', '/v1/conversations');
    await call(sim, 'POST', `/v1/conversations/${list.body.items[0].id}/messages`, {
      type: 'text',
      content: { text: 'hi, how can I help?' },
    });
    sim.clock.advance(1000);
    await inboundText(sim, 'where is my parcel?');
    await inboundText(sim, 'someone else', '+31699999999');

    const all = await call(sim, 'GET', `/_sim/messages?contact=${encodeURIComponent(IDS.phone)}`);
    expect(all.body.items.map((m: any) => m.content.text)).toEqual([
      'hello',
      'hi, how can I help?',
      'where is my parcel?',
    ]);
    const received = await call(
      sim,
      'GET',
      `/_sim/messages?contact=${IDS.msisdn}&direction=received`,
    );
    expect(received.body.items.map((m: any) => m.content.text)).toEqual([
      'hello',
      'where is my parcel?',
    ]);
    const nobody = await call(sim, 'GET', '/_sim/messages?contact=%2B31600000001');
    expect(nobody.body.items).toEqual([]);
  });
});

describe('POST /_sim/reset', () => {
  it('forgets state, and keeps webhooks and templates when asked', async () => {
    await inboundText(sim);
    await call(sim, 'POST', '/_sim/templates', {
      name: 'hello',
      language: 'en',
      category: 'MARKETING',
      content: 'Hello',
    });
    await call(sim, 'POST', '/_sim/reset', { keep: ['webhooks'] });
    expect((await call(sim, 'GET', '/v1/conversations')).body.totalCount).toBe(0);
    expect((await call(sim, 'GET', '/v1/webhooks')).body.totalCount).toBe(1);
    expect((await call(sim, 'GET', '/_sim/templates')).body.count).toBe(0);
    await call(sim, 'POST', '/_sim/reset');
    expect((await call(sim, 'GET', '/v1/webhooks')).body.totalCount).toBe(0);
  });
});
