import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { IDS } from '../payloads/index.js';

/** Test keys: never real, never printed. */
export const KEYS = {
  accessKey: 'test_accesskey_4Kf9QzT1',
  signingKey: 'test_signingkey_Xr82pLm0Vb',
} as const;

/** An adapter for tests: our channel, quick retries, silent logs, one template per kind. */
export function testAdapter(apiBaseUrl: string, options: Partial<MessageBirdAdapterOptions> = {}) {
  const adapter = new MessageBirdAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    channelName: 'Acme Support',
    apiBaseUrl,
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 2_000 },
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    logger: silentLogger,
    templates: [
      {
        name: 'shipping_update',
        language: 'en',
        category: 'UTILITY',
        namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
        content: 'Hi {{1}}, your order {{2}} is on its way.',
      },
    ],
    ...options,
  });
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return adapter;
}
