import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fastWebhookPayload } from '../../src/messagebird/fast-webhook-payload.js';
import { WebhookPayload } from '../../src/messagebird/index.js';
import {
  conversationCreated,
  conversationUpdated,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  STATUS_EVENTS,
} from '../payloads/index.js';

/** A text webhook as the simulator sends it (an inbound one and a status of a sent one). */
const SIMULATED = [
  '{"type":"message.created","contact":{"id":"1e3ab25441c2dd128613248b38447cf3","href":"","msisdn":5511987654321,"displayName":"Ana","firstName":"","lastName":"","customDetails":{},"attributes":{},"createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43Z"},"conversation":{"id":"5d3fa2b45a5fc38825cf12f8369d4a81","contactId":"1e3ab25441c2dd128613248b38447cf3","status":"active","createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43.227000000Z","lastReceivedDatetime":"2026-12-03T14:47:43.227000000Z","lastUsedChannelId":"2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6","lastUsedPlatformId":"whatsapp"},"message":{"id":"2410b279ebda84ff3843fb2f6e152ff5","conversationId":"5d3fa2b45a5fc38825cf12f8369d4a81","platform":"whatsapp","to":"+31200000000","from":"+5511987654321","channelId":"2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6","type":"text","content":{"text":"hi"},"direction":"received","status":"received","createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43.227000000Z","metadata":{"replyTo":{"id":"00000000-0000-0000-0000-000000000000"},"sender":{"displayName":"Ana"}}}}',
  '{"type":"message.updated","contact":{"id":"1e3ab25441c2dd128613248b38447cf3","href":"","msisdn":5511987654321,"displayName":"Ana","firstName":"","lastName":"","customDetails":{},"attributes":{},"createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43Z"},"conversation":{"id":"5d3fa2b45a5fc38825cf12f8369d4a81","contactId":"1e3ab25441c2dd128613248b38447cf3","status":"active","createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43.227000000Z","lastReceivedDatetime":"2026-12-03T14:47:43.227000000Z","lastUsedChannelId":"2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6","lastUsedPlatformId":"whatsapp"},"message":{"id":"91590e2cceb95d3b81216f57b2208fa7","conversationId":"5d3fa2b45a5fc38825cf12f8369d4a81","platform":"whatsapp","to":"+5511987654321","from":"+31200000000","channelId":"2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6","type":"text","content":{"text":"echo: hi"},"direction":"sent","status":"delivered","createdDatetime":"2026-12-03T14:47:43Z","updatedDatetime":"2026-12-03T14:47:43.227000000Z","origin":"api","trackId":"92cbb83b-7008-4973-8d34-1ee8f5b13966","error":{"code":470,"description":"outside the window"},"source":{"a":1},"replyTo":{"id":"x","extra":true},"tag":null,"fallback":{"any":1},"reportUrl":null}}',
];

/** Values put in place of each field, or added beside each object's keys. */
const ALTERNATIVES: readonly unknown[] = [
  null,
  '',
  'x',
  '+31612345678',
  '123',
  0,
  1,
  -5,
  1.5,
  31612345678,
  true,
  {},
  [],
  { id: 'a' },
  { text: 'hi' },
  { text: 'hi', image: { url: 'u' } },
  { code: 470 },
  { displayName: 5 },
  '2026-01-31T12:00:00Z',
  '2026-01-31T12:00:00.123456789+01:00',
  '2026-01-31 12:00:00',
  'active',
  'archived',
  'received',
  'sent',
  'delivered',
  'message.created',
  'message.updated',
  'conversation.created',
  'text',
  'image',
  'whatsappSticker',
];
const OMIT = Symbol('omit');

/** Every body with one field (at any depth) replaced by each alternative, left out, or added. */
function* variations(body: unknown, path: string[] = []): Generator<unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const object = body as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    for (const value of [...ALTERNATIVES, OMIT]) yield replaced(object, key, value);
    for (const inner of variations(object[key], [...path, key])) {
      yield replaced(object, key, inner);
    }
  }
  for (const key of ['extra', 'id', 'type', 'contact', 'image', 'constructor']) {
    if (!(key in object)) yield { ...object, [key]: 'added' };
  }
  // A key JSON.parse makes own, which the schema does not copy.
  const rest = JSON.stringify(object).slice(1);
  yield JSON.parse(`{"__proto__":{"polluted":1}${rest === '}' ? '' : ','}${rest}`);
}

function replaced(object: Record<string, unknown>, key: string, value: unknown) {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(object)) {
    if (k !== key) copy[k] = object[k];
    else if (value !== OMIT) copy[k] = value;
  }
  return copy;
}

const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());

/** Keys in order, at every depth. */
function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(shape);
  return Object.entries(value).map(([k, x]) => [k, shape(x)]);
}

/** The fast check answers exactly what the schema's parse answers, or leaves it to the schema. */
function agree(input: unknown): boolean {
  const quick = fastWebhookPayload(input);
  if (quick === undefined) return false;
  const parsed = v.safeParse(WebhookPayload, input);
  expect(parsed.success, JSON.stringify(input)).toBe(true);
  expect(shape(quick)).toStrictEqual(shape(parsed.output));
  expect(quick).toStrictEqual(parsed.output);
  expect(Object.getPrototypeOf(quick)).toBe(Object.prototype);
  return true;
}

describe('the fast check of common webhooks (fast-webhook-payload.ts)', () => {
  it('answers text message events as WebhookPayload does, and leaves everything else to it', () => {
    let taken = 0;
    let total = 0;
    const bases = [
      ...SIMULATED.map((text) => JSON.parse(text) as Record<string, unknown>),
      ...Object.values(INBOUND_EVENTS),
      ...Object.values(STATUS_EVENTS),
      ...Object.values(MESSY_EVENTS),
      conversationCreated(),
      conversationUpdated(),
    ] as Record<string, unknown>[];
    for (const base of bases) {
      for (const body of [base, reversed(base), ...variations(base)]) {
        total += 1;
        if (agree(body)) taken += 1;
      }
    }
    // Both outcomes are well represented: many taken, many left to the schema.
    expect(taken).toBeGreaterThan(1000);
    expect(total - taken).toBeGreaterThan(1000);
  });

  it('takes the simulated text events, and leaves non-objects to the schema', () => {
    for (const text of SIMULATED) expect(agree(JSON.parse(text))).toBe(true);
    for (const odd of [null, undefined, 'x', 5, [], [{ type: 'message.created' }]]) {
      expect(fastWebhookPayload(odd)).toBeUndefined();
    }
  });
});
