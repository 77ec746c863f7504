import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter } from '../../src/adapter/index.js';
import { signSignatureJwt } from '../../src/messagebird/signature-jwt.js';
import { BIRD_IDS, BIRD_INBOUND } from '../payloads/index.js';
import { type Listening, listenHono } from '../support/servers.js';
import { guardSecrets, postRaw, recordingLogger, SECRET_KEYS, watchUnhandled } from './support.js';

/**
 * The Conversations API's signature attacks (signature-attacks.test.ts), adapted to Bird's
 * `messagebird-signature`: every one is refused with 401 over a real socket and the bot never
 * runs. The valid signature is made here by hand from Bird's documented steps (node:crypto only,
 * none of the package's code), so a wrong reading in the package cannot hide behind its own signer.
 */
guardSecrets();
watchUnhandled();

const KEY = SECRET_KEYS.signingKey;
const SIG = 'messagebird-signature';
const TS = 'messagebird-request-timestamp';
let server: Listening;
let adapter: MessageBirdAdapter;
let turns = 0;

beforeAll(async () => {
  adapter = new MessageBirdAdapter({
    ...SECRET_KEYS,
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    apiBaseUrl: 'http://127.0.0.1:9',
    logger: recordingLogger,
  });
  const app = new Hono();
  app.post('/hook', (c) =>
    adapter.handle(c.req.raw, async () => {
      turns++;
    }),
  );
  server = await listenHono(app);
});

afterAll(async () => {
  await server.close();
  await adapter.close();
});

/** A valid whatsapp.inbound body, with its own message id. */
function body(): string {
  const event = BIRD_INBOUND.text() as { payload: { id: string } };
  event.payload.id = randomUUID();
  return JSON.stringify(event);
}

const url = () => `${server.url}/hook?tenant=acme&v=2`;
const now = () => Math.floor(Date.now() / 1000);

/** Bird's signature, by the documented steps: base64 HMAC-SHA256 over `ts\nurl\n` + SHA-256(body). */
function birdSign(
  text: string,
  options: {
    key?: string;
    target?: string;
    timestamp?: string;
    digest?: (body: string) => Buffer | string;
    algorithm?: string;
    encoding?: 'base64' | 'hex';
    separator?: string;
  } = {},
): string {
  const {
    key = KEY,
    target = url(),
    timestamp = String(now()),
    digest = (b: string) => createHash('sha256').update(b).digest(),
    algorithm = 'sha256',
    encoding = 'base64',
    separator = '\n',
  } = options;
  return createHmac(algorithm, key)
    .update(`${timestamp}${separator}${target}${separator}`)
    .update(digest(text))
    .digest(encoding);
}

/** Headers of a request signed right, with some inputs changed. */
const headersFor = (
  text: string,
  options: Parameters<typeof birdSign>[1] = {},
): [string, string][] => {
  const timestamp = options.timestamp ?? String(now());
  return [
    [SIG, birdSign(text, { ...options, timestamp })],
    [TS, timestamp],
  ];
};

type Attack = {
  name: string;
  status?: number;
  make: () =>
    | Promise<{ payload: string; headers: [string, string][]; target?: string }>
    | {
        payload: string;
        headers: [string, string][];
        target?: string;
      };
};

/** Signed right over one body, sent with another. */
const bodyChanged = (name: string, change: (text: string) => string): Attack => ({
  name,
  make: () => {
    const text = body();
    return { payload: change(text), headers: headersFor(text) };
  },
});

/** Signed for one URL, sent to the adapter's. */
const signedFor = (name: string, target: () => string): Attack => ({
  name: `signed for ${name}`,
  make: () => {
    const text = body();
    return { payload: text, headers: headersFor(text, { target: target() }) };
  },
});

const path = (p: string) => `${server.url}${p}`;

