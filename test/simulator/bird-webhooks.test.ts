import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BirdOutboundWebhook, verifyBirdWebhook } from '../../src/bird/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { BIRD_IDS, BIRD_SENDS } from '../payloads/index.js';
import { birdSendCall, birdSimulator, birdSubscribe, contactWrites } from './bird-helpers.js';
import { call, fakeFetch } from './helpers.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

/**
 * Bird's documented algorithm, written here without the project's code: base64 of HMAC-SHA256
 * keyed with the signing key's bytes over `timestamp \n url \n` and the raw SHA-256 of the body.
 */
function independentSignature(key: string, timestamp: string, url: string, body: string): Buffer {
  const bodyHash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest();
  const hmac = createHmac('sha256', Buffer.from(key, 'utf8'));
  hmac.update(Buffer.from(`${timestamp}\n${url}\n`, 'utf8'));
  hmac.update(bodyHash);
  return hmac.digest();
}

const signatureHolds = (key: string, url: string, headers: Headers, body: string): boolean => {
  const given = Buffer.from(headers.get('messagebird-signature') ?? '', 'base64');
  const expected = independentSignature(
    key,
    headers.get('messagebird-request-timestamp') ?? '',
    url,
    body,
  );
  return given.length === expected.length && timingSafeEqual(given, expected);
};

