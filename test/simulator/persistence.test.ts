import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock, SimulatorError } from '../../src/simulator/index.js';
import { SENDS } from '../payloads/index.js';
import { call, inboundText, manualSimulator, START, subscribe } from './helpers.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-persist-'));
  file = join(dir, 'state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('saves on close and loads on start, without ever writing the keys', async () => {
    const keys = { accessKey: 'live_persist_access_7f3a', signingKey: 'persist_signing_9c1e' };
    const first = manualSimulator({ persist: file, ...keys });
    const auth = { auth: keys.accessKey };
    await inboundText(first, 'remember me');
    await call(first, 'POST', '/v1/webhooks', undefined, {
      ...auth,
      raw: JSON.stringify({
        channelId: first.channelId,
        url: 'https://bot.example.com/hook',
        events: ['message.created'],
      }),
    });
    await call(first, 'POST', '/_sim/templates', {
      name: 'welcome',
      language: 'en',
      category: 'MARKETING',
      content: 'Welcome {{1}}',
    });
    await first.close();

    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('remember me');
    expect(saved).not.toContain(keys.accessKey);
    expect(saved).not.toContain(keys.signingKey);

    const second = manualSimulator({ persist: file, ...keys });
    const conversations = await call(second, 'GET', '/v1/conversations', undefined, auth);
    expect(conversations.body.totalCount).toBe(1);
    expect(conversations.body.items[0].messages.totalCount).toBe(1);
    expect((await call(second, 'GET', '/v1/webhooks', undefined, auth)).body.totalCount).toBe(1);
    expect((await call(second, 'GET', '/_sim/templates')).body.items[0].name).toBe('welcome');
    await second.close();
  });

  it('carries on a message’s status schedule after a restart', async () => {
    const first = manualSimulator({ persist: file });
    await inboundText(first);
    const { body } = await call(first, 'POST', '/v1/send', SENDS.text());
    await first.close();

    const second = manualSimulator({
      persist: file,
      clock: createClock({ mode: 'manual', start: START }),
    });
    expect((await call(second, 'GET', `/v1/messages/${body.id}`)).body.status).toBe('pending');
    second.clock.advance(10_000);
    expect((await call(second, 'GET', `/v1/messages/${body.id}`)).body.status).toBe('read');
    await second.close();
  });

  it('refuses a corrupt file with an error that says what to do', () => {
    writeFileSync(file, '{"version": 1, "state": ');
    expect(() => manualSimulator({ persist: file })).toThrow(SimulatorError);
    expect(() => manualSimulator({ persist: file })).toThrow(
      /not valid JSON: fix it, or delete it/,
    );
    writeFileSync(file, JSON.stringify({ version: 1, savedAt: START, state: { contacts: 3 } }));
    try {
      manualSimulator({ persist: file });
      expect.unreachable();
    } catch (error) {
      expect((error as SimulatorError).code).toBe('SIMULATOR_PERSISTENCE_CORRUPT');
      expect((error as Error).message).toMatch(/state\.contacts/);
    }
  });

  it('saves after changes without waiting for close', async () => {
    const sim = manualSimulator({ persist: file });
    await subscribe(sim);
    await vi.waitFor(
      () => expect(JSON.parse(readFileSync(file, 'utf8')).state.webhooks).toHaveLength(1),
      { timeout: 5000, interval: 20 },
    );
    await sim.close();
  });
});
