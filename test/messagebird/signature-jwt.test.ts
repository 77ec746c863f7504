import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { CompactSign, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/messagebird/hash.js';
import {
  SignatureError,
  type SignatureFailure,
  signSignatureJwt,
  verifySignatureJwt,
} from '../../src/messagebird/index.js';

const signingKey = 'b7f3c9a1e5d24f6080a1c3e5f7092b4d';
const url = 'https://bot.example.com/api/messagebird?tenant=acme&v=2';
const body = JSON.stringify({
  type: 'message.created',
  message: { content: { text: 'Hallo 👋 & <b>' } },
});
const now = new Date('2026-03-02T09:20:10Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

const base64url = (s: string) => Buffer.from(s).toString('base64url');

/** A token with exactly these claims and header, signed (or not) as told. */
async function craft(
  claims: Record<string, unknown>,
  { alg = 'HS256', key = signingKey }: { alg?: string; key?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(key));
}

function goodClaims(overrides: Record<string, unknown> = {}) {
  return {
    iss: 'MessageBird',
    nbf: nowSeconds,
    exp: nowSeconds + 60,
    jti: '3f0c6a52-9b1d-4c7e-8a2f-5d6e7f809a1b',
    url_hash: sha256Hex(url),
    payload_hash: sha256Hex(body),
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<SignatureError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignatureError);
  return error as SignatureError;
}

describe('hashes as in the facts file', () => {
  it('hashes the URL and body as lowercase hex SHA-256', () => {
    expect(sha256Hex('https://example.com/')).toMatch(/^0f115db0[0-9a-f]{53}9d7$/);
    expect(sha256Hex('Hello, World!')).toMatch(/^dffd6021[0-9a-f]{53}86f$/);
  });
});

describe('signSignatureJwt / verifySignatureJwt round trip', () => {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
  const urls = ['https://bot.example.com/', 'https://bot.example.com/hook?b=1&a=2'];
  const bodies = [undefined, '', body];
  const cases = methods.flatMap((method) =>
    urls.flatMap((u) => bodies.map((b) => ({ method, url: u, body: b }))),
  );

  it.each(cases)('$method $url with body $body', async ({ url: u, body: b }) => {
    const jwt = await signSignatureJwt({ url: u, body: b, signingKey, now });
    const claims = await verifySignatureJwt({ jwt, url: u, body: b, signingKey, now });
    expect(claims.iss).toBe('MessageBird');
    expect(claims.exp - (claims.nbf ?? 0)).toBe(60);
    expect('payload_hash' in claims).toBe(Boolean(b));
  });

  it.each(['HS256', 'HS384', 'HS512'] as const)('signs and verifies with %s', async (algorithm) => {
    const jwt = await signSignatureJwt({ url, body, signingKey, now, algorithm });
    expect(JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString())).toEqual({
      alg: algorithm,
      typ: 'JWT',
    });
    await expect(verifySignatureJwt({ jwt, url, body, signingKey, now })).resolves.toBeTruthy();
  });

  it('verifies a body given as bytes the same as the string', async () => {
    const jwt = await signSignatureJwt({ url, body, signingKey, now });
    const bytes = new TextEncoder().encode(body);
    await expect(
      verifySignatureJwt({ jwt, url, body: bytes, signingKey, now }),
    ).resolves.toBeTruthy();
    await expect(
      verifySignatureJwt({ jwt, url, body: bytes.buffer, signingKey, now }),
    ).resolves.toBeTruthy();
  });

  it('takes the key as UTF-8 bytes, not hex-decoded', async () => {
    const hexKey = '36efdd1aace2e26cd490f0d951138253';
    const jwt = await craft(goodClaims(), { key: hexKey });
    await expect(
      verifySignatureJwt({ jwt, url, body, signingKey: hexKey, now }),
    ).resolves.toBeTruthy();
    const decodedKey = Buffer.from(hexKey, 'hex').toString('latin1');
    const other = await craft(goodClaims(), { key: decodedKey });
    expect(
      (await refusal(verifySignatureJwt({ jwt: other, url, body, signingKey: hexKey, now })))
        .reason,
    ).toBe('bad-signature');
  });

  it('accepts now as a Date, epoch milliseconds or epoch seconds', async () => {
    const jwt = await signSignatureJwt({ url, body, signingKey, now });
    for (const at of [now, now.getTime(), nowSeconds, now.toISOString()]) {
      await expect(
        verifySignatureJwt({ jwt, url, body, signingKey, now: at }),
      ).resolves.toBeTruthy();
    }
  });

  it('accepts an older token with iat and no nbf, as MessageBird’s Go SDK does', async () => {
    const { nbf: _nbf, ...claims } = goodClaims({ iat: nowSeconds });
    const jwt = await craft(claims);
    await expect(verifySignatureJwt({ jwt, url, body, signingKey, now })).resolves.toBeTruthy();
  });
});

describe('MessageBird’s own Node SDK accepts our signatures', () => {
  const require = createRequire(import.meta.url);
  const sdk = require('messagebird/lib/webhook-signature-jwt.js') as {
    verify: (
      url: string,
      payload: Buffer | null,
      jwt: string,
      key: unknown,
      opts: unknown,
    ) => Promise<boolean>;
    VerifyOptions: new (...args: unknown[]) => unknown;
  };

  it.each([
    { url, body },
    { url: 'https://bot.example.com:8443/', body: undefined },
  ])('verifies $url', async ({ url: u, body: b }) => {
    const jwt = await signSignatureJwt({ url: u, body: b, signingKey, now });
    const options = new sdk.VerifyOptions(true, true, {
      issuer: 'MessageBird',
      algorithms: ['HS256', 'HS384', 'HS512'],
      clockTolerance: 5,
      currentDate: now,
    });
    const key = createSecretKey(Buffer.from(signingKey, 'utf8'));
    await expect(sdk.verify(u, b ? Buffer.from(b) : null, jwt, key, options)).resolves.toBe(true);
    await expect(sdk.verify(`${u}x`, b ? Buffer.from(b) : null, jwt, key, options)).rejects.toThrow(
      /url_hash/,
    );
  });
});

describe('verifySignatureJwt refuses', () => {
  type Case = {
    name: string;
    reason: SignatureFailure;
    jwt: () => Promise<string | undefined> | string | undefined;
    url?: string;
    body?: string | undefined;
    key?: string;
    at?: Date;
    leeway?: number;
  };
  const signed = () => signSignatureJwt({ url, body, signingKey, now });
  const header = (h: object) => base64url(JSON.stringify(h));
  const claimsPart = () => base64url(JSON.stringify(goodClaims()));

  const cases: Case[] = [
    { name: 'no header at all', reason: 'signature-missing', jwt: () => undefined },
    { name: 'an empty header', reason: 'signature-missing', jwt: () => '' },
    {
      name: 'a token of two parts',
      reason: 'malformed-token',
      jwt: async () => (await signed()).split('.').slice(0, 2).join('.'),
    },
    {
      name: 'a token of four parts',
      reason: 'malformed-token',
      jwt: async () => `${await signed()}.AAAA`,
    },
    {
      name: 'a header that is not JSON',
      reason: 'malformed-token',
      jwt: async () => `bm90IGpzb24.${claimsPart()}.sig`,
    },
    {
      name: 'a signed claims part that is not JSON',
      reason: 'malformed-token',
      jwt: () =>
        new CompactSign(new TextEncoder().encode('nope'))
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(signingKey)),
    },
    {
      name: 'signed claims that are a JSON array',
      reason: 'malformed-token',
      jwt: () =>
        new CompactSign(new TextEncoder().encode('[1,2]'))
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(signingKey)),
    },
    {
      name: 'alg none without a signature',
      reason: 'algorithm-not-allowed',
      jwt: () => `${header({ alg: 'none', typ: 'JWT' })}.${claimsPart()}.`,
    },
    {
      name: 'alg none with a signature',
      reason: 'algorithm-not-allowed',
      jwt: () => `${header({ alg: 'none', typ: 'JWT' })}.${claimsPart()}.c2ln`,
    },
    {
      name: 'alg RS256',
      reason: 'algorithm-not-allowed',
      jwt: () => `${header({ alg: 'RS256', typ: 'JWT' })}.${claimsPart()}.c2ln`,
    },
    {
      name: 'alg HS1',
      reason: 'algorithm-not-allowed',
      jwt: () => `${header({ alg: 'HS1' })}.${claimsPart()}.c2ln`,
    },
    {
      name: 'no alg',
      reason: 'algorithm-not-allowed',
      jwt: () => `${header({ typ: 'JWT' })}.${claimsPart()}.c2ln`,
    },
    {
      name: 'a token signed with another key',
      reason: 'bad-signature',
      jwt: () => craft(goodClaims(), { key: 'another-signing-key' }),
    },
    { name: 'an empty signing key', reason: 'bad-signature', jwt: signed, key: '' },
    {
      name: 'a tampered signature',
      reason: 'bad-signature',
      jwt: async () => {
        const jwt = await signed();
        const last = jwt.at(-2) === 'A' ? 'B' : 'A';
        return `${jwt.slice(0, -2)}${last}${jwt.at(-1)}`;
      },
    },
    {
      name: 'claims swapped after signing',
      reason: 'bad-signature',
      jwt: async () => {
        const [h, , s] = (await signed()).split('.');
        return `${h}.${base64url(JSON.stringify(goodClaims({ jti: 'other' })))}.${s}`;
      },
    },
    {
      name: 'a wrong issuer',
      reason: 'wrong-issuer',
      jwt: () => craft(goodClaims({ iss: 'MessageBird Ltd' })),
    },
    { name: 'no issuer', reason: 'wrong-issuer', jwt: () => craft(goodClaims({ iss: undefined })) },
    {
      name: 'a token from the future (nbf now + 2 s, leeway 1 s)',
      reason: 'not-yet-valid',
      jwt: () => craft(goodClaims({ nbf: nowSeconds + 2, exp: nowSeconds + 62 })),
    },
    {
      name: 'a token an hour ahead',
      reason: 'not-yet-valid',
      jwt: () => craft(goodClaims({ nbf: nowSeconds + 3600, exp: nowSeconds + 3660 })),
    },
    {
      name: 'an expired token (exp now - 2 s, leeway 1 s)',
      reason: 'expired',
      jwt: () => craft(goodClaims({ nbf: nowSeconds - 62, exp: nowSeconds - 2 })),
    },
    {
      name: 'a token expired an hour ago',
      reason: 'expired',
      jwt: () => craft(goodClaims({ nbf: nowSeconds - 3600, exp: nowSeconds - 3540 })),
    },
    {
      name: 'a token without exp',
      reason: 'expired',
      jwt: () => craft(goodClaims({ exp: undefined })),
    },
    {
      name: 'an exp that is a string',
      reason: 'malformed-token',
      jwt: () => craft(goodClaims({ exp: String(nowSeconds + 60) })),
    },
    {
      name: 'a token without jti',
      reason: 'jti-missing',
      jwt: () => craft(goodClaims({ jti: undefined })),
    },
    { name: 'an empty jti', reason: 'jti-missing', jwt: () => craft(goodClaims({ jti: '' })) },
    {
      name: 'a token for another path',
      reason: 'url-hash-mismatch',
      jwt: signed,
      url: 'https://bot.example.com/api/other?tenant=acme&v=2',
    },
    {
      name: 'reordered query parameters',
      reason: 'url-hash-mismatch',
      jwt: signed,
      url: 'https://bot.example.com/api/messagebird?v=2&tenant=acme',
    },
    {
      name: 'an added port',
      reason: 'url-hash-mismatch',
      jwt: signed,
      url: 'https://bot.example.com:443/api/messagebird?tenant=acme&v=2',
    },
    {
      name: 'http instead of https',
      reason: 'url-hash-mismatch',
      jwt: signed,
      url: 'http://bot.example.com/api/messagebird?tenant=acme&v=2',
    },
    {
      name: 'a percent-encoding changed in the query',
      reason: 'url-hash-mismatch',
      jwt: () =>
        signSignatureJwt({ url: 'https://bot.example.com/?q=a%20b', body, signingKey, now }),
      url: 'https://bot.example.com/?q=a+b',
    },
    {
      name: 'no url_hash claim',
      reason: 'url-hash-mismatch',
      jwt: () => craft(goodClaims({ url_hash: undefined })),
    },
    {
      name: 'an uppercase url_hash',
      reason: 'url-hash-mismatch',
      jwt: () => craft(goodClaims({ url_hash: sha256Hex(url).toUpperCase() })),
    },
    { name: 'no URL to check against', reason: 'url-hash-mismatch', jwt: signed, url: '' },
    {
      name: 'a body added in transit',
      reason: 'payload-hash-missing',
      jwt: () => signSignatureJwt({ url, signingKey, now }),
    },
    { name: 'a body removed in transit', reason: 'payload-hash-unexpected', jwt: signed, body: '' },
    {
      name: 'a body removed in transit (undefined)',
      reason: 'payload-hash-unexpected',
      jwt: signed,
      body: undefined,
    },
    {
      name: 'a body changed by one character',
      reason: 'payload-hash-mismatch',
      jwt: signed,
      body: body.replace('Hallo', 'Hallö'),
    },
    {
      name: 'a body re-serialised with spaces',
      reason: 'payload-hash-mismatch',
      jwt: signed,
      body: JSON.stringify(JSON.parse(body), null, 1),
    },
    {
      name: 'a body with a trailing newline',
      reason: 'payload-hash-mismatch',
      jwt: signed,
      body: `${body}\n`,
    },
  ];

  it('has at least 25 cases and covers every reason', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const reasons = new Set(cases.map((c) => c.reason));
    expect([...reasons].sort()).toEqual(
      [
        'algorithm-not-allowed',
        'bad-signature',
        'expired',
        'jti-missing',
        'malformed-token',
        'not-yet-valid',
        'payload-hash-missing',
        'payload-hash-mismatch',
        'payload-hash-unexpected',
        'signature-missing',
        'url-hash-mismatch',
        'wrong-issuer',
      ].sort(),
    );
  });

  it.each(cases)('$name → $reason', async (c) => {
    const jwt = await c.jwt();
    const error = await refusal(
      verifySignatureJwt({
        jwt,
        url: 'url' in c ? (c.url as string) : url,
        body: 'body' in c ? c.body : body,
        signingKey: c.key ?? signingKey,
        now: c.at ?? now,
        leewaySeconds: c.leeway,
      }),
    );
    expect(error.reason).toBe(c.reason);
    expect(error.code).toBe('SIGNATURE_INVALID');
    expect(error.message).not.toContain(signingKey);
  });
});

