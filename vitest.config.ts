import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects. Group 0: every suite but the contracts, and the contract consumer tests (they
 * write the pacts to test-results/pacts/). Group 1, once group 0 is done: the provider
 * verification of those pacts against the simulator, and the drift check against contracts/.
 */
export default defineConfig({
  test: {
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 20_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/contract/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'contract-consumer',
          include: ['test/contract/consumer/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'contract-provider',
          include: ['test/contract/provider/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
