import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStartConfig } from '../../src/bot/env.js';
import { prepareBirdAccount } from '../../src/bot/sample-account.js';
import { type RunningLive, startLive } from '../../src/bot/start-live.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  type RunningSimulator,
  startSimulator,
} from '../../src/simulator/index.js';

/** Bird itself played by the simulator: npm start's live mode cannot tell the difference. */
let bird: RunningSimulator;
const requests: string[] = [];
const CONTACT = '+31687654321';

beforeAll(async () => {
  bird = await startSimulator({
    port: 0,
    schedule: { pending: 0, sent: 50, delivered: 100, read: null, failed: 50 },
    logger: { info: (line) => requests.push(line), warn: () => {} },
  });
});
afterAll(() => bird?.close());

/** A port nothing listens on now, for the bot (its public URL must be known before it starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What npm start reads with Bird credentials, pointed at the simulator by BIRD_API_BASE_URL. */
function birdEnv(port: number, overrides: Record<string, string> = {}) {
  return {
    BIRD_WORKSPACE_ID: bird.bird.workspaceId,
    BIRD_CHANNEL_ID: bird.bird.channelId,
    MESSAGEBIRD_ACCESS_KEY: DEFAULT_ACCESS_KEY,
    MESSAGEBIRD_SIGNING_KEY: DEFAULT_SIGNING_KEY,
    WEBHOOK_URL: `http://127.0.0.1:${port}/api/messages`,
    BIRD_API_BASE_URL: bird.url,
    PORT: String(port),
    ...overrides,
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start with Bird credentials (live mode, against Bird’s Channels API)', () => {
  let live: RunningLive | undefined;
  afterAll(() => live?.close());

  it('checks the key and channel with Bird, then answers a contact through the Channels API', async () => {
    const port = await freePort();
    const config = readStartConfig(birdEnv(port));
    if (config.mode !== 'live' || config.api !== 'bird') throw new Error('expected live Bird');
    const lines: string[] = [];
    live = await startLive(config, (line) => lines.push(line));
    expect(live.credentials).toEqual({
      ok: true,
      accessKey: 'valid',
      channel: 'confirmed',
      problems: [],
    });
    expect(live.reminderTemplate).toBe(false);
    const channelPath = `/workspaces/${bird.bird.workspaceId}/channels/${bird.bird.channelId}`;
    expect(requests).toContainEqual(expect.stringMatching(`^GET ${channelPath} 200`));

    // As the bot's owner does in Bird: the two subscriptions, signed with the signing key.
    await prepareBirdAccount(
      bird,
      { accessKey: DEFAULT_ACCESS_KEY, signingKey: DEFAULT_SIGNING_KEY },
      config.webhookUrl,
    );
    bird.inbound({
      from: CONTACT,
      displayName: 'Grace Hopper',
      type: 'text',
      content: { text: 'hi' },
    });

    const answers = await until('the greeting and the menu', async () => {
      const response = await fetch(
        `${bird.url}/_sim/messages?contact=${encodeURIComponent(CONTACT)}&direction=sent`,
      );
      const { items } = (await response.json()) as { items: { content: unknown }[] };
      const text = JSON.stringify(items);
      return text.includes('Welcome, Grace!') && text.includes('What would you like to do?')
        ? items
        : undefined;
    });
    expect(answers.length).toBeGreaterThanOrEqual(2);
    // Every send went to Bird's Channels API; none to the Conversations API.
    // (A request is logged once answered: wait for the lines of the answers already seen.)
    const sendsOf = () => requests.filter((l) => l.startsWith(`POST ${channelPath}/messages `));
    const sends = await until('the sends in the log', async () =>
      sendsOf().length >= answers.length ? sendsOf() : undefined,
    );
    expect(sends.length).toBe(answers.length);
    expect(sends.every((line) => line.includes(' 202 '))).toBe(true);
    expect(requests.filter((line) => line.includes(' /v1/'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^\[message\] \+31687654321: “hi”/));
    expect(lines.filter((line) => line.startsWith('[error]'))).toEqual([]);
  });

  it.each([
    [
      'a wrong access key',
      { MESSAGEBIRD_ACCESS_KEY: 'not_the_key' },
      /Bird refused the access key.*npm start reads accessKey from MESSAGEBIRD_ACCESS_KEY/,
    ],
    [
      'a workspace Bird does not have',
      { BIRD_WORKSPACE_ID: '0b7d9f1e-3a5c-4e7b-9d1f-2a4c6e8b0d35' },
      /Bird has no channel .* in workspace 0b7d9f1e-3a5c-4e7b-9d1f-2a4c6e8b0d35.*workspaceId from BIRD_WORKSPACE_ID/,
    ],
  ])(
    'refuses to start with %s, saying what to fix and printing no key',
    async (_what, env, message) => {
      const port = await freePort();
      const config = readStartConfig(birdEnv(port, env));
      if (config.mode !== 'live') throw new Error('expected live');
      const error = await startLive(config, () => {}).then(
        () => {
          throw new Error('started');
        },
        (e: Error & { code?: string }) => e,
      );
      expect(error.code).toBe('CREDENTIALS_REJECTED');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(DEFAULT_SIGNING_KEY);
      // Nothing listens: the bot was not started.
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    },
  );
});
