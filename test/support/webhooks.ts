import { signSignatureJwt } from '../../src/messagebird/index.js';

/** A signed webhook request, as MessageBird would make it. */
export async function signedWebhook(
  url: string,
  payload: unknown,
  signingKey: string,
  options: { signUrl?: string; headers?: Record<string, string>; method?: string } = {},
): Promise<Request> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const jwt = await signSignatureJwt({ url: options.signUrl ?? url, body, signingKey });
  return new Request(url, {
    method: options.method ?? 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'MessageBird-Signature-JWT': jwt,
      ...options.headers,
    },
  });
}

/** Posts a signed webhook with fetch and answers the status and JSON body. */
export async function postWebhook(
  url: string,
  payload: unknown,
  signingKey: string,
  options: { signUrl?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(await signedWebhook(url, payload, signingKey, options));
  return { status: response.status, body: (await response.json()) as any };
}
