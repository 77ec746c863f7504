import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiStateHandlers } from '../support/api-states.js';
import { startContractSimulator } from '../support/contract-simulator.js';
import { PROVIDERS } from '../support/pact-names.js';
import { verifyPact } from '../support/verify.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startContractSimulator();
});
afterAll(() => sim.close());

describe('the simulator as the Conversations API provider', () => {
  it('answers every interaction of the adapter’s HTTP pact as the pact says', async () => {
    await expect(
      verifyPact(
        PROVIDERS.api,
        { providerBaseUrl: sim.url, stateHandlers: apiStateHandlers(sim) },
        { publish: true },
      ),
    ).resolves.toBeDefined();
  }, 60_000);
});
