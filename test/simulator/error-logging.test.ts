import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../src/messagebird/errors.js';
import { type Clock, createClock } from '../../src/simulator/clock.js';
import type { SimulatorEvent } from '../../src/simulator/events.js';
import type { Logger } from '../../src/simulator/logger.js';
import { createSimulator, type Simulator } from '../../src/simulator/simulator.js';
import { IDS } from '../payloads/ids.js';
import { SENDS } from '../payloads/requests.js';

const KEYS = {
  accessKey: 'sim_ERRLOG_access_5e8b1d',
  signingKey: 'sim_ERRLOG_signing_a3c9f2',
} as const;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A logger that keeps every line with its level. */
function capturingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; text: string }[] = [];
  const logger: Logger = {
    info: (text) => lines.push({ level: 'info', text }),
    warn: (text) => lines.push({ level: 'warn', text }),
    error: (text) => lines.push({ level: 'error', text }),
  };
  return { logger, lines };
}

function expectNoKeys(text: string): void {
  expect(text).not.toContain(KEYS.accessKey);
  expect(text).not.toContain(KEYS.signingKey);
}

describe('an unexpected error in a route', () => {
  it('is answered 500 in MessageBird’s envelope and logged with method, path and stack, never a key', async () => {
    const manual = createClock({ mode: 'manual', start: '2026-03-02T09:00:00Z' });
    let broken = false;
    // A clock that breaks on demand: the send route reads it, so the route throws a plain Error.
    const clock: Clock = {
      ...manual,
      now: () => {
        if (broken) throw new Error('the clock broke mid-send');
        return manual.now();
      },
    };
    const { logger, lines } = capturingLogger();
    sim = createSimulator({ ...KEYS, channelId: IDS.channelId, clock, logger });
    broken = true;

    const res = await sim.app.request('/v1/send?debug=1', {
      method: 'POST',
      headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(SENDS.text()),
    });
    broken = false;
    manual.dispose();

    expect(res.status).toBe(500);
    expect(v.parse(ErrorEnvelope, await res.json()).errors[0]?.code).toBe(99);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    const logged = errors[0]?.text ?? '';
    expect(logged).toContain('POST /v1/send failed unexpectedly');
    expect(logged).toContain('Error: the clock broke mid-send');
    expect(logged).toContain('error-logging.test.ts');
    expect(logged).not.toContain('debug=1');
    expectNoKeys(lines.map((l) => l.text).join('\n'));
  });
});

describe('a throwing event listener', () => {
  it('is logged with its event and stack, and the other listeners still hear every event', async () => {
    const { logger, lines } = capturingLogger();
    sim = createSimulator({ ...KEYS, clock: { mode: 'manual' }, logger });
    const heard: SimulatorEvent[] = [];
    sim.subscribe(() => {
      throw new RangeError('listener exploded');
    });
    sim.subscribe((event) => heard.push(event));

    sim.advance(1);
    sim.advance(1);

    expect(heard.map((e) => e.type)).toEqual(['clock', 'clock']);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]?.text).toContain(`threw on clock (event ${heard[0]?.id})`);
    expect(errors[0]?.text).toContain('RangeError: listener exploded');
    expect(errors[0]?.text).toContain('error-logging.test.ts');
    expectNoKeys(lines.map((l) => l.text).join('\n'));
  });

  it('goes to warn when the logger has no error method', async () => {
    const warnings: string[] = [];
    sim = createSimulator({
      clock: { mode: 'manual' },
      logger: { info: () => {}, warn: (text) => warnings.push(text) },
    });
    sim.subscribe(() => {
      throw new Error('listener exploded');
    });
    sim.advance(1);
    expect(warnings.join('\n')).toContain('Error: listener exploded');
  });
});