describe('leeway edges (1 s by default)', () => {
  const at = (seconds: number) => new Date((nowSeconds + seconds) * 1000 + 999);
  const token = () => craft(goodClaims());

  it('accepts from nbf - 1 s and refuses before', async () => {
    await expect(
      verifySignatureJwt({ jwt: await token(), url, body, signingKey, now: at(-1) }),
    ).resolves.toBeTruthy();
    const error = await refusal(
      verifySignatureJwt({ jwt: await token(), url, body, signingKey, now: at(-2) }),
    );
    expect(error.reason).toBe('not-yet-valid');
  });

  it('accepts until exp + 1 s and refuses after', async () => {
    await expect(
      verifySignatureJwt({ jwt: await token(), url, body, signingKey, now: at(61) }),
    ).resolves.toBeTruthy();
    const error = await refusal(
      verifySignatureJwt({ jwt: await token(), url, body, signingKey, now: at(62) }),
    );
    expect(error.reason).toBe('expired');
  });

  it('widens with leewaySeconds (5 s as in MessageBird’s Node SDK)', async () => {
    const options = { url, body, signingKey, leewaySeconds: 5 };
    await expect(
      verifySignatureJwt({ ...options, jwt: await token(), now: at(65) }),
    ).resolves.toBeTruthy();
    await expect(
      verifySignatureJwt({ ...options, jwt: await token(), now: at(-5) }),
    ).resolves.toBeTruthy();
    expect(
      (await refusal(verifySignatureJwt({ ...options, jwt: await token(), now: at(66) }))).reason,
    ).toBe('expired');
  });
});
