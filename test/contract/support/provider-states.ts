import type { VerifierOptions } from '@pact-foundation/pact';
import { simCall } from './contract-simulator.js';

/** A state's parameters, as the pact carries them. */
export type StateParams = Record<string, string> | undefined;

/** State handlers as the Verifier takes them. */
export type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/** The simulator forgets everything but its webhooks, faults and rate limit included. */
export async function resetSimulator(sim: { url: string }): Promise<void> {
  await simCall(sim, 'POST', '/_sim/reset', { keep: ['webhooks'] });
}

/** Wraps set-up functions into state handlers that each start from a clean simulator. */
export function fromCleanSimulator(
  sim: { url: string },
  handlers: Record<string, (params: StateParams) => Promise<void>>,
  beforeEach: () => void = () => {},
): StateHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([state, setUp]) => [
      state,
      async (params?: unknown) => {
        await resetSimulator(sim);
        beforeEach();
        await setUp(params as StateParams);
        return undefined;
      },
    ]),
  );
}

/** The contact writes a text, which opens their 24-hour window. */
export async function contactWrites(sim: { url: string }, phone: string): Promise<void> {
  await simCall(sim, 'POST', '/_sim/inbound', {
    from: phone,
    displayName: 'Ada Jansen',
    type: 'text',
    content: { text: 'Hello' },
  });
}
