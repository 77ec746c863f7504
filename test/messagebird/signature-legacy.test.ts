import { describe, expect, it } from 'vitest';
import {
  SignatureError,
  signLegacySignature,
  verifyLegacySignature,
} from '../../src/messagebird/index.js';
import { sortedQuery } from '../../src/messagebird/signature-legacy.js';

const signingKey = 'b7f3c9a1e5d24f6080a1c3e5f7092b4d';
const timestamp = '1772443210';
const now = 1772443210_000 + 3_000;

/**
 * Known answers computed outside this code base, with Python's hmac, hashlib and
 * urllib.parse.quote_plus (safe=''), following the facts file:
 *   base64(HMAC-SHA256(key, ts + "\n" + sortedQuery + "\n" + sha256(body) as raw bytes))
 */
const KNOWN = [
  {
    url: 'https://bot.example.com/hook?b=2&a=1',
    body: '{"id":"abc"}',
    query: 'a=1&b=2',
    signature: 'HqEgYUdqrGLsPrcJ9y+o7iy92Ketsby+3Rhjq2z4WuY=',
  },
  {
    url: 'https://bot.example.com/hook',
    body: '',
    query: '',
    signature: 'zfHI1+sevJzI7Qog8EZeKRSxPZBWTlyqsHj6WxRxerM=',
  },
  {
    url: 'https://bot.example.com/hook?z=%C3%A9t%C3%A9&a=hello+world&m=x*y~z',
    body: '{"text":"café & <b>"}',
    query: 'a=hello+world&m=x%2Ay~z&z=%C3%A9t%C3%A9',
    signature: 'qft4CVThtmMm9h9dB7mm0N78PfaajsUDblTRjt7ODxc=',
  },
  {
    url: 'https://bot.example.com/hook?tag=b&tag=a&id=1',
    body: '',
    query: 'id=1&tag=b&tag=a',
    signature: 'OQhA+RWJz2fsYdPwtdtK0lkMbnjfsypsjWXk9MsyobU=',
  },
];

describe('legacy MessageBird-Signature known answers', () => {
  it.each(KNOWN)('sorts the query of $url', ({ url, query }) => {
    expect(sortedQuery(url)).toBe(query);
  });

  it.each(KNOWN)('signs $url like the independent computation', ({ url, body, signature }) => {
    expect(signLegacySignature({ url, body, signingKey, now: Number(timestamp) * 1000 })).toEqual({
      signature,
      timestamp,
    });
  });

  it.each(KNOWN)('verifies the known signature of $url', ({ url, body, signature }) => {
    expect(() =>
      verifyLegacySignature({ signature, timestamp, url, body, signingKey, now }),
    ).not.toThrow();
  });

  it('verifies whatever the order of the query parameters, as the scheme sorts them', () => {
    const [first] = KNOWN;
    if (!first) throw new Error('no case');
    const reordered = 'https://bot.example.com/hook?a=1&b=2';
    expect(() =>
      verifyLegacySignature({ ...first, url: reordered, timestamp, signingKey, now }),
    ).not.toThrow();
  });
});

describe('legacy signature refusals', () => {
  const [good] = KNOWN;
  if (!good) throw new Error('no case');
  const base = {
    signature: good.signature,
    timestamp,
    url: good.url,
    body: good.body,
    signingKey,
    now,
  };
  const reasonOf = (overrides: Partial<typeof base> & Record<string, unknown>) => {
    try {
      verifyLegacySignature({ ...base, ...overrides } as Parameters<
        typeof verifyLegacySignature
      >[0]);
    } catch (error) {
      expect(error).toBeInstanceOf(SignatureError);
      expect((error as Error).message).not.toContain(signingKey);
      return (error as SignatureError).reason;
    }
    return 'accepted';
  };

  it.each([
    ['a missing signature', { signature: undefined }, 'signature-missing'],
    ['a missing timestamp', { timestamp: undefined }, 'malformed-token'],
    ['a timestamp in milliseconds with letters', { timestamp: '17724432x0' }, 'malformed-token'],
    ['a signature that is not base64', { signature: 'not base64!' }, 'malformed-token'],
    ['another key', { signingKey: 'another-key' }, 'bad-signature'],
    ['an empty key', { signingKey: '' }, 'bad-signature'],
    ['a changed body', { body: '{"id":"abd"}' }, 'bad-signature'],
    ['a removed body', { body: '' }, 'bad-signature'],
    ['a changed query value', { url: 'https://bot.example.com/hook?b=2&a=2' }, 'bad-signature'],
    ['a changed timestamp', { timestamp: '1772443211' }, 'bad-signature'],
    ['a truncated signature', { signature: good.signature.slice(0, 20) }, 'bad-signature'],
    ['a signature older than 100 s', { now: Number(timestamp) * 1000 + 101_000 }, 'expired'],
    [
      'a signature older than maxAgeSeconds',
      { now: Number(timestamp) * 1000 + 6_000, maxAgeSeconds: 5 },
      'expired',
    ],
    ['a timestamp 2 s in the future', { now: Number(timestamp) * 1000 - 2_000 }, 'not-yet-valid'],
  ] as const)('refuses %s', (_name, overrides, reason) => {
    expect(reasonOf(overrides)).toBe(reason);
  });

  it('accepts at exactly 100 s and 1 s ahead', () => {
    expect(reasonOf({ now: Number(timestamp) * 1000 + 100_999 })).toBe('accepted');
    expect(reasonOf({ now: Number(timestamp) * 1000 - 1_000 })).toBe('accepted');
  });
});
