import { bench, describe } from 'vitest';
import {
  signLegacySignature,
  signSignatureJwt,
  verifyLegacySignature,
  verifySignatureJwt,
} from '../src/messagebird/index.js';

const signingKey = 'bench-signing-key-0123456789abcdef';
const url = 'https://bot.example.com/api/messagebird';
const body = JSON.stringify({
  type: 'message.created',
  message: { content: { text: 'x'.repeat(400) } },
});
const jwt = await signSignatureJwt({ url, body, signingKey });
const legacy = signLegacySignature({ url, body, signingKey });

describe('webhook signature verification', () => {
  bench('verifySignatureJwt (HS256, 0.4 kB body)', async () => {
    await verifySignatureJwt({ jwt, url, body, signingKey });
  });
  bench('verifyLegacySignature (0.4 kB body)', () => {
    verifyLegacySignature({ ...legacy, url, body, signingKey });
  });
  bench('signSignatureJwt (HS256, 0.4 kB body)', async () => {
    await signSignatureJwt({ url, body, signingKey });
  });
});
