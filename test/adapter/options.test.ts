import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  MessageBirdAdapter,
  type MessageBirdAdapterOptions,
} from '../../src/adapter/index.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';

const valid: MessageBirdAdapterOptions = { ...KEYS, channelId: IDS.channelId };

function configurationError(options: unknown): ConfigurationError {
  try {
    new MessageBirdAdapter(options as MessageBirdAdapterOptions).close();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('MessageBirdAdapter options', () => {
  it('accepts the three required options and fills in the rest', async () => {
    const adapter = new MessageBirdAdapter(valid);
    expect(adapter.options).toMatchObject({
      channelName: 'WhatsApp',
      apiBaseUrl: 'https://conversations.messagebird.com/v1',
      rateLimit: { perSecond: 20, maxConcurrent: 10 },
      retry: { retries: 4 },
      window: { unknownContacts: 'refuse' },
      signature: { scheme: 'jwt', leewaySeconds: 1 },
      maxBodyBytes: 1024 * 1024,
    });
    await adapter.close();
  });

  it.each([
    [{ accessKey: undefined }, 'accessKey', /access key from MessageBird/],
    [{ accessKey: '' }, 'accessKey', /is empty/],
    [{ signingKey: undefined }, 'signingKey', /signing key/],
    [{ channelId: 'my-whatsapp' }, 'channelId', /32-hex or UUID/],
    [
      { webhookUrl: '/api/messages' },
      'webhookUrl',
      /public URL MessageBird calls.*the signature covers it/,
    ],
    [{ apiBaseUrl: 'conversations.messagebird.com' }, 'apiBaseUrl', /absolute URL/],
    [{ rateLimit: { perSecond: 0 } }, 'rateLimit.perSecond', /above 0/],
    [{ rateLimit: { maxConcurrent: 0.5 } }, 'rateLimit.maxConcurrent', /whole number/],
    [{ window: { unknownContacts: 'maybe' } }, 'window.unknownContacts', /"refuse" or "allow"/],
    [{ signature: { scheme: 'hmac' } }, 'signature.scheme', /"jwt" or "legacy"/],
    [{ fetch: 'https://example.org' }, 'fetch', /must be a function like the global fetch/],
  ])('refuses %j, naming %s', (override, field, message) => {
    const error = configurationError({ ...valid, ...override });
    expect(error.field).toBe(field);
    expect(error.code).toBe('CONFIGURATION_INVALID');
    expect(error.message).toMatch(message);
  });

  it('never repeats a key in its error', () => {
    const error = configurationError({ ...valid, channelId: KEYS.accessKey });
    expect(error.message).not.toContain(KEYS.accessKey);
    const other = configurationError({ ...valid, accessKey: 12345678 });
    expect(other.message).not.toContain('12345678');
  });

  it('calls MessageBird through the fetch it is given', async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      calls.push(String(input));
      return Response.json({ id: 'x', offset: 0, limit: 1, count: 0, totalCount: 0, items: [] });
    };
    const adapter = new MessageBirdAdapter({ ...valid, fetch, apiBaseUrl: 'http://sim.test/v1' });
    await adapter.verifyCredentials();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((url) => url.startsWith('http://sim.test/v1/'))).toBe(true);
    await adapter.close();
  });

  it('refuses a non-object', () => {
    expect(configurationError(undefined).field).toBe('options');
  });

  it('checks the fallback template exists', () => {
    expect(
      () => new MessageBirdAdapter({ ...valid, window: { fallbackTemplate: { name: 'missing' } } }),
    ).toThrow(/template missing: is not defined/);
  });
});
