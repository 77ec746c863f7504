import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Conversation,
  ErrorEnvelope,
  Message,
  SendResponse,
  Webhook,
} from '../../src/messagebird/index.js';
import { listOf } from '../../src/messagebird/list.js';
import type { Simulator } from '../../src/simulator/index.js';
import { IDS, SENDS } from '../payloads/index.js';
import { call, HOOK_URL, inboundText, manualSimulator, START } from './helpers.js';

let sim: Simulator;
beforeEach(() => {
  sim = manualSimulator();
});
afterEach(() => sim.close());

describe('authentication', () => {
  it('answers 401 with code 2 without an access key, and never echoes the key given', async () => {
    const missing = await call(sim, 'GET', '/v1/conversations', undefined, { auth: false });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      errors: [
        {
          code: 2,
          description: 'Request not allowed (incorrect access_key)',
          parameter: 'access_key',
        },
      ],
    });
    const wrong = await call(sim, 'GET', '/v1/conversations', undefined, {
      auth: 'live_wrong_key_123',
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('live_wrong_key_123');
  });

  it('accepts a configured access key and refuses the default one then', async () => {
    const custom = manualSimulator({ accessKey: 'live_custom' });
    expect((await call(custom, 'GET', '/v1/conversations')).status).toBe(401);
    expect(
      (await call(custom, 'GET', '/v1/conversations', undefined, { auth: 'live_custom' })).status,
    ).toBe(200);
    await custom.close();
  });
});

