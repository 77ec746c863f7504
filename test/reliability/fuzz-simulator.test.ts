import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createClock, createSimulator } from '../../src/simulator/index.js';
import { IDS, SENDS } from '../payloads/index.js';
import { guardSecrets, record, SECRET_KEYS, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();

const sim = createSimulator({
  ...SECRET_KEYS,
  channelId: IDS.channelId,
  clock: createClock({ mode: 'manual' }),
  approveTemplatesOnSubmit: true,
});
afterAll(() => sim.close());

const auth = {
  Authorization: `AccessKey ${SECRET_KEYS.accessKey}`,
  'Content-Type': 'application/json',
};

const ROUTES: [string, string][] = [
  ['POST', '/v1/send'],
  ['POST', '/v1/conversations/start'],
  ['GET', '/v1/conversations'],
  ['GET', `/v1/conversations/${IDS.conversationId}`],
  ['PATCH', `/v1/conversations/${IDS.conversationId}`],
  ['POST', `/v1/conversations/${IDS.conversationId}/messages`],
  ['GET', `/v1/conversations/${IDS.conversationId}/messages`],
  ['GET', `/v1/messages/${IDS.messageId}`],
  ['POST', '/v1/webhooks'],
  ['GET', '/v1/webhooks'],
  ['PATCH', `/v1/webhooks/${IDS.webhookId}`],
  ['DELETE', `/v1/webhooks/${IDS.webhookId}`],
  ['POST', '/_sim/inbound'],
  ['GET', '/_sim/messages'],
  ['POST', '/_sim/templates'],
  ['PUT', '/_sim/rate-limit'],
  ['POST', '/_sim/clock/advance'],
  ['PUT', '/_sim/faults'],
];

const nasty = fc.oneof(
  fc.json().map((s) => JSON.parse(s) as unknown),
  fc.constant(null),
  fc.constant('x'.repeat(100_000)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"to":"+31612345678"}')),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.string(),
  fc.integer(),
);

/** A real send body with one field replaced by something wrong. */
const mutatedSend = fc
  .tuple(
    fc.constantFrom(...Object.values(SENDS)),
    fc.constantFrom('to', 'from', 'type', 'content', 'reportUrl', 'ttl'),
    nasty,
  )
  .map(([make, key, value]) => ({ ...make(), [key]: value }));

const body = fc.oneof(
  mutatedSend.map((b) => JSON.stringify(b)),
  nasty.map((b) => JSON.stringify(b) ?? 'null'),
  fc.string(),
  fc.constant('{"unterminated": '),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

let cases = 0;

describe('fuzzing the simulator API', () => {
  it('answers random and mutated requests without a 5xx, with an error envelope that names the problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, async ([method, path], payload) => {
        cases++;
        const response = await sim.app.request(path, {
          method,
          headers: auth,
          body: method === 'GET' || method === 'DELETE' ? undefined : payload,
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const json = (await response.json()) as {
            errors?: { description?: string; message?: string }[];
          };
          const description = json.errors?.[0]?.description ?? json.errors?.[0]?.message;
          record(description ?? '');
          expect(description).toMatch(/\S/);
        } else {
          await response.arrayBuffer();
        }
      }),
      { numRuns: 2_000, seed: 424242 },
    );
  }, 120_000);

  it('answers random paths and methods with 404 or 405 in the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        fc.webPath(),
        async (method, path) => {
          cases++;
          const response = await sim.app.request(`/v1${path}`, { method, headers: auth });
          expect(response.status).toBeLessThan(500);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 500, seed: 99 },
    );
  });

  afterAll(() => {
    console.info(`[fuzz] simulator API: ${cases} cases`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
