import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BIRD_SIGNATURE_HEADER,
  BIRD_TIMESTAMP_HEADER,
  BirdSignatureError,
  DEFAULT_BIRD_MAX_AGE_SECONDS,
  signBirdWebhook,
  type VerifyBirdWebhookOptions,
  verifyBirdWebhook,
} from '../../src/bird/index.js';
import { BIRD_IDS, BIRD_INBOUND } from '../payloads/bird.js';

/**
 * Bird's documented algorithm, written here from the steps (docs.bird.com, verifying a webhook
 * subscription) with node:crypto alone, not calling the code under test:
 *   base64(HMAC-SHA256(key as UTF-8, timestamp + "\n" + url + "\n" + SHA-256(body) as 32 raw bytes))
 */
function independentSignature(key: string, timestamp: string, url: string, body: string): string {
  const bodyHash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest();
  const hmac = createHmac('sha256', Buffer.from(key, 'utf8'));
  hmac.update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`, 'utf8'), bodyHash]));
  return hmac.digest('base64');
}

const signingKey = BIRD_IDS.signingKey;
const url = BIRD_IDS.webhookUrl;
const body = JSON.stringify(BIRD_INBOUND.text());
const timestamp = '1772443210';
/** Two seconds after the timestamp. */
const now = (Number(timestamp) + 2) * 1000;
const signature = independentSignature(signingKey, timestamp, url, body);

/** The options of a genuine delivery, with some replaced. */
function delivery(overrides: Partial<VerifyBirdWebhookOptions> = {}): VerifyBirdWebhookOptions {
  return { signature, timestamp, url, body, signingKey, now, ...overrides };
}

/** The error verify throws, or a failure when it accepts. */
function refusal(options: VerifyBirdWebhookOptions): BirdSignatureError {
  try {
    verifyBirdWebhook(options);
  } catch (error) {
    expect(error).toBeInstanceOf(BirdSignatureError);
    return error as BirdSignatureError;
  }
  throw new Error('the webhook was accepted');
}

/**
 * Known answers computed outside this code base, with Python's hmac, hashlib and base64 from the
 * same steps (the key is the example payloads' signing key).
 */
const KNOWN = [
  {
    timestamp: '1772443210',
    url: 'https://bot.example.com/api/bird',
    body: '{"service":"channels","event":"whatsapp.inbound","payload":{"id":"x"}}',
    signature: '4mD7CirDMwvS+FGrZhTiRUt+RrrQ263LGLIRDhZdQcI=',
  },
  {
    timestamp: '1772443210',
    url: 'https://bot.example.com/api/bird?tenant=a&b=2',
    body: '',
    signature: 'mwjH2tsxc7WwcawVn9v/igu5L2FOSpNhv3sOQLtudCE=',
  },
  {
    timestamp: '1719823259',
    url: 'https://bot.example.com/hooks/bird',
    body: '{"text":"café & <b> 🎉"}',
    signature: 'PyLpctZF9DUmCeT/kT96JDA+/6h9C03K2PWclNa0v7E=',
  },
];

describe('Bird webhook signature: the documented algorithm', () => {
  it.each(KNOWN)('signs $url like the Python computation', (known) => {
    expect(signBirdWebhook({ signingKey, ...known })).toBe(known.signature);
    expect(independentSignature(signingKey, known.timestamp, known.url, known.body)).toBe(
      known.signature,
    );
  });

  it.each(KNOWN)('verifies the Python signature of $url', (known) => {
    const at = (Number(known.timestamp) + 1) * 1000;
    expect(() => verifyBirdWebhook({ signingKey, now: at, ...known })).not.toThrow();
  });

  it('accepts a webhook signed by the independent implementation', () => {
    expect(() => verifyBirdWebhook(delivery())).not.toThrow();
  });

  it('signs as the independent implementation does, with a number timestamp too', () => {
    expect(signBirdWebhook({ signingKey, url, body, timestamp })).toBe(signature);
    expect(signBirdWebhook({ signingKey, url, body, timestamp: Number(timestamp) })).toBe(
      signature,
    );
  });

  it('reads the body the same as a string, bytes or an ArrayBuffer', () => {
    const bytes = new TextEncoder().encode(body);
    expect(() => verifyBirdWebhook(delivery({ body: bytes }))).not.toThrow();
    expect(() => verifyBirdWebhook(delivery({ body: bytes.slice().buffer }))).not.toThrow();
    expect(signBirdWebhook({ signingKey, url, body: Buffer.from(body), timestamp })).toBe(
      signature,
    );
  });

  it('uses a key that looks like base64 as its own bytes, never decoded', () => {
    const key = 'KeV+/HGoZxk3sT9qLm2pR8wY1cVb4nD0aF6eJ7hU5iQ=';
    const known = 'w677nSCy0j0lPdXc6nP9mxxRlARPJj9yqxE078rJWJs=';
    const options = { signingKey: key, url, body: '{}', timestamp };
    expect(signBirdWebhook(options)).toBe(known);
    const decodedKey = createHmac('sha256', Buffer.from(key, 'base64'))
      .update(`${timestamp}\n${url}\n`)
      .update(createHash('sha256').update('{}').digest())
      .digest('base64');
    expect(refusal(delivery({ ...options, signature: decodedKey })).reason).toBe('bad-signature');
  });

  it('names its headers in lower case, as they arrive', () => {
    expect(BIRD_SIGNATURE_HEADER).toBe('messagebird-signature');
    expect(BIRD_TIMESTAMP_HEADER).toBe('messagebird-request-timestamp');
  });
});

describe('Bird webhook signature: attacks and mistakes are refused', () => {
  it('a wrong signing key', () => {
    const forged = independentSignature('another-key', timestamp, url, body);
    expect(refusal(delivery({ signature: forged })).reason).toBe('bad-signature');
    expect(refusal(delivery({ signingKey: 'another-key' })).reason).toBe('bad-signature');
  });

  it('the body changed by one byte', () => {
    const changed = body.replace('on its way', 'on its wax');
    expect(changed).not.toBe(body);
    expect(changed.length).toBe(body.length);
    expect(refusal(delivery({ body: changed })).reason).toBe('bad-signature');
    expect(refusal(delivery({ body: `${body} ` })).reason).toBe('bad-signature');
    expect(refusal(delivery({ body: '' })).reason).toBe('bad-signature');
  });

  it('the body re-serialised (not the raw bytes)', () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const error = refusal(delivery({ body: pretty }));
    expect(error.reason).toBe('bad-signature');
    expect(error.message).toMatch(/raw bytes/);
  });

  it('the URL changed: host, path, scheme or query', () => {
    for (const other of [
      'https://evil.example.com/api/bird',
      'https://bot.example.com/api/bird2',
      'http://bot.example.com/api/bird',
      'https://bot.example.com/api/bird?x=1',
    ]) {
      expect(refusal(delivery({ url: other })).reason).toBe('bad-signature');
    }
  });

  it('the path where the full URL was signed, and the other way round', () => {
    const error = refusal(delivery({ url: '/api/bird' }));
    expect(error.reason).toBe('bad-signature');
    expect(error.message).toMatch(/not a full URL/);
    expect(error.message).toContain('/api/bird');
    const pathSigned = independentSignature(signingKey, timestamp, '/api/bird', body);
    expect(refusal(delivery({ signature: pathSigned })).reason).toBe('bad-signature');
  });

  it('the timestamp changed while the signature stayed', () => {
    const later = String(Number(timestamp) + 1);
    expect(refusal(delivery({ timestamp: later })).reason).toBe('bad-signature');
  });

  it('a missing signature header', () => {
    for (const missing of [undefined, null, '', '   ']) {
      const error = refusal(delivery({ signature: missing }));
      expect(error.reason).toBe('signature-missing');
      expect(error.message).toContain('messagebird-signature');
    }
  });

  it('a missing timestamp header', () => {
    for (const missing of [undefined, null, '']) {
      const error = refusal(delivery({ timestamp: missing }));
      expect(error.reason).toBe('timestamp-missing');
      expect(error.message).toContain('messagebird-request-timestamp');
    }
  });

  it('both headers missing: the signature is named first', () => {
    expect(refusal(delivery({ signature: null, timestamp: null })).reason).toBe(
      'signature-missing',
    );
  });

  it('a malformed timestamp, even when the signature covers it', () => {
    for (const bad of ['abc', '1772443210.5', '-1772443210', '1772443210000', '0x69a55d4a']) {
      const signed = independentSignature(signingKey, bad, url, body);
      const error = refusal(delivery({ timestamp: bad, signature: signed }));
      expect(error.reason).toBe('timestamp-malformed');
      expect(error.message).toMatch(/Unix seconds/);
    }
  });

  it('a signature that is not base64, hex, or cut short', () => {
    const hex = Buffer.from(signature, 'base64').toString('hex');
    for (const bad of ['not base64!', hex, signature.slice(0, 20), `${signature}AAAA`]) {
      expect(refusal(delivery({ signature: bad })).reason).toBe('bad-signature');
    }
  });

  it('the body hashed as hex instead of raw bytes', () => {
    const hexHash = createHash('sha256').update(body).digest('hex');
    const wrong = createHmac('sha256', signingKey)
      .update(`${timestamp}\n${url}\n${hexHash}`)
      .digest('base64');
    expect(refusal(delivery({ signature: wrong })).reason).toBe('bad-signature');
  });

  it('no signing key configured', () => {
    const error = refusal(delivery({ signingKey: '' }));
    expect(error.reason).toBe('bad-signature');
    expect(error.message).toMatch(/signingKey/);
  });

  it('too old: beyond 24 hours by default, beyond maxAgeSeconds when set', () => {
    const signedAt = Number(timestamp);
    const dayLater = (signedAt + DEFAULT_BIRD_MAX_AGE_SECONDS + 1) * 1000;
    const error = refusal(delivery({ now: dayLater }));
    expect(error.reason).toBe('too-old');
    expect(error.message).toMatch(/86401 s old/);
    expect(() =>
      verifyBirdWebhook(delivery({ now: (signedAt + DEFAULT_BIRD_MAX_AGE_SECONDS) * 1000 })),
    ).not.toThrow();
    expect(refusal(delivery({ maxAgeSeconds: 300, now: (signedAt + 301) * 1000 })).reason).toBe(
      'too-old',
    );
    expect(() =>
      verifyBirdWebhook(delivery({ maxAgeSeconds: 300, now: (signedAt + 300) * 1000 })),
    ).not.toThrow();
  });

  it('from the future beyond the leeway', () => {
    const signedAt = Number(timestamp);
    const error = refusal(delivery({ now: (signedAt - 61) * 1000 }));
    expect(error.reason).toBe('in-the-future');
    expect(error.message).toMatch(/61 s in the future/);
    expect(() => verifyBirdWebhook(delivery({ now: (signedAt - 60) * 1000 }))).not.toThrow();
    expect(refusal(delivery({ leewaySeconds: 5, now: (signedAt - 6) * 1000 })).reason).toBe(
      'in-the-future',
    );
  });

  it('a stale signature is checked after the HMAC: an unsigned stale request is bad-signature', () => {
    const forged = independentSignature('another-key', timestamp, url, body);
    const dayLater = (Number(timestamp) + 2 * DEFAULT_BIRD_MAX_AGE_SECONDS) * 1000;
    expect(refusal(delivery({ signature: forged, now: dayLater })).reason).toBe('bad-signature');
  });
});

describe('Bird webhook signature: retries', () => {
  it('accepts a retry with its first timestamp three hours later, by default', () => {
    const threeHoursLater = (Number(timestamp) + 3 * 3600) * 1000;
    expect(() => verifyBirdWebhook(delivery({ now: threeHoursLater }))).not.toThrow();
  });

  it('accepts the clock as a Date or an RFC 3339 string', () => {
    const at = new Date(now);
    expect(() => verifyBirdWebhook(delivery({ now: at }))).not.toThrow();
    expect(() => verifyBirdWebhook(delivery({ now: at.toISOString() }))).not.toThrow();
  });
});

describe('Bird webhook signature: errors', () => {
  it('carry a stable code and name, and never the signing key', () => {
    const cases = [
      delivery({ signingKey: `${signingKey}x` }),
      delivery({ signature: null }),
      delivery({ timestamp: 'soon' }),
      delivery({ now: 0 }),
      delivery({ now: (Number(timestamp) + 10 * DEFAULT_BIRD_MAX_AGE_SECONDS) * 1000 }),
    ];
    for (const options of cases) {
      const error = refusal(options);
      expect(error.code).toBe('SIGNATURE_INVALID');
      expect(error.name).toBe('BirdSignatureError');
      expect(error.message).not.toContain(signingKey);
      expect(error.message).toContain(`(${error.reason})`);
    }
  });

  it('signing refuses a missing key, a missing URL and a timestamp that is not Unix seconds', () => {
    expect(() => signBirdWebhook({ signingKey: '', url, body, timestamp })).toThrow(/signingKey/);
    expect(() => signBirdWebhook({ signingKey, url: '', body, timestamp })).toThrow(/url/);
    expect(() => signBirdWebhook({ signingKey, url, body, timestamp: 1.5 })).toThrow(
      /Unix seconds/,
    );
    expect(() =>
      signBirdWebhook({ signingKey, url, body, timestamp: '2026-03-02T09:20:10Z' }),
    ).toThrow(/Unix seconds/);
  });
});
