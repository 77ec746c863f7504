import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BirdChannel,
  BirdChannelMessage,
  BirdErrorBody,
  BirdSubscription,
  birdListOf,
} from '../../src/bird/index.js';
import {
  DEFAULT_BIRD_CHANNEL_ID,
  DEFAULT_BIRD_ORGANIZATION_ID,
  DEFAULT_BIRD_WORKSPACE_ID,
  type Simulator,
} from '../../src/simulator/index.js';
import { BIRD_IDS, BIRD_SENDS, birdReceiver, birdSend } from '../payloads/index.js';
import {
  birdSendCall,
  birdSimulator,
  birdSubscribe,
  channelPath,
  contactWrites,
  subscriptionsPath,
} from './bird-helpers.js';
import { ACCESS_KEY, call, manualSimulator } from './helpers.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

describe('the Bird face: ids and defaults', () => {
  it('plays the default workspace, organization and channel unless told otherwise, and GET /_sim lists both APIs', async () => {
    sim = manualSimulator();
    expect(sim.bird).toMatchObject({
      workspaceId: DEFAULT_BIRD_WORKSPACE_ID,
      organizationId: DEFAULT_BIRD_ORGANIZATION_ID,
      channelId: DEFAULT_BIRD_CHANNEL_ID,
    });
    const channel = await call(sim, 'GET', channelPath(sim));
    expect(channel.status).toBe(200);
    const info = await call(sim, 'GET', '/_sim');
    expect(info.body.apis.conversations.basePath).toBe('/v1');
    expect(info.body.apis.bird).toMatchObject({
      workspaceId: DEFAULT_BIRD_WORKSPACE_ID,
      channelId: DEFAULT_BIRD_CHANNEL_ID,
      messages: `${channelPath(sim)}/messages`,
      webhookSubscriptions: subscriptionsPath(sim),
    });
    expect(info.body.routes).toContain(
      'POST /workspaces/:workspaceId/channels/:channelId/messages',
    );
    expect(info.body.routes).toContain('POST /v1/send');
  });

  it('refuses Bird ids that are not dashed UUIDs, naming the option', () => {
    expect(() => manualSimulator({ birdWorkspaceId: 'acme' })).toThrow(/options\.birdWorkspaceId/);
    expect(() =>
      manualSimulator({ channels: [{ id: BIRD_IDS.channelId, birdChannelId: 'nope' }] }),
    ).toThrow(/options\.channels\[0\]\.birdChannelId/);
  });
});

