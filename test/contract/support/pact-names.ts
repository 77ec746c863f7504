import { join } from 'node:path';

/** The consumer: this package's adapter. */
export const CONSUMER = 'botbuilder-adapter-messagebird-whatsapp';

/** The providers the adapter depends on; the simulator plays each of them in verification. */
export const PROVIDERS = {
  /** The Conversations API the adapter calls (`POST /v1/send`). */
  api: 'messagebird-conversations-api',
  /** The webhooks MessageBird delivers to the adapter. */
  webhooks: 'messagebird-webhooks',
  /** Bird's Channels API the adapter calls with `api: 'bird'` (`POST …/channels/{ch}/messages`). */
  birdApi: 'bird-channels-api',
  /** The webhooks Bird delivers to the adapter (`whatsapp.inbound`, `whatsapp.outbound`). */
  birdWebhooks: 'bird-webhooks',
} as const;

const root = join(import.meta.dirname, '..', '..', '..');

/** Where the consumer tests write pact files (never committed; deleted before each run). */
export const GENERATED_DIR = join(root, 'test-results', 'pacts');

/** Where the committed pact files live (what a broker gets). */
export const COMMITTED_DIR = join(root, 'contracts');

/** A pact file's name: `<consumer>-<provider>.json`, as Pact writes it. */
export function pactFileName(provider: string): string {
  return `${CONSUMER}-${provider}.json`;
}

/** The freshly generated pact file of a provider. */
export function generatedPact(provider: string): string {
  return join(GENERATED_DIR, pactFileName(provider));
}
