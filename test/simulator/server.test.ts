import { describe, expect, it } from 'vitest';
import {
  createClock,
  createSimulator,
  SimulatorError,
  startSimulator,
} from '../../src/simulator/index.js';
import { START } from './helpers.js';

describe('startSimulator', () => {
  it('listens on 127.0.0.1 and a free port, serves /v1 with defaults, and closes idempotently', async () => {
    const sim = await startSimulator();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.url}/v1/conversations`, {
      headers: { Authorization: 'AccessKey test_simulator_access_key' },
    });
    expect(res.status).toBe(200);
    await Promise.all([sim.close(), sim.close()]);
    await expect(fetch(`${sim.url}/v1/conversations`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const first = await startSimulator();
    await expect(startSimulator({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});

describe('in-process helpers', () => {
  it('lets a test play the contact and move the clock without HTTP', async () => {
    const sim = createSimulator({ clock: createClock({ mode: 'manual', start: START }) });
    const message = sim.inbound({ from: '+31612345678', type: 'text', content: { text: 'hi' } });
    expect(message).toMatchObject({ direction: 'received', createdDatetime: START });
    sim.advance(60);
    const again = sim.inbound({ from: 31612345678, type: 'text', content: { text: 'again' } });
    expect(again.createdDatetime).toBe('2026-03-02T09:01:00Z');
    expect(again.conversationId).toBe(message.conversationId);
    await sim.close();
  });
});

describe('options', () => {
  it('works with no options at all', async () => {
    const sim = createSimulator();
    expect(sim.channelId).toMatch(/^[0-9a-f-]{32,36}$/);
    const res = await sim.app.request('/_sim');
    expect((await res.json()).channels[0].id).toBe(sim.channelId);
    await sim.close();
  });

  it.each([
    ['channelId', { channelId: 'whatsapp' }],
    ['notOnWhatsapp', { notOnWhatsapp: ['call me'] }],
    ['webhookRetry.attempts', { webhookRetry: { attempts: 0 } }],
    ['accessKey', { accessKey: '' }],
  ])('refuses a bad %s with a SimulatorError that names it', (field, options) => {
    try {
      createSimulator(options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulatorError);
      expect((error as SimulatorError).code).toBe('SIMULATOR_INVALID_OPTIONS');
      expect((error as Error).message).toContain(`options.${field}`);
    }
  });
});