describe('GET /workspaces/{ws}/channels/{ch}', () => {
  it('answers the channel (a credentials check) with its connector', async () => {
    sim = birdSimulator({ channelName: 'Shop WhatsApp' });
    const answer = await call(sim, 'GET', channelPath(sim));
    expect(answer.status).toBe(200);
    const channel = v.parse(BirdChannel, answer.body);
    expect(channel).toMatchObject({
      id: BIRD_IDS.channelId,
      name: 'Shop WhatsApp',
      platformId: 'whatsapp',
      status: 'active',
      connectorId: BIRD_IDS.connectorId,
    });
  });

  it('answers 404 with a Bird error body for an unknown workspace or channel', async () => {
    sim = birdSimulator();
    const otherWorkspace = await call(
      sim,
      'GET',
      `/workspaces/${BIRD_IDS.projectId}/channels/${sim.bird.channelId}`,
    );
    expect(otherWorkspace.status).toBe(404);
    expect(otherWorkspace.body).toEqual({
      code: 'NotFound',
      message: `workspace ${BIRD_IDS.projectId} not found`,
    });
    const otherChannel = await call(
      sim,
      'GET',
      `/workspaces/${sim.bird.workspaceId}/channels/${BIRD_IDS.projectId}/messages`,
    );
    expect(otherChannel.status).toBe(404);
    expect(otherChannel.body.code).toBe('NotFound');
    expect(otherChannel.body.message).toContain(`channel ${BIRD_IDS.projectId}`);
  });

  it('plays an extra channel on Bird when it has a Bird id, and not otherwise', async () => {
    const birdChannelId = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
    sim = birdSimulator({
      channels: [
        { id: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5', name: 'Second', birdChannelId },
        { id: '6e4b2a0c8d9f47e1b3a5c7d9e1f3a5b7', name: 'Conversations only' },
      ],
    });
    const second = await call(
      sim,
      'GET',
      `/workspaces/${sim.bird.workspaceId}/channels/${birdChannelId}`,
    );
    expect(second.body).toMatchObject({ id: birdChannelId, name: 'Second' });
  });
});

describe('AccessKey auth', () => {
  it('answers 401 with Bird error body without a key or with a wrong one, never echoing it', async () => {
    sim = birdSimulator();
    for (const auth of [false, 'wrong_key_9f3a'] as const) {
      for (const path of [channelPath(sim), subscriptionsPath(sim), `${channelPath(sim)}/nope`]) {
        const answer = await call(sim, 'GET', path, undefined, { auth });
        expect(answer.status).toBe(401);
        expect(v.is(BirdErrorBody, answer.body)).toBe(true);
        expect(answer.body.code).toBe('Unauthorized');
        expect(answer.body.message).toContain('AccessKey');
        expect(JSON.stringify(answer.body)).not.toContain('wrong_key_9f3a');
      }
    }
    const right = await call(sim, 'GET', channelPath(sim), undefined, { auth: ACCESS_KEY });
    expect(right.status).toBe(200);
  });
});

describe('POST /workspaces/{ws}/channels/{ch}/messages', () => {
  it('answers 202 with the ChannelMessage, accepted, addressed from the connector to the contact', async () => {
    sim = birdSimulator();
    await contactWrites(sim);
    const send = BIRD_SENDS.text();
    const answer = await birdSendCall(sim, { ...send, reference: 'order-1042-reply' });
    expect(answer.status).toBe(202);
    const message = v.parse(BirdChannelMessage, answer.body);
    expect(message).toMatchObject({
      channelId: BIRD_IDS.channelId,
      sender: { connector: { id: BIRD_IDS.connectorId, identifierValue: BIRD_IDS.businessPhone } },
      receiver: {
        contacts: [{ identifierKey: 'phonenumber', identifierValue: BIRD_IDS.phone }],
      },
      body: send.body,
      reference: 'order-1042-reply',
      status: 'accepted',
      reason: '',
      direction: 'outgoing',
      parts: [],
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    expect(message.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('reaches the contact by phone number without identifierKey, and by the Bird contact id', async () => {
    sim = birdSimulator();
    await contactWrites(sim);
    const first = await birdSendCall(sim, BIRD_SENDS.withoutIdentifierKey());
    expect(first.status).toBe(202);
    const contactId = first.body.receiver.contacts[0].id as string;
    const byId = await birdSendCall(sim, {
      receiver: { contacts: [{ id: contactId }] },
      body: { type: 'text', text: { text: 'Again' } },
    });
    expect(byId.status).toBe(202);
    expect(byId.body.receiver.contacts[0]).toMatchObject({
      id: contactId,
      identifierValue: BIRD_IDS.phone,
    });
  });

  it('answers 422 InvalidPayload naming the field for bodies it cannot take', async () => {
    sim = birdSimulator();
    await contactWrites(sim);
    const cases: [unknown, string, RegExp][] = [
      [undefined, 'body', /required/],
      [{ body: { type: 'text', text: { text: 'x' } } }, 'receiver', /required/],
      [
        { receiver: birdReceiver('0612'), body: { type: 'text', text: { text: 'x' } } },
        'receiver.contacts.0.identifierValue',
        /E\.164/,
      ],
      [
        {
          ...BIRD_SENDS.text(),
          template: { projectId: BIRD_IDS.projectId, version: 'latest', locale: 'en' },
        },
        'body',
        /exactly one of body and template/,
      ],
      [birdSend({ type: 'text', text: { text: '' } }), 'body.text.text', /empty/],
      [birdSend({ type: 'text', text: { text: 'x'.repeat(4097) } }), 'body.text.text', /4096/],
      [
        birdSend({
          type: 'text',
          text: {
            text: 'Pick one',
            actions: ['a', 'b', 'c', 'd'].map((t) => ({ type: 'reply', reply: { text: t } })),
          },
        }),
        'body.text.actions',
        /at most 3 reply buttons/,
      ],
      [
        birdSend({
          type: 'text',
          text: {
            text: 'Pick one',
            actions: [{ type: 'postback', postback: { text: 'x'.repeat(21), payload: 'p' } }],
          },
        }),
        'body.text.actions.0.postback.text',
        /at most 20/,
      ],
      [
        birdSend({
          type: 'image',
          image: {
            images: [
              { mediaUrl: 'https://cdn.example.com/a.png' },
              { mediaUrl: 'https://cdn.example.com/b.png' },
            ],
          },
        }),
        'body.image.images',
        /one image per message/,
      ],
      [
        birdSend({
          type: 'file',
          file: {
            files: [{ contentType: 'audio/ogg', mediaUrl: 'https://cdn.example.com/a.ogg' }],
            text: 'Listen',
          },
        }),
        'body.file.text',
        /no caption on audio/,
      ],
      [birdSend({ type: 'carousel', carousel: { items: [] } }), 'body.type', /not "carousel"/],
      [
        {
          receiver: {
            contacts: [{ identifierKey: 'emailaddress', identifierValue: 'a@b.example' }],
          },
          body: { type: 'text', text: { text: 'x' } },
        },
        'receiver.contacts.0.identifierKey',
        /phonenumber/,
      ],
      [
        {
          receiver: {
            contacts: [{ identifierValue: BIRD_IDS.phone }, { identifierValue: '+31687650012' }],
          },
          body: { type: 'text', text: { text: 'x' } },
        },
        'receiver.contacts',
        /one contact/,
      ],
      [
        birdSend(
          { type: 'text', text: { text: 'x' } },
          { replyTo: { id: BIRD_IDS.inboundMessageId, type: 'message' } },
        ),
        'replyTo.id',
        /no message/,
      ],
    ];
    for (const [request, field, message] of cases) {
      const answer = await birdSendCall(sim, request);
      expect(answer.status, field).toBe(422);
      expect(answer.body.code, field).toBe('InvalidPayload');
      expect(answer.body.message, field).toMatch(message);
      if (field !== 'body' || request !== undefined) {
        expect(Object.keys(answer.body.details ?? { body: [] }), field).toContain(field);
      }
    }
    const list = await call(sim, 'GET', `${channelPath(sim)}/messages`);
    expect(list.body.results.map((m: { direction: string }) => m.direction)).toEqual(['incoming']);
  });

  it('answers 400 for malformed JSON', async () => {
    sim = birdSimulator();
    const answer = await call(sim, 'POST', `${channelPath(sim)}/messages`, undefined, {
      raw: '{"receiver":',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/not valid JSON/);
  });
});

describe('GET …/messages and …/messages/{id}', () => {
  it('lists the channel messages of both directions and both APIs newest first, paged with limit and pageToken', async () => {
    sim = birdSimulator();
    await contactWrites(sim, 'one');
    sim.advance(1);
    await birdSendCall(sim, birdSend({ type: 'text', text: { text: 'two' } }));
    sim.advance(1);
    await call(sim, 'POST', '/v1/send', {
      to: BIRD_IDS.phone,
      from: sim.channelId,
      type: 'text',
      content: { text: 'three' },
    });
    sim.advance(1);
    await contactWrites(sim, 'four', '+31687650012');
    const texts = (page: { results: { body: { text: { text: string } } }[] }) =>
      page.results.map((m) => m.body.text.text);

    const all = await call(sim, 'GET', `${channelPath(sim)}/messages`);
    expect(all.status).toBe(200);
    v.parse(birdListOf(BirdChannelMessage), all.body);
    expect(texts(all.body)).toEqual(['four', 'three', 'two', 'one']);
    expect(all.body.nextPageToken).toBeUndefined();

    const first = await call(sim, 'GET', `${channelPath(sim)}/messages?limit=3`);
    expect(texts(first.body)).toEqual(['four', 'three', 'two']);
    const token = first.body.nextPageToken as string;
    expect(token).toEqual(expect.any(String));
    // A message written meanwhile does not shift the next page.
    await contactWrites(sim, 'five');
    const second = await call(
      sim,
      'GET',
      `${channelPath(sim)}/messages?limit=3&pageToken=${encodeURIComponent(token)}`,
    );
    expect(texts(second.body)).toEqual(['one']);
    expect(second.body.nextPageToken).toBeUndefined();

    const ana = await call(
      sim,
      'GET',
      `${channelPath(sim)}/messages?phonenumber=${encodeURIComponent(BIRD_IDS.phone)}`,
    );
    expect(texts(ana.body)).toEqual(['five', 'three', 'two', 'one']);
  });

  it('defaults to 10 a page and refuses a limit out of 1..100 or a pageToken it never gave', async () => {
    sim = birdSimulator();
    for (let i = 0; i < 12; i++) await contactWrites(sim, `m${i}`);
    const page = await call(sim, 'GET', `${channelPath(sim)}/messages`);
    expect(page.body.results).toHaveLength(10);
    expect(page.body.nextPageToken).toEqual(expect.any(String));
    for (const limit of ['0', '101', 'ten']) {
      const answer = await call(sim, 'GET', `${channelPath(sim)}/messages?limit=${limit}`);
      expect(answer.status).toBe(422);
      expect(answer.body.details).toHaveProperty('limit');
    }
    const bad = await call(sim, 'GET', `${channelPath(sim)}/messages?pageToken=bm9wZQ`);
    expect(bad.status).toBe(422);
    expect(bad.body.details).toHaveProperty('pageToken');
  });

  it('answers one message by its Bird id, the same id the send answered, and 404 for another', async () => {
    sim = birdSimulator();
    await contactWrites(sim);
    const sent = await birdSendCall(sim, BIRD_SENDS.text());
    sim.advance(2);
    const one = await call(sim, 'GET', `${channelPath(sim)}/messages/${sent.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: sent.body.id, status: 'delivered' });
    expect(one.body.parts[0].platformReference).toMatch(/^wamid\./);
    const missing = await call(
      sim,
      'GET',
      `${channelPath(sim)}/messages/${BIRD_IDS.sentMessageId}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      code: 'NotFound',
      message: `message ${BIRD_IDS.sentMessageId} not found`,
    });
  });
});

describe('webhook subscriptions', () => {
  it('creates (201, echoing the signing key), gets and lists (without it), and deletes (204)', async () => {
    sim = birdSimulator();
    const created = await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl, {
      signingKey: BIRD_IDS.signingKey,
    });
    expect(created.status).toBe(201);
    const subscription = v.parse(BirdSubscription, created.body);
    expect(subscription).toMatchObject({
      organizationId: BIRD_IDS.organizationId,
      workspaceId: BIRD_IDS.workspaceId,
      service: 'channels',
      event: 'whatsapp.inbound',
      url: BIRD_IDS.webhookUrl,
      signingKey: BIRD_IDS.signingKey,
      eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
      status: 'active',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    const path = `${subscriptionsPath(sim)}/${subscription.id}`;
    const got = await call(sim, 'GET', path);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(subscription.id);
    expect(got.body).not.toHaveProperty('signingKey');

    await birdSubscribe(sim, 'whatsapp.outbound', BIRD_IDS.webhookUrl);
    const list = await call(sim, 'GET', subscriptionsPath(sim));
    v.parse(birdListOf(BirdSubscription), list.body);
    expect(list.body.results.map((s: { event: string }) => s.event)).toEqual([
      'whatsapp.inbound',
      'whatsapp.outbound',
    ]);
    const page = await call(sim, 'GET', `${subscriptionsPath(sim)}?limit=1`);
    expect(page.body.results).toHaveLength(1);
    const next = await call(
      sim,
      'GET',
      `${subscriptionsPath(sim)}?limit=1&pageToken=${page.body.nextPageToken}`,
    );
    expect(next.body.results[0].event).toBe('whatsapp.outbound');

    const deleted = await call(sim, 'DELETE', path);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await call(sim, 'GET', path)).status).toBe(404);
    expect((await call(sim, 'DELETE', path)).status).toBe(404);
  });

  it('refuses bad bodies (422 naming the field), another organization (404) and a sixth twin (409)', async () => {
    sim = birdSimulator();
    const bad: [unknown, string][] = [
      [
        { service: 'conversations', event: 'whatsapp.inbound', url: BIRD_IDS.webhookUrl },
        'service',
      ],
      [{ service: 'channels', event: 'sms.inbound', url: BIRD_IDS.webhookUrl }, 'event'],
      [{ service: 'channels', event: 'whatsapp.inbound', url: 'not a url' }, 'url'],
      [
        {
          service: 'channels',
          event: 'whatsapp.inbound',
          url: BIRD_IDS.webhookUrl,
          eventFilters: [{ key: 'channelId', value: BIRD_IDS.projectId }],
        },
        'eventFilters.0.value',
      ],
    ];
    for (const [body, field] of bad) {
      const answer = await call(sim, 'POST', subscriptionsPath(sim), body);
      expect(answer.status, field).toBe(422);
      expect(answer.body.details, field).toHaveProperty([field]);
    }
    const otherOrg = await call(
      sim,
      'GET',
      `/organizations/${BIRD_IDS.projectId}/workspaces/${sim.bird.workspaceId}/webhook-subscriptions`,
    );
    expect(otherOrg.status).toBe(404);
    expect(otherOrg.body.message).toContain(`organization ${BIRD_IDS.projectId}`);

    for (let i = 0; i < 5; i++) {
      expect(
        (await birdSubscribe(sim, 'whatsapp.inbound', `${BIRD_IDS.webhookUrl}/${i}`)).status,
      ).toBe(201);
    }
    const sixth = await birdSubscribe(sim, 'whatsapp.inbound', `${BIRD_IDS.webhookUrl}/5`);
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('Conflict');
    expect((await birdSubscribe(sim, 'whatsapp.outbound', BIRD_IDS.webhookUrl)).status).toBe(201);
  });
});

describe('unknown routes, faults and rate limits on the Bird face', () => {
  it('answers an unknown Bird route 404 and a wrong method 405 in Bird error bodies', async () => {
    sim = birdSimulator();
    const unknown = await call(sim, 'GET', `/workspaces/${sim.bird.workspaceId}/conversations`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NotFound');
    expect(unknown.body.details.routes).toContain(
      'GET /workspaces/:workspaceId/channels/:channelId/messages/:messageId',
    );
    const wrong = await call(sim, 'PUT', `${channelPath(sim)}/messages`, {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect(wrong.body.code).toBe('MethodNotAllowed');
  });

  it('applies injected faults as for /v1, answered in Bird error bodies', async () => {
    sim = birdSimulator();
    await call(sim, 'PUT', '/_sim/faults', { status: { '503': 1 } });
    const failed = await call(sim, 'GET', channelPath(sim));
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      code: 'InternalServerError',
      message: 'Injected fault: HTTP 503',
    });
    await call(sim, 'PUT', '/_sim/faults', { status: { '429': 1 } });
    const limited = await call(sim, 'POST', `${channelPath(sim)}/messages`, BIRD_SENDS.text());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.code).toBe('TooManyRequests');
    await call(sim, 'DELETE', '/_sim/faults');
    expect((await call(sim, 'GET', channelPath(sim))).status).toBe(200);
  });

  it("enforces Bird's per-workspace limits per method (429 TooManyRequests with Retry-After) and the /_sim rate limit", async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    sim = birdSimulator({ realNow: () => now, birdRateLimits: { get: 2, post: 1 } });
    const get = () => call(sim, 'GET', channelPath(sim));
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(third.body.code).toBe('TooManyRequests');
    expect(third.body.message).toContain('2 a second per workspace');
    // POST has its own bucket.
    expect((await birdSendCall(sim, BIRD_SENDS.text())).status).not.toBe(429);
    expect((await birdSendCall(sim, BIRD_SENDS.text())).status).toBe(429);
    now += 1000;
    expect((await get()).status).toBe(200);

    await call(sim, 'PUT', '/_sim/rate-limit', { perSecond: 0.001, burst: 1 });
    now += 10_000;
    expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TooManyRequests');
  });

  it("defaults to Bird's documented 50 GET a second", async () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    sim = birdSimulator({ realNow: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) statuses.push((await call(sim, 'GET', channelPath(sim))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.at(-1)).toBe(429);
  });
});