describe('deliveries to Bird webhook subscriptions', () => {
  it('delivers a signed whatsapp.inbound that an independent HMAC of the documented algorithm verifies', async () => {
    const hook = fakeFetch();
    const realNow = Date.parse('2026-03-02T09:00:07.250Z');
    sim = birdSimulator({ fetch: hook.fetch, realNow: () => realNow });
    const url = `${BIRD_IDS.webhookUrl}?tenant=acme`;
    await birdSubscribe(sim, 'whatsapp.inbound', url, { signingKey: BIRD_IDS.signingKey });
    const written = await contactWrites(sim, 'Hello, where is my parcel?');
    await sim.idle();

    expect(hook.calls).toHaveLength(1);
    const delivery = hook.calls[0] as (typeof hook.calls)[number];
    expect(delivery.url).toBe(url);
    expect(delivery.headers.get('content-type')).toBe('application/json');
    expect(delivery.headers.get('messagebird-request-timestamp')).toBe(
      String(realNow / 1000 - 0.25),
    );
    expect(signatureHolds(BIRD_IDS.signingKey, url, delivery.headers, delivery.body)).toBe(true);
    // Any other key, URL or body does not verify.
    expect(signatureHolds('another-key', url, delivery.headers, delivery.body)).toBe(false);
    expect(
      signatureHolds(BIRD_IDS.signingKey, BIRD_IDS.webhookUrl, delivery.headers, delivery.body),
    ).toBe(false);
    expect(signatureHolds(BIRD_IDS.signingKey, url, delivery.headers, `${delivery.body} `)).toBe(
      false,
    );
    // And the project's verifier agrees with it.
    verifyBirdWebhook({
      signature: delivery.headers.get('messagebird-signature'),
      timestamp: delivery.headers.get('messagebird-request-timestamp'),
      url,
      body: delivery.body,
      signingKey: BIRD_IDS.signingKey,
      now: realNow,
    });

    expect(delivery.payload).toMatchObject({
      service: 'channels',
      event: 'whatsapp.inbound',
      payload: {
        id: written.body.id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        channelId: BIRD_IDS.channelId,
        body: { type: 'text', text: { text: 'Hello, where is my parcel?' } },
        direction: 'incoming',
        status: 'delivered',
      },
    });
    const log = await call(sim, 'GET', '/_sim/webhooks/deliveries?event=whatsapp.inbound');
    expect(log.body.items).toMatchObject([
      {
        event: 'whatsapp.inbound',
        url,
        attempt: 1,
        status: 200,
        ok: true,
        messageId: written.body.id,
      },
    ]);
  });

  it('signs nothing when the subscription has no signing key', async () => {
    const hook = fakeFetch();
    sim = birdSimulator({ fetch: hook.fetch });
    await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl);
    await contactWrites(sim);
    await sim.idle();
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]?.headers.get('messagebird-signature')).toBeNull();
    expect(hook.calls[0]?.headers.get('messagebird-request-timestamp')).toBeNull();
    expect(hook.calls[0]?.headers.get('messagebird-signature-jwt')).toBeNull();
  });

  it('retries a failed delivery with its first timestamp, hours of real time later', async () => {
    // Real time moves an hour each time anything reads it: a retry re-reading it would show.
    let realNow = Date.parse('2026-03-02T09:00:00Z');
    const hook = fakeFetch((_call, n) => (n < 3 ? 503 : 200));
    sim = birdSimulator({
      fetch: hook.fetch,
      realNow: () => {
        realNow += 3_600_000;
        return realNow;
      },
    });
    await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl, {
      signingKey: BIRD_IDS.signingKey,
    });
    await contactWrites(sim);
    await sim.idle();

    expect(hook.calls).toHaveLength(3);
    const stamps = hook.calls.map((c) => c.headers.get('messagebird-request-timestamp'));
    expect(new Set(stamps).size).toBe(1);
    expect(Number(stamps[0]) * 1000).toBeLessThan(realNow - 2 * 3_600_000);
    for (const c of hook.calls) {
      expect(signatureHolds(BIRD_IDS.signingKey, BIRD_IDS.webhookUrl, c.headers, c.body)).toBe(
        true,
      );
    }
    const log = await call(sim, 'GET', '/_sim/webhooks/deliveries');
    expect(
      log.body.items.map((e: { attempt: number; status: number }) => [e.attempt, e.status]),
    ).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
  });

  it('reports every status of an outgoing message, sent through Bird or /v1, as whatsapp.outbound', async () => {
    const hook = fakeFetch();
    sim = birdSimulator({ fetch: hook.fetch });
    await birdSubscribe(sim, 'whatsapp.outbound', BIRD_IDS.webhookUrl);
    await contactWrites(sim);
    const bird = await birdSendCall(sim, { ...BIRD_SENDS.text(), reference: 'order-1042' });
    await call(sim, 'POST', '/v1/send', {
      to: BIRD_IDS.phone,
      from: sim.channelId,
      type: 'text',
      content: { text: 'From the Conversations API' },
    });
    sim.advance(10);
    await sim.idle();

    const events = hook.calls.map((c) => v.parse(BirdOutboundWebhook, c.payload).payload);
    const ofBird = events.filter((p) => p.id === bird.body.id);
    expect(ofBird.map((p) => p.status)).toEqual([
      'accepted',
      'processing',
      'sent',
      'delivered',
      'read',
    ]);
    expect(ofBird.every((p) => p.reference === 'order-1042' && p.direction === 'outgoing')).toBe(
      true,
    );
    expect(ofBird.at(-1)?.parts?.[0]?.platformReference).toMatch(/^wamid\./);
    const ofV1 = events.filter((p) => p.id !== bird.body.id);
    expect(ofV1.map((p) => p.status)).toEqual([
      'accepted',
      'processing',
      'sent',
      'delivered',
      'read',
    ]);
    expect(ofV1[0]?.body).toEqual({ type: 'text', text: { text: 'From the Conversations API' } });
  });

  it('honours the channelId and messageStatus filters, and reports reads as whatsapp.interaction', async () => {
    const hook = fakeFetch();
    const second = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
    sim = birdSimulator({
      fetch: hook.fetch,
      channels: [{ id: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5', birdChannelId: second }],
    });
    await birdSubscribe(sim, 'whatsapp.outbound', 'https://bot.example.com/final', {
      eventFilters: [
        { key: 'channelId', value: sim.bird.channelId },
        { key: 'messageStatus', value: 'delivered' },
        { key: 'messageStatus', value: 'sending_failed' },
      ],
    });
    await birdSubscribe(sim, 'whatsapp.outbound', 'https://bot.example.com/second', {
      eventFilters: [{ key: 'channelId', value: second }],
    });
    await birdSubscribe(sim, 'whatsapp.interaction', 'https://bot.example.com/reads');
    await contactWrites(sim);
    const sent = await birdSendCall(sim, BIRD_SENDS.text());
    sim.advance(10);
    await sim.idle();

    const byUrl = (url: string) => hook.calls.filter((c) => c.url === url).map((c) => c.payload);
    expect(byUrl('https://bot.example.com/final').map((p) => p.payload.status)).toEqual([
      'delivered',
    ]);
    expect(byUrl('https://bot.example.com/second')).toEqual([]);
    expect(byUrl('https://bot.example.com/reads')).toEqual([
      {
        service: 'channels',
        event: 'whatsapp.interaction',
        payload: {
          type: 'read',
          messageId: sent.body.id,
          channelId: BIRD_IDS.channelId,
          createdAt: '2026-03-02T09:00:05.000Z',
        },
      },
    ]);
  });

  it('stops delivering to a deleted subscription, and reset keeps subscriptions only when asked', async () => {
    const hook = fakeFetch();
    sim = birdSimulator({ fetch: hook.fetch });
    const created = await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl);
    await call(sim, 'POST', '/_sim/reset', { keep: ['webhooks'] });
    await contactWrites(sim, 'kept');
    await sim.idle();
    expect(hook.calls).toHaveLength(1);
    await call(
      sim,
      'DELETE',
      `/organizations/${sim.bird.organizationId}/workspaces/${sim.bird.workspaceId}/webhook-subscriptions/${created.body.id}`,
    );
    await contactWrites(sim, 'after delete');
    await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl);
    await call(sim, 'POST', '/_sim/reset');
    await contactWrites(sim, 'after reset');
    await sim.idle();
    expect(hook.calls.map((c) => c.payload.payload.body.text.text)).toEqual(['kept']);
  });
});
