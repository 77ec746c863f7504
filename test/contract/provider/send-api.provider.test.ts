import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiStateHandlers } from '../support/api-states.js';
import { startContractSimulator } from '../support/contract-simulator.js';
import { PROVIDERS } from '../support/pact-names.js';
import { verifyGenerated } from '../support/verify.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startContractSimulator();
});
afterAll(() => sim.close());

describe('the simulator as the Conversations API provider', () => {
  it('answers every interaction of the adapter’s HTTP pact as the pact says', async () => {
    await expect(
      verifyGenerated(PROVIDERS.api, {
        providerBaseUrl: sim.url,
        stateHandlers: apiStateHandlers(sim),
      }),
    ).resolves.toBeDefined();
  }, 60_000);
});
