/**
 * Child-process entry of the removed-field test: verifies the HTTP pact against the drifted
 * simulator and writes `{ passed, message }` as JSON to the file named by the first argument.
 * A child process, because Pact's verifier prints its (failing) report straight to stdout, which
 * the test captures here instead of letting it into `npm test`'s output.
 */
import { writeFileSync } from 'node:fs';
import { apiStateHandlers } from './api-states.js';
import { startDriftedSimulator } from './drifted-simulator.js';
import { PROVIDERS } from './pact-names.js';
import { verifyPact } from './verify.js';

const out = process.argv[2];
if (!out) throw new Error('usage: verify-drifted.ts <result.json>');
const server = await startDriftedSimulator();
try {
  await verifyPact(PROVIDERS.api, {
    providerBaseUrl: server.url,
    stateHandlers: apiStateHandlers(server),
  });
  writeFileSync(out, JSON.stringify({ passed: true }));
} catch (error) {
  writeFileSync(out, JSON.stringify({ passed: false, message: (error as Error).message }));
} finally {
  await server.close();
}
