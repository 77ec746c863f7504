import { createHash, createHmac } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../../src/adapter/index.js';
import { MessageBirdAgentsAdapter } from '../../../src/agents/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { BIRD_IDS } from '../../payloads/index.js';
import { BIRD_TEMPLATE } from './bird-interactions.js';
import type { Delivery } from './deliver-to-adapter.js';
import { SIM_ACCESS_KEY } from './interactions.js';

/** The public URL the Bird adapter is configured with, which Bird's signature covers. */
export const BIRD_WEBHOOK_URL: string = BIRD_IDS.webhookUrl;

/** The signing key of the Bird subscription (the simulator's in verification). */
export const BIRD_SIGNING_KEY: string = BIRD_IDS.signingKey;

/** The adapter options on Bird: the example workspace and channel, the template, quiet and quick. */
function birdOptions(
  apiBaseUrl: string,
  extra: Partial<MessageBirdAdapterOptions<'bird'>>,
): MessageBirdAdapterOptions<'bird'> {
  return {
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    channelName: 'Shop WhatsApp',
    accessKey: SIM_ACCESS_KEY,
    signingKey: BIRD_SIGNING_KEY,
    webhookUrl: BIRD_WEBHOOK_URL,
    apiBaseUrl,
    retry: { retries: 0, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    logger: silentLogger,
    templates: [
      {
        name: BIRD_TEMPLATE.name,
        projectId: BIRD_TEMPLATE.projectId,
        version: 'latest',
        language: BIRD_TEMPLATE.language,
        variables: [...BIRD_TEMPLATE.variables],
        content: 'Hi {{name}}, your order {{order}} is on its way.',
      },
    ],
    ...extra,
  };
}

/**
 * The botbuilder adapter with `api: 'bird'` pointed at `apiBaseUrl` (a Pact mock server): the
 * adapter a bot developer configures, making its real requests. Turn errors are thrown.
 */
export function birdContractAdapter(
  apiBaseUrl: string,
  extra: Partial<MessageBirdAdapterOptions<'bird'>> = {},
): MessageBirdAdapter {
  const adapter = new MessageBirdAdapter(birdOptions(apiBaseUrl, extra));
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return adapter;
}

/**
 * Bird's signature as its docs describe it, written here with node:crypto alone (none of the
 * package's code): base64 of HMAC-SHA256, keyed with the signing key's bytes, over
 * `timestamp \n url \n` followed by the raw SHA-256 of the body.
 */
export function birdSignature(key: string, url: string, body: string, timestamp: string): string {
  const bodyHash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest();
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`, 'utf8'), bodyHash]))
    .digest('base64');
}

/** A webhook request as Bird makes it: the body signed now over BIRD_WEBHOOK_URL. */
function signedBirdWebhook(payload: unknown): Request {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return new Request(BIRD_WEBHOOK_URL, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'messagebird-signature': birdSignature(BIRD_SIGNING_KEY, BIRD_WEBHOOK_URL, body, timestamp),
      'messagebird-request-timestamp': timestamp,
    },
  });
}

/**
 * Delivers a webhook body to a fresh Bird adapter of the given front as Bird would (signed, see
 * birdSignature) through `adapter.handle`, with a bot that records each activity (the Agents SDK
 * front's as JSON, which writes `channelId`). A fresh adapter each time, so no delivery is a
 * duplicate of another.
 */
export async function deliverToBirdAdapter(
  payload: unknown,
  front: 'botbuilder' | 'agents',
): Promise<Delivery> {
  const offline = 'http://127.0.0.1:9';
  const activities: Partial<Activity>[] = [];
  if (front === 'botbuilder') {
    const adapter = birdContractAdapter(offline);
    try {
      const response = await adapter.handle(signedBirdWebhook(payload), async (context) => {
        activities.push(context.activity);
      });
      const lastInbound = await adapter.windows.lastInbound(BIRD_IDS.phone);
      return { status: response.status, activities, lastInbound };
    } finally {
      await adapter.close();
    }
  }
  const adapter = new MessageBirdAgentsAdapter(birdOptions(offline, {}));
  try {
    const response = await adapter.handle(signedBirdWebhook(payload), async (context) => {
      activities.push(JSON.parse(context.activity.toJsonString()));
    });
    const lastInbound = await adapter.windows.lastInbound(BIRD_IDS.phone);
    return { status: response.status, activities, lastInbound };
  } finally {
    await adapter.close();
  }
}
