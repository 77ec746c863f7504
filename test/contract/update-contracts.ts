/**
 * `npm run contracts:update`: after the consumer tests generated the pacts into
 * test-results/pacts/, replaces contracts/ with them (the drift check in `npm test` then passes).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COMMITTED_DIR, GENERATED_DIR, PROVIDERS, pactFileName } from './support/pact-names.js';

const files = Object.values(PROVIDERS).map(pactFileName);
const missing = files.filter((file) => !existsSync(join(GENERATED_DIR, file)));
if (missing.length > 0) {
  console.error(
    `not generated: ${missing.join(', ')}; the consumer contract tests must pass first`,
  );
  process.exit(1);
}
mkdirSync(COMMITTED_DIR, { recursive: true });
for (const stale of readdirSync(COMMITTED_DIR).filter((f) => f.endsWith('.json'))) {
  if (!files.includes(stale)) rmSync(join(COMMITTED_DIR, stale));
}
for (const file of files) {
  copyFileSync(join(GENERATED_DIR, file), join(COMMITTED_DIR, file));
  console.log(`contracts/${file} updated`);
}