const attacks: Attack[] = [
  // The body.
  bodyChanged('one character of the body changed', (t) => t.replace('Hi!', 'Hi?')),
  bodyChanged('whitespace appended to the body', (t) => `${t}\n`),
  bodyChanged('a byte-order mark before the body', (t) => `\uFEFF${t}`),
  bodyChanged('the text decomposed to another Unicode form', (t) => t.replace('Hi!', 'He\u0301!')),
  bodyChanged('another valid event in place of the body', () => body()),
  {
    name: 'a body added to a request signed without one',
    make: () => ({ payload: body(), headers: headersFor('') }),
  },
  // The URL.
  signedFor('another path', () => path('/other?tenant=acme&v=2')),
  signedFor('an extra query parameter', () => path('/hook?tenant=acme&v=2&admin=1')),
  signedFor('a query parameter removed', () => path('/hook?tenant=acme')),
  signedFor('the query reordered', () => path('/hook?v=2&tenant=acme')),
  signedFor('a trailing slash', () => path('/hook/?tenant=acme&v=2')),
  signedFor('the path in capitals', () => path('/HOOK?tenant=acme&v=2')),
  signedFor('a query value re-encoded', () => path('/hook?tenant=%61cme&v=2')),
  signedFor('https instead of http', () => url().replace('http:', 'https:')),
  signedFor('the same URL without its port', () => url().replace(/:\d+\//, '/')),
  signedFor('the path only, not the full URL', () => '/hook?tenant=acme&v=2'),
  signedFor('the URL without its query', () => path('/hook')),
  // The headers.
  { name: 'no headers at all', make: () => ({ payload: body(), headers: [] }) },
  {
    name: 'no signature header',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t).filter(([n]) => n !== SIG) };
    },
  },
  {
    name: 'no timestamp header',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t).filter(([n]) => n !== TS) };
    },
  },
  {
    name: 'an empty signature header',
    make: () => ({
      payload: body(),
      headers: [
        [SIG, ''],
        [TS, String(now())],
      ],
    }),
  },
  {
    name: 'the signature header twice, one forged',
    make: () => {
      const t = body();
      const h = headersFor(t);
      return { payload: t, headers: [...h, [SIG, birdSign(t, { key: 'forged' })]] };
    },
  },
  {
    name: 'the signature header twice, both valid',
    make: () => {
      const t = body();
      const h = headersFor(t);
      return { payload: t, headers: [...h, [SIG, h[0]?.[1] as string]] };
    },
  },
  {
    name: 'the timestamp header twice',
    make: () => {
      const t = body();
      return { payload: t, headers: [...headersFor(t), [TS, String(now())]] };
    },
  },
  {
    name: 'a forged signature under a differently cased second header',
    make: () => {
      const t = body();
      return {
        payload: t,
        headers: [...headersFor(t), ['MessageBird-Signature', birdSign(t, { key: 'forged' })]],
      };
    },
  },
  {
    name: 'the signature under a look-alike header name',
    make: () => {
      const t = body();
      const [[, sig], ts] = headersFor(t) as [[string, string], [string, string]];
      return { payload: t, headers: [['messagebird-signature2', sig], ts] };
    },
  },
  {
    name: 'the signature as a Bearer authorization instead',
    make: () => {
      const t = body();
      const [[, sig], ts] = headersFor(t) as [[string, string], [string, string]];
      return { payload: t, headers: [['Authorization', `Bearer ${sig}`], ts] };
    },
  },
  {
    name: 'a MessageBird JWT (the Conversations API scheme) instead',
    make: async () => {
      const t = body();
      const jwt = await signSignatureJwt({ url: url(), body: t, signingKey: KEY });
      return { payload: t, headers: [['MessageBird-Signature-JWT', jwt]] };
    },
  },
  {
    name: 'the legacy MessageBird scheme (the sorted query signed, not the URL)',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { target: 'tenant=acme&v=2' }) };
    },
  },
  // The timestamp.
  {
    name: 'a timestamp older than 24 hours',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { timestamp: String(now() - 86_400 - 120) }) };
    },
  },
  {
    name: 'a timestamp two minutes ahead (past the leeway)',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { timestamp: String(now() + 120) }) };
    },
  },
  {
    name: 'a timestamp in milliseconds',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { timestamp: String(Date.now()) }) };
    },
  },
  {
    name: 'a timestamp changed after signing',
    make: () => {
      const t = body();
      const [sig] = headersFor(t, { timestamp: String(now() - 10) });
      return { payload: t, headers: [sig as [string, string], [TS, String(now())]] };
    },
  },
  {
    name: 'a negative timestamp',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { timestamp: '-1' }) };
    },
  },
  {
    name: 'a timestamp as an ISO date',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { timestamp: new Date().toISOString() }) };
    },
  },
  // The key and the algorithm.
  {
    name: 'another key',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { key: 'another-signing-key' }) };
    },
  },
  {
    name: 'an empty key',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { key: '' }) };
    },
  },
  {
    name: 'the access key as the key',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { key: SECRET_KEYS.accessKey }) };
    },
  },
  {
    name: 'the key base64-decoded (Bird uses its bytes as they are)',
    make: () => {
      const t = body();
      const decoded = Buffer.from(KEY, 'base64').toString('latin1');
      return { payload: t, headers: headersFor(t, { key: decoded }) };
    },
  },
  {
    name: 'HMAC-SHA1',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { algorithm: 'sha1' }) };
    },
  },
  {
    name: 'HMAC-SHA512',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { algorithm: 'sha512' }) };
    },
  },
  {
    name: 'the body’s hex digest instead of its raw bytes',
    make: () => {
      const t = body();
      const hex = (b: string) => createHash('sha256').update(b).digest('hex');
      return { payload: t, headers: headersFor(t, { digest: hex }) };
    },
  },
  {
    name: 'the body itself instead of its digest',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { digest: (b) => b }) };
    },
  },
  {
    name: 'no newlines between the parts',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { separator: '' }) };
    },
  },
  // The signature's form.
  {
    name: 'the HMAC in hex instead of base64',
    make: () => {
      const t = body();
      return { payload: t, headers: headersFor(t, { encoding: 'hex' }) };
    },
  },
  {
    name: 'a truncated signature',
    make: () => {
      const t = body();
      const [[, sig], ts] = headersFor(t) as [[string, string], [string, string]];
      return { payload: t, headers: [[SIG, sig.slice(0, 20)], ts] };
    },
  },
  {
    name: 'a signature with a byte appended',
    make: () => {
      const t = body();
      const [[, sig], ts] = headersFor(t) as [[string, string], [string, string]];
      const longer = Buffer.concat([Buffer.from(sig, 'base64'), Buffer.from([0])]);
      return { payload: t, headers: [[SIG, longer.toString('base64')], ts] };
    },
  },
  {
    name: 'a space inside the signature',
    make: () => {
      const t = body();
      const [[, sig], ts] = headersFor(t) as [[string, string], [string, string]];
      return { payload: t, headers: [[SIG, `${sig.slice(0, 10)} ${sig.slice(10)}`], ts] };
    },
  },
  {
    name: 'garbage that is not base64',
    make: () => ({
      payload: body(),
      headers: [
        [SIG, '!!!???***'],
        [TS, String(now())],
      ],
    }),
  },
  {
    name: 'a 12 kB signature',
    make: () => ({
      payload: body(),
      headers: [
        [SIG, 'A'.repeat(12_000)],
        [TS, String(now())],
      ],
    }),
  },
  {
    name: 'a 100 kB signature (Node refuses the headers with 431 before the adapter)',
    status: 431,
    make: () => ({
      payload: body(),
      headers: [
        [SIG, 'A'.repeat(100_000)],
        [TS, String(now())],
      ],
    }),
  },
  {
    name: 'the signature of another body',
    make: () => {
      const t = body();
      const [[, other], ts] = headersFor(body()) as [[string, string], [string, string]];
      return { payload: t, headers: [[SIG, other], ts] };
    },
  },
];

describe('Bird signature attacks: none accepted, the bot never runs', () => {
  it('has at least 40 cases', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(40);
  });

  it('accepts the request signed right, by the documented steps (the control)', async () => {
    const before = turns;
    const text = body();
    expect(await postRaw(url(), text, headersFor(text))).toBe(200);
    // A contact's first message comes with a conversationUpdate turn.
    expect(turns).toBeGreaterThan(before);
  });

  it.each(attacks)('refuses $name', async ({ make, status: expected = 401 }) => {
    const before = turns;
    const { payload, headers, target } = await make();
    const status = await postRaw(target ?? url(), payload, headers);
    expect(status).toBe(expected);
    expect(turns).toBe(before);
  });

  it('runs a replayed request once: the same delivery twice', async () => {
    const text = body();
    const headers = headersFor(text);
    expect(await postRaw(url(), text, headers)).toBe(200);
    const after = turns;
    expect(await postRaw(url(), text, headers)).toBe(200);
    expect(turns).toBe(after);
  });
});
