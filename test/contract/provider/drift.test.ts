import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisePact } from '../support/normalise-pact.js';
import {
  COMMITTED_DIR,
  CONSUMER,
  GENERATED_DIR,
  generatedPact,
  PROVIDERS,
  pactFileName,
} from '../support/pact-names.js';

const UPDATE = 'run `npm run contracts:update` and commit contracts/';

describe('the committed pacts are the ones the consumer tests generate', () => {
  for (const provider of Object.values(PROVIDERS)) {
    it(`contracts/${pactFileName(provider)}`, () => {
      const generated = generatedPact(provider);
      const committed = join(COMMITTED_DIR, pactFileName(provider));
      expect(existsSync(generated), `${generated} was not generated: run npm test`).toBe(true);
      expect(existsSync(committed), `${committed} is missing: ${UPDATE}`).toBe(true);
      expect(
        normalisePact(readFileSync(committed, 'utf8')),
        `contracts/ differs from what the consumer tests generate: ${UPDATE}`,
      ).toEqual(normalisePact(readFileSync(generated, 'utf8')));
    });
  }

  it('holds exactly one V4 pact per provider, named <consumer>-<provider>.json', () => {
    const expected = Object.values(PROVIDERS).map(pactFileName).sort();
    for (const dir of [COMMITTED_DIR, GENERATED_DIR]) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      expect(files.sort(), `${dir}: ${UPDATE}`).toEqual(expected);
      for (const file of files) {
        const pact = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        expect(pact.consumer.name).toBe(CONSUMER);
        expect(file).toBe(pactFileName(pact.provider.name));
        expect(pact.metadata.pactSpecification.version).toBe('4.0');
      }
    }
  });
});
