import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter } from '../../src/adapter/index.js';
import { formatDatetime } from '../../src/messagebird/datetime.js';
import { signSignatureJwt } from '../../src/messagebird/signature-jwt.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import {
  conversationCreated,
  IDS,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  STATUS_EVENTS,
} from '../payloads/index.js';
import { guardSecrets, record, recordingLogger, SECRET_KEYS, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const url = 'https://bot.example.com/api/messages';
const adapter = new MessageBirdAdapter({
  ...SECRET_KEYS,
  channelId: IDS.channelId,
  webhookUrl: url,
  apiBaseUrl: 'http://127.0.0.1:9/v1',
  logger: recordingLogger,
  window: { unknownContacts: 'allow' },
  dedupe: { max: 2_000 },
});
afterAll(() => adapter.close());

let turns = 0;
const logic = async () => {
  turns++;
};

/** Posts bytes with a valid signature, so the payload is what is tested. */
async function post(bytes: Uint8Array | string) {
  const jwt = await signSignatureJwt({ url, body: bytes, signingKey: SECRET_KEYS.signingKey });
  const response = await adapter.handle(
    new Request(url, {
      method: 'POST',
      body: bytes as BodyInit,
      headers: { 'MessageBird-Signature-JWT': jwt },
    }),
    logic,
  );
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as { error?: { message?: string } }) : {},
  };
}

const seeds = [
  ...Object.values(INBOUND_EVENTS),
  ...Object.values(STATUS_EVENTS).map((make) => make()),
  ...Object.values(MESSY_EVENTS).map((make) => make()),
  conversationCreated(),
].map((event) => {
  const copy = structuredClone(event) as { message?: { createdDatetime: string } };
  if (copy.message) copy.message.createdDatetime = formatDatetime(Date.now());
  return copy;
});

/** Every path of a JSON value, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((x, i) => [i, x] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

/** Replacement values that are wrong in the ways real clients get things wrong. */
const nasty = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(''),
  fc.string(),
  fc.constant('x'.repeat(200_000)),
  fc.constant('12.5'),
  fc.constant('NaN'),
  fc.constant([]),
  fc.constant({}),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.constant(Array.from({ length: 1 }).reduce<unknown>((acc) => acc, nest(500))),
  fc.json().map((s) => JSON.parse(s) as unknown),
);

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A seed payload with one value replaced, one key deleted, or one key added. */
const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.nat(),
    nasty,
    fc.constantFrom('replace', 'delete', 'add'),
    fc.string(),
  )
  .map(([seed, pick, value, how, key]) => {
    const copy = structuredClone(seed) as Record<string, unknown>;
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[pick % all.length] as (string | number)[];
    let parent: any = copy;
    for (const k of path.slice(0, -1)) parent = parent[k];
    const last = path.at(-1) as string | number;
    if (how === 'delete') delete parent[last];
    else if (how === 'add' && parent && typeof parent === 'object' && !Array.isArray(parent))
      parent[key || '__proto__'] = value;
    else parent[last] = value;
    return copy;
  });

describe('fuzzing the webhook endpoint with valid signatures', () => {
  let cases = 0;

  it('answers mutated MessageBird payloads with 2xx or a clear 4xx, and runs the bot only for valid ones', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (payload) => {
        cases++;
        const text = JSON.stringify(payload) ?? 'null';
        const valid = v.safeParse(WebhookPayload, JSON.parse(text)).success;
        const before = turns;
        const { status, json } = await post(text);
        if (status >= 400) record(json.error?.message ?? '');
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        if (!valid) {
          expect(status).toBe(400);
          expect(json.error?.message).toMatch(/\S+: /);
          expect(turns).toBe(before);
        }
      }),
      { numRuns: 1500, seed: 20261125 },
    );
  }, 120_000);

  it('answers random JSON and random bytes (invalid UTF-8 included) with 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json().map((s) => new TextEncoder().encode(s)),
          fc.uint8Array({ minLength: 1, maxLength: 2_000 }),
          fc.constant(new Uint8Array([0xc3, 0x28, 0x7b, 0x7d])),
          fc.constant(new TextEncoder().encode('{"type":"message.created",'.repeat(1))),
        ),
        async (bytes) => {
          cases++;
          const before = turns;
          const { status } = await post(bytes);
          expect([200, 400]).toContain(status);
          if (status === 400) expect(turns).toBe(before);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  }, 60_000);

  it('keeps memory bounded over thousands of valid deliveries', async () => {
    const event = seeds[0] as unknown as { message: { id: string } };
    const round = async (from: number) => {
      for (let i = from; i < from + 1_500; i++) {
        event.message.id = i.toString(16).padStart(32, '0');
        cases++;
        expect((await post(JSON.stringify(event))).status).toBe(200);
      }
    };
    await round(0);
    gc();
    const after1 = process.memoryUsage().heapUsed;
    await round(1_500);
    await round(3_000);
    gc();
    const after3 = process.memoryUsage().heapUsed;
    const growth = (after3 - after1) / 2 ** 20;
    console.info(`[fuzz] heap growth over 3,000 more deliveries: ${growth.toFixed(1)} MiB`);
    // The dedupe and jti caches are LRU-bounded (2,000 entries here); the heap must not grow with traffic.
    expect(growth).toBeLessThan(20);
  }, 120_000);

  afterAll(() => {
    console.info(`[fuzz] webhook endpoint: ${cases} cases, ${turns} bot turns`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
