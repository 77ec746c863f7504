import { existsSync } from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { generatedPact } from './pact-names.js';

/**
 * Verifies the freshly generated pact of `provider` (the consumer tests write it first) with the
 * given options; rejects when any interaction fails.
 */
export async function verifyGenerated(
  provider: string,
  options: Omit<VerifierOptions, 'provider' | 'pactUrls'>,
): Promise<unknown> {
  const pact = generatedPact(provider);
  if (!existsSync(pact)) {
    throw new Error(`${pact} is missing: the consumer contract tests write it; run npm test`);
  }
  return new Verifier({
    provider,
    pactUrls: [pact],
    logLevel: 'warn',
    ...options,
  }).verifyProvider();
}
