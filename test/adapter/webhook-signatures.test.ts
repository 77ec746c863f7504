import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/messagebird/hash.js';
import {
  formatDatetime,
  type SignatureFailure,
  signLegacySignature,
  signSignatureJwt,
} from '../../src/messagebird/index.js';
import { INBOUND_EVENTS } from '../payloads/index.js';
import { KEYS, testAdapter } from '../support/adapter.js';

const url = 'https://bot.example.com/api/messages';
const adapter = testAdapter('http://127.0.0.1:9/v1', { webhookUrl: url });
const legacyAdapter = testAdapter('http://127.0.0.1:9/v1', {
  webhookUrl: url,
  signature: { scheme: 'legacy' },
});
afterAll(async () => {
  await adapter.close();
  await legacyAdapter.close();
});

let turns = 0;
const logic = async () => {
  turns++;
};

let n = 0;
function body() {
  n++;
  const event = structuredClone(INBOUND_EVENTS.text);
  event.message.id = `${n.toString(16).padStart(6, '0')}${'c'.repeat(26)}`;
  event.message.createdDatetime = formatDatetime(Date.now());
  return JSON.stringify(event);
}

const now = () => Math.floor(Date.now() / 1000);
const claims = (text: string, overrides: Record<string, unknown> = {}) => ({
  iss: 'MessageBird',
  nbf: now(),
  exp: now() + 60,
  jti: crypto.randomUUID(),
  url_hash: sha256Hex(url),
  payload_hash: sha256Hex(text),
  ...overrides,
});
const sign = (c: Record<string, unknown>, alg = 'HS256', key: string = KEYS.signingKey) =>
  new SignJWT(c).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(key));

async function post(text: string, headers: Record<string, string>, target = adapter) {
  const response = await target.handle(
    new Request('http://10.0.0.7:3978/api/messages', { method: 'POST', body: text, headers }),
    logic,
  );
  return {
    status: response.status,
    body: (await response.json()) as { error?: { reason?: string } },
  };
}

describe('webhook signatures through the adapter', () => {
  const cases: [string, SignatureFailure, () => Promise<[string, Record<string, string>]>][] = [
    ['no header', 'signature-missing', async () => [body(), {}]],
    [
      'garbage',
      'malformed-token',
      async () => [body(), { 'MessageBird-Signature-JWT': 'not.a-token' }],
    ],
    [
      'alg none',
      'algorithm-not-allowed',
      async () => {
        const text = body();
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return [
          text,
          { 'MessageBird-Signature-JWT': `${b64({ alg: 'none' })}.${b64(claims(text))}.` },
        ];
      },
    ],
    [
      'another key',
      'bad-signature',
      async () => {
        const text = body();
        return [
          text,
          { 'MessageBird-Signature-JWT': await sign(claims(text), 'HS256', 'not-our-key') },
        ];
      },
    ],
    [
      'a wrong issuer',
      'wrong-issuer',
      async () => {
        const text = body();
        return [
          text,
          { 'MessageBird-Signature-JWT': await sign(claims(text, { iss: 'Someone' })) },
        ];
      },
    ],
    [
      'a token from the future',
      'not-yet-valid',
      async () => {
        const text = body();
        return [
          text,
          {
            'MessageBird-Signature-JWT': await sign(
              claims(text, { nbf: now() + 30, exp: now() + 90 }),
            ),
          },
        ];
      },
    ],
    [
      'an expired token',
      'expired',
      async () => {
        const text = body();
        return [
          text,
          {
            'MessageBird-Signature-JWT': await sign(
              claims(text, { nbf: now() - 120, exp: now() - 60 }),
            ),
          },
        ];
      },
    ],
    [
      'no jti',
      'jti-missing',
      async () => {
        const text = body();
        return [
          text,
          { 'MessageBird-Signature-JWT': await sign(claims(text, { jti: undefined })) },
        ];
      },
    ],
    [
      'the request URL instead of webhookUrl',
      'url-hash-mismatch',
      async () => {
        const text = body();
        return [
          text,
          {
            'MessageBird-Signature-JWT': await sign(
              claims(text, { url_hash: sha256Hex('http://10.0.0.7:3978/api/messages') }),
            ),
          },
        ];
      },
    ],
    [
      'a body added in transit',
      'payload-hash-missing',
      async () => {
        const text = body();
        return [
          text,
          { 'MessageBird-Signature-JWT': await sign(claims(text, { payload_hash: undefined })) },
        ];
      },
    ],
    [
      'a tampered body',
      'payload-hash-mismatch',
      async () => {
        const text = body();
        const jwt = await signSignatureJwt({ url, body: text, signingKey: KEYS.signingKey });
        return [text.replace('Hi!', 'Hey'), { 'MessageBird-Signature-JWT': jwt }];
      },
    ],
  ];

  it.each(cases)('refuses %s with 401 (%s) and never runs the bot', async (_name, reason, make) => {
    const before = turns;
    const [text, headers] = await make();
    const { status, body: answer } = await post(text, headers);
    expect(status).toBe(401);
    expect(answer.error?.reason).toBe(reason);
    expect(turns).toBe(before);
  });

  it('accepts a good token, HS512 included', async () => {
    const text = body();
    const { status } = await post(text, {
      'MessageBird-Signature-JWT': await sign(claims(text), 'HS512'),
    });
    expect(status).toBe(200);
  });
});

describe('the legacy signature scheme, as an option', () => {
  it('accepts a good legacy signature and refuses a bad one', async () => {
    const text = body();
    const { signature, timestamp } = signLegacySignature({
      url,
      body: text,
      signingKey: KEYS.signingKey,
    });
    const headers = {
      'MessageBird-Signature': signature,
      'MessageBird-Request-Timestamp': timestamp,
    };
    expect((await post(text, headers, legacyAdapter)).status).toBe(200);
    const tampered = await post(text.replace('Hi!', 'Hey'), headers, legacyAdapter);
    expect(tampered.status).toBe(401);
    expect(tampered.body.error?.reason).toBe('bad-signature');
  });

  it('does not take a JWT when the legacy scheme is configured', async () => {
    const text = body();
    const jwt = await signSignatureJwt({ url, body: text, signingKey: KEYS.signingKey });
    const { status, body: answer } = await post(
      text,
      { 'MessageBird-Signature-JWT': jwt },
      legacyAdapter,
    );
    expect(status).toBe(401);
    expect(answer.error?.reason).toBe('signature-missing');
  });
});

describe('body limits on the fetch edge', () => {
  it('refuses an oversized body without a content-length (a stream) with 413', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await adapter.handle(
      new Request(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
      logic,
    );
    expect(response.status).toBe(413);
  });

  it('refuses an oversized body whose content-length says it is small with 413', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const response = await adapter.handle(
      new Request(url, { method: 'POST', body: big, headers: { 'Content-Length': '5' } }),
      logic,
    );
    expect(response.status).toBe(413);
  });
});
