/**
 * Webhook signatures in process: verifications and signatures per second, beside the bare HMAC
 * check (node:crypto createHmac over the same token, the least any verifier must do).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signSignatureJwt, verifySignatureJwt } from '../src/messagebird/index.js';
import { fmt, type Row } from './table.js';

const signingKey = 'bench-signing-key-0123456789abcdef';
const url = 'https://bot.example.com/api/messagebird';
const body = JSON.stringify({
  type: 'message.created',
  message: { content: { text: 'x'.repeat(400) } },
});
const SECONDS = 1.5;

async function rate(work: () => unknown): Promise<number> {
  for (let i = 0; i < 500; i++) await work();
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await work();
    n += 100;
  }
  return n / SECONDS;
}

export async function run(): Promise<Row[]> {
  const jwt = await signSignatureJwt({ url, body, signingKey });
  const [head, payload, signature] = jwt.split('.') as [string, string, string];
  const expected = Buffer.from(signature, 'base64url');
  const bare = await rate(() => {
    const mac = createHmac('sha256', signingKey).update(`${head}.${payload}`).digest();
    return timingSafeEqual(mac, expected);
  });
  const verify = await rate(() => verifySignatureJwt({ jwt, url, body, signingKey }));
  const sign = await rate(() => signSignatureJwt({ url, body, signingKey }));
  return [
    {
      name: 'verifySignatureJwt (HS256, 0.4 kB body) in process',
      measured: `${fmt(verify)}/s`,
      baseline: `${fmt(bare)}/s bare HMAC check`,
      ratio: verify / bare,
    },
    {
      name: 'signSignatureJwt (HS256, 0.4 kB body) in process',
      measured: `${fmt(sign)}/s`,
      baseline: `${fmt(bare)}/s bare HMAC check`,
      ratio: sign / bare,
    },
  ];
}
