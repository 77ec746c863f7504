import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { birdApiStateHandlers } from '../support/bird-api-states.js';
import { startBirdContractSimulator } from '../support/bird-contract-simulator.js';
import { PROVIDERS } from '../support/pact-names.js';
import { verifyPact } from '../support/verify.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startBirdContractSimulator();
});
afterAll(() => sim.close());

describe('the simulator as Bird’s Channels API provider', () => {
  it('answers every interaction of the adapter’s Bird HTTP pact as the pact says', async () => {
    await expect(
      verifyPact(
        PROVIDERS.birdApi,
        { providerBaseUrl: sim.url, stateHandlers: birdApiStateHandlers(sim) },
        { publish: true },
      ),
    ).resolves.toBeDefined();
  }, 60_000);
});
