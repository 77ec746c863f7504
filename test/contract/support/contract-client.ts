import { MessageBirdClient } from '../../../src/core/api-client.js';
import { silentLogger } from '../../../src/core/logger.js';
import { SIM_ACCESS_KEY } from './interactions.js';

/**
 * The adapter's real API client pointed at a Pact mock server: no rate limit to speak of, quick
 * retries (`retries` of them; 0 by default), silent logs.
 */
export function contractClient(
  mockServerUrl: string,
  options: { accessKey?: string; retries?: number } = {},
): MessageBirdClient {
  return new MessageBirdClient({
    accessKey: options.accessKey ?? SIM_ACCESS_KEY,
    apiBaseUrl: `${mockServerUrl}/v1`,
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    retry: { retries: options.retries ?? 0, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
    logger: silentLogger,
  });
}