describe('POST /v1/send', () => {
  it.each(Object.entries(SENDS))('accepts a %s message with 202 {id, status}', async (_, make) => {
    const res = await call(sim, 'POST', '/v1/send', make());
    expect(res.status).toBe(202);
    const parsed = v.parse(SendResponse, res.body);
    expect(parsed.id).toMatch(/^[0-9a-f]{32}$/);
    expect(parsed.status).toBe('accepted');
  });

  it('answers a fallback id when a fallback was asked', async () => {
    const res = await call(sim, 'POST', '/v1/send', {
      ...SENDS.text(),
      fallback: { from: IDS.hexChannelId, after: '5m' },
    });
    expect(res.status).toBe(202);
    expect(res.body.fallback.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('names `from` when the channel is unknown', async () => {
    const res = await call(sim, 'POST', '/v1/send', { ...SENDS.text(), from: IDS.hexChannelId });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 21, parameter: 'from' });
  });

  it('answers 422 with code 9 and the parameter of a missing field', async () => {
    const res = await call(sim, 'POST', '/v1/send', {
      ...SENDS.text(),
      content: {},
    });
    expect(res.status).toBe(422);
    v.parse(ErrorEnvelope, res.body);
    expect(res.body.errors[0]).toMatchObject({ code: 9, parameter: 'content.text' });
  });

  it('answers 422 with code 10 and the parameter of an invalid field', async () => {
    const res = await call(sim, 'POST', '/v1/send', { ...SENDS.text(), to: 'not-a-number' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 10, parameter: 'to' });
  });

  it('answers 400 in the envelope for malformed JSON, and 422 for no body', async () => {
    const bad = await call(sim, 'POST', '/v1/send', undefined, { raw: '{"to": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].description).toMatch(/JSON/);
    const empty = await call(sim, 'POST', '/v1/send');
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].code).toBe(9);
  });

  it('creates a contact whose msisdn is a number and whose display name is the number', async () => {
    await call(sim, 'POST', '/v1/send', SENDS.text());
    const list = await call(sim, 'GET', '/v1/conversations');
    const contact = list.body.items[0].contact;
    expect(contact.msisdn).toBe(IDS.msisdn);
    expect(contact.displayName).toBe(IDS.phone);
  });

  it('reads the message back from GET /v1/messages/{id}, shaped as a Message', async () => {
    const sent = await call(sim, 'POST', '/v1/send', SENDS.text());
    const res = await call(sim, 'GET', `/v1/messages/${sent.body.id}`);
    expect(res.status).toBe(200);
    const message = v.parse(Message, res.body);
    expect(message).toMatchObject({
      id: sent.body.id,
      direction: 'sent',
      status: 'pending',
      from: IDS.businessPhone,
      to: IDS.phone,
      channelId: IDS.channelId,
      platform: 'whatsapp',
      origin: 'api',
      createdDatetime: START,
    });
    expect(message.updatedDatetime).toMatch(/^2026-03-02T09:00:00\.\d{9}Z$/);
  });
});

describe('conversations', () => {
  it('start answers 201 with a new conversation and 200 when it resumes the active one', async () => {
    const body = { ...SENDS.text(), channelId: IDS.channelId, from: undefined };
    const first = await call(sim, 'POST', '/v1/conversations/start', body);
    expect(first.status).toBe(201);
    const conversation = v.parse(Conversation, first.body);
    expect(conversation.status).toBe('active');
    expect(conversation.messages?.totalCount).toBe(1);
    expect(conversation.messages?.href).toBe(
      `http://localhost/v1/conversations/${conversation.id}/messages`,
    );
    const again = await call(sim, 'POST', '/v1/conversations/start', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(conversation.id);
    expect(again.body.messages.totalCount).toBe(2);
  });

  it('lists conversations newest lastReceivedDatetime first, with offset and limit', async () => {
    await inboundText(sim, 'first', '+31611111111');
    sim.clock.advance(1000);
    await inboundText(sim, 'second', '+31622222222');
    sim.clock.advance(1000);
    await inboundText(sim, 'third', '+31633333333');
    sim.clock.advance(1000);
    await inboundText(sim, 'first again', '+31611111111');

    const all = await call(sim, 'GET', '/v1/conversations');
    const page = v.parse(listOf(Conversation), all.body);
    expect(page).toMatchObject({ offset: 0, limit: 20, count: 3, totalCount: 3 });
    expect(page.items.map((c) => c.contact?.msisdn)).toEqual([
      31611111111, 31633333333, 31622222222,
    ]);

    const second = await call(sim, 'GET', '/v1/conversations?offset=1&limit=1');
    expect(second.body).toMatchObject({ offset: 1, limit: 1, count: 1, totalCount: 3 });
    expect(second.body.items[0].contact.msisdn).toBe(31633333333);
  });

  it('refuses a limit above 20 with 422 naming limit', async () => {
    const res = await call(sim, 'GET', '/v1/conversations?limit=500');
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 10, parameter: 'limit' });
  });

  it('gets, archives and reactivates a conversation; 404 with code 20 for an unknown one', async () => {
    const { body: message } = await inboundText(sim);
    const id = message.conversationId;
    expect((await call(sim, 'GET', `/v1/conversations/${id}`)).body.id).toBe(id);
    const archived = await call(sim, 'PATCH', `/v1/conversations/${id}`, { status: 'archived' });
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    const active = await call(sim, 'PATCH', `/v1/conversations/${id}`, { status: 'active' });
    expect(active.body.status).toBe('active');
    const bad = await call(sim, 'PATCH', `/v1/conversations/${id}`, { status: 'closed' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].parameter).toBe('status');

    const missing = await call(sim, 'GET', `/v1/conversations/${IDS.conversationId}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe(20);
  });

  it('refuses to reactivate a conversation when the contact already has an active one', async () => {
    const { body: first } = await inboundText(sim);
    await call(sim, 'PATCH', `/v1/conversations/${first.conversationId}`, { status: 'archived' });
    const { body: second } = await inboundText(sim, 'back again');
    expect(second.conversationId).not.toBe(first.conversationId);
    const res = await call(sim, 'PATCH', `/v1/conversations/${first.conversationId}`, {
      status: 'active',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].parameter).toBe('status');
  });

  it('replies with 201 and the message, direction sent and status pending', async () => {
    const { body: inbound } = await inboundText(sim);
    const res = await call(sim, 'POST', `/v1/conversations/${inbound.conversationId}/messages`, {
      type: 'text',
      content: { text: 'Hello from the bot' },
    });
    expect(res.status).toBe(201);
    const message = v.parse(Message, res.body);
    expect(message).toMatchObject({ direction: 'sent', status: 'pending', type: 'text' });
    const unknown = await call(sim, 'POST', `/v1/conversations/${IDS.conversationId}/messages`, {
      type: 'text',
      content: { text: 'x' },
    });
    expect(unknown.status).toBe(404);
  });

  it('lists a conversation’s messages newest first', async () => {
    const { body: inbound } = await inboundText(sim, 'one');
    sim.clock.advance(1000);
    await call(sim, 'POST', `/v1/conversations/${inbound.conversationId}/messages`, {
      type: 'text',
      content: { text: 'two' },
    });
    sim.clock.advance(1000);
    await inboundText(sim, 'three');
    const res = await call(sim, 'GET', `/v1/conversations/${inbound.conversationId}/messages`);
    const page = v.parse(listOf(Message), res.body);
    expect(page.totalCount).toBe(3);
    expect(page.items.map((m) => (m.content as { text: string }).text)).toEqual([
      'three',
      'two',
      'one',
    ]);
  });
});

describe('webhooks', () => {
  const create = () =>
    call(sim, 'POST', '/v1/webhooks', {
      channelId: IDS.channelId,
      url: HOOK_URL,
      events: ['message.created', 'message.updated'],
    });

  it('creates (201), lists, gets, patches and deletes (204, no body)', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    const webhook = v.parse(Webhook, created.body);
    expect(webhook).toMatchObject({ url: HOOK_URL, status: 'enabled', channelId: IDS.channelId });

    const list = await call(sim, 'GET', '/v1/webhooks');
    expect(v.parse(listOf(Webhook), list.body).items.map((w) => w.id)).toEqual([webhook.id]);

    const patched = await call(sim, 'PATCH', `/v1/webhooks/${webhook.id}`, {
      status: 'disabled',
    });
    expect(patched.body.status).toBe('disabled');
    expect((await call(sim, 'GET', `/v1/webhooks/${webhook.id}`)).body.status).toBe('disabled');

    const res = await sim.app.request(`/v1/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: { Authorization: 'AccessKey test_simulator_access_key' },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await call(sim, 'GET', `/v1/webhooks/${webhook.id}`)).status).toBe(404);
  });

  it('validates events and url with the parameter named', async () => {
    const res = await call(sim, 'POST', '/v1/webhooks', {
      channelId: IDS.channelId,
      url: 'ftp://x',
      events: ['message.created'],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].parameter).toBe('url');
    const events = await call(sim, 'POST', '/v1/webhooks', {
      channelId: IDS.channelId,
      url: HOOK_URL,
      events: ['message.deleted'],
    });
    expect(events.body.errors[0].parameter).toMatch(/^events/);
    const empty = await call(sim, 'PATCH', `/v1/webhooks/${(await create()).body.id}`, {});
    expect(empty.status).toBe(422);
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 in the envelope and lists the supported routes', async () => {
    const res = await call(sim, 'GET', '/v2/conversations');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].code).toBe(20);
    expect(res.body.routes).toContain('POST /v1/send');
    expect(res.body.routes).toContain('POST /_sim/inbound');
  });

  it('answers 405 with Allow for a wrong method on a known path', async () => {
    const res = await call(sim, 'DELETE', '/v1/conversations');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    v.parse(ErrorEnvelope, res.body);
  });

  it('answers 404 code 20 for an unknown message id', async () => {
    const res = await call(sim, 'GET', `/v1/messages/${IDS.messageId}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toMatchObject({ code: 20 });
  });

  it('survives garbage of every kind without a 500', async () => {
    const bodies = [
      'null',
      '[]',
      '"text"',
      '42',
      '{"type":{}}',
      '{"to":[],"from":{},"type":"text"}',
    ];
    for (const raw of bodies) {
      for (const path of ['/v1/send', '/v1/conversations/start', '/v1/webhooks', '/_sim/inbound']) {
        const res = await call(sim, 'POST', path, undefined, { raw });
        expect(res.status, `${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${raw}`).toBeLessThan(500);
        v.parse(ErrorEnvelope, res.body);
      }
    }
  });
});
