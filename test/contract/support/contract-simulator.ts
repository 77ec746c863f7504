import {
  createClock,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../../src/simulator/index.js';
import { IDS } from '../../payloads/index.js';
import { SIM_ACCESS_KEY } from './interactions.js';

/** Virtual time the provider simulator starts at. */
export const CONTRACT_START = '2026-03-02T09:00:00Z';

/**
 * The simulator the pacts are verified against: the example channel and business number, a manual
 * clock (statuses move only when a state advances it), quick webhook retries.
 */
export function contractSimulatorOptions(): SimulatorOptions {
  return {
    accessKey: SIM_ACCESS_KEY,
    clock: createClock({ mode: 'manual', start: CONTRACT_START }),
    channelId: IDS.channelId,
    businessNumber: IDS.businessPhone,
    webhookRetry: { attempts: 2, baseDelayMs: 5, timeoutMs: 2_000 },
  };
}

/** The provider under verification: that simulator on a real port of 127.0.0.1. */
export function startContractSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, host: '127.0.0.1', ...contractSimulatorOptions() });
}

/** Calls the simulator over HTTP (with the access key on /v1) and answers the parsed JSON. */
export async function simCall(
  sim: { url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(path.startsWith('/v1/') ? { Authorization: `AccessKey ${SIM_ACCESS_KEY}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : undefined;
}
