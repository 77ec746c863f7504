import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter } from '../../src/adapter/messagebird-adapter.js';
import type { CredentialsReport } from '../../src/core/credentials.js';
import { silentLogger } from '../../src/core/logger.js';
import { createRandom } from '../../src/simulator/rng.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { IDS } from '../payloads/ids.js';

const KEYS = {
  accessKey: 'live_VERIFYCRED_access_61c0e7',
  signingKey: 'VERIFYCRED_signing_0b5d93',
} as const;
/** A well-formed channel id that no webhook or conversation of the account uses. */
const OTHER_CHANNEL = IDS.hexChannelId;

let sim: RunningSimulator;
/** The simulator's request log: `GET /v1/webhooks 200 3ms`. */
const requests: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    ...KEYS,
    channelId: IDS.channelId,
    port: 0,
    host: '127.0.0.1',
    logger: { info: (line) => requests.push(line), warn: () => {} },
  });
  // A webhook for the channel, as a set-up that receives messages has: the channel is confirmed.
  const res = await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      channelId: IDS.channelId,
      events: ['message.created', 'message.updated'],
      url: 'https://bot.example.com/api/messages',
    }),
  });
  expect(res.status).toBe(201);
});

afterAll(() => sim.close());

afterEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  requests.length = 0;
});

/** Runs the check with an adapter on the simulator: no retries, so a failure is final at once. */
async function verify(
  options: { accessKey?: string; channelId?: string } = {},
): Promise<CredentialsReport> {
  const adapter = new MessageBirdAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    ...options,
    apiBaseUrl: `${sim.url}/v1`,
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2_000 },
    logger: silentLogger,
  });
  try {
    return await adapter.verifyCredentials();
  } finally {
    await adapter.close();
  }
}

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

function expectNoKeys(report: CredentialsReport, ...keys: string[]): void {
  const text = JSON.stringify(report);
  for (const key of [KEYS.accessKey, KEYS.signingKey, ...keys]) expect(text).not.toContain(key);
}

describe('adapter.verifyCredentials() against the simulator', () => {
  it('good keys and a channel with a webhook: ok, confirmed, no problems', async () => {
    const report = await verify();
    expect(report).toEqual({ ok: true, accessKey: 'valid', channel: 'confirmed', problems: [] });
    expectNoKeys(report);
  });

  it('a wrong access key: invalid, not ok, and the problem says where to get one', async () => {
    const wrongKey = 'live_VERIFYCRED_wrong_key_77aa';
    const report = await verify({ accessKey: wrongKey });
    expect(report).toMatchObject({ ok: false, accessKey: 'invalid', channel: 'unknown' });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain('refused the access key');
    expectNoKeys(report, wrongKey);
  });

  it('a wrong channel id: unconfirmed and the problem names the id (ok stays true, see CredentialsReport)', async () => {
    const report = await verify({ channelId: OTHER_CHANNEL });
    expect(report).toMatchObject({ ok: true, accessKey: 'valid', channel: 'unconfirmed' });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain(OTHER_CHANNEL);
    expect(report.problems[0]).toContain('Channels → WhatsApp');
    expectNoKeys(report);
  });

  it('MessageBird answers the first call 500: resolves, key unknown, not ok', async () => {
    await setFaults({ status: { '500': 1 } });
    const report = await verify();
    expect(report).toMatchObject({ ok: false, accessKey: 'unknown', channel: 'unknown' });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain('could not be asked');
    expect(report.problems[0]).toContain('HTTP 500');
    expect(requests.filter((r) => r.startsWith('GET /v1/'))).toEqual([
      expect.stringMatching(/^GET \/v1\/webhooks 500 /),
    ]);
    expectNoKeys(report);
  });

  it('MessageBird answers only the second call 500: resolves, key valid, channel unknown', async () => {
    // Each /v1 call draws one number against the 500 chance: pick the seed whose first draw
    // passes (GET /webhooks) and whose second fails (GET /conversations).
    const chance = 0.5;
    let seed = 0;
    for (; ; seed++) {
      const draw = createRandom(seed);
      if (draw() >= chance && draw() < chance) break;
    }
    await setFaults({ status: { '500': chance }, seed });
    const report = await verify({ channelId: OTHER_CHANNEL });
    expect(requests.filter((r) => r.startsWith('GET /v1/'))).toEqual([
      expect.stringMatching(/^GET \/v1\/webhooks 200 /),
      expect.stringMatching(/^GET \/v1\/conversations 500 /),
    ]);
    expect(report).toMatchObject({ ok: true, accessKey: 'valid', channel: 'unknown' });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain(OTHER_CHANNEL);
    expect(report.problems[0]).toContain('listing conversations failed');
    expect(report.problems[0]).toContain('HTTP 500');
    expectNoKeys(report);
  });
});
