import { existsSync } from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { CONSUMER, generatedPact } from './pact-names.js';

/**
 * Where the pact to verify comes from. By default the file the consumer tests just generated.
 * With `publish` and both `PACT_BROKER_BASE_URL` and `PACT_PUBLISH_VERSION` (the git sha the
 * pacts were published under) set, the pact the broker holds for that consumer version, and the
 * result is published as the provider's verification under the same version (and
 * `PACT_PUBLISH_BRANCH`), which is what `pact-broker can-i-deploy` reads. The adapter and the
 * simulator ship from one commit, so consumer and provider versions are the same sha.
 */
function pactSource(provider: string, publish: boolean): Partial<VerifierOptions> {
  const broker = process.env.PACT_BROKER_BASE_URL;
  const version = process.env.PACT_PUBLISH_VERSION;
  if (publish && broker && version) {
    const path = `pacts/provider/${encodeURIComponent(provider)}/consumer/${encodeURIComponent(CONSUMER)}/version/${encodeURIComponent(version)}`;
    return {
      pactUrls: [`${broker.replace(/\/+$/, '')}/${path}`],
      publishVerificationResult: true,
      providerVersion: version,
      ...(process.env.PACT_PUBLISH_BRANCH
        ? { providerVersionBranch: process.env.PACT_PUBLISH_BRANCH }
        : {}),
    };
  }
  const pact = generatedPact(provider);
  if (!existsSync(pact)) {
    throw new Error(`${pact} is missing: the consumer contract tests write it; run npm test`);
  }
  return { pactUrls: [pact] };
}

/**
 * Verifies the pact of `provider` (see pactSource: the generated file, or the broker's copy when
 * publishing) with the given options; rejects when any interaction fails. The broker token, if
 * any, is read by Pact from `PACT_BROKER_TOKEN`. Pact would also fetch every pact the broker
 * selects whenever `PACT_BROKER_BASE_URL` is set, so it is hidden from Pact while verifying: the
 * pact verified is exactly the one pactSource names.
 */
export async function verifyPact(
  provider: string,
  options: Omit<VerifierOptions, 'provider' | 'pactUrls'>,
  { publish = false }: { publish?: boolean } = {},
): Promise<unknown> {
  const source = pactSource(provider, publish);
  const broker = process.env.PACT_BROKER_BASE_URL;
  delete process.env.PACT_BROKER_BASE_URL;
  try {
    return await new Verifier({
      provider,
      logLevel: 'warn',
      ...options,
      ...source,
    }).verifyProvider();
  } finally {
    if (broker !== undefined) process.env.PACT_BROKER_BASE_URL = broker;
  }
}
