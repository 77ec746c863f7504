import type { Activity } from 'botbuilder';
import { MessageBirdAgentsAdapter } from '../../../src/agents/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { IDS } from '../../payloads/index.js';
import { KEYS, testAdapter } from '../../support/adapter.js';
import { signedWebhook } from '../../support/webhooks.js';

/** The public URL the adapter is configured with, which the signature covers. */
export const WEBHOOK_URL = 'https://bot.example.com/api/messagebird';

/** What the adapter made of one webhook: its HTTP answer and the activities the bot saw. */
export interface Delivery {
  status: number;
  activities: Partial<Activity>[];
  /**
   * The contact's last inbound time in the adapter's window tracker afterwards: epoch ms, 0 once a
   * 470 closed the window, undefined when never seen.
   */
  lastInbound: number | undefined;
}

/**
 * Delivers a webhook body to a fresh adapter as MessageBird would (signed with
 * `MessageBird-Signature-JWT` over WEBHOOK_URL and the body) through `adapter.handle`, with a bot
 * that records each activity. A fresh adapter each time, so no delivery is a duplicate of another.
 */
export async function deliverToAdapter(
  payload: unknown,
  phone: string,
  front: 'botbuilder' | 'agents' = 'botbuilder',
): Promise<Delivery> {
  if (front === 'agents') return deliverToAgents(payload, phone);
  const adapter = testAdapter('http://127.0.0.1:9/v1', { webhookUrl: WEBHOOK_URL });
  try {
    const activities: Partial<Activity>[] = [];
    const request = await signedWebhook(WEBHOOK_URL, payload, KEYS.signingKey);
    const response = await adapter.handle(request, async (context) => {
      activities.push(context.activity);
    });
    const lastInbound = await adapter.windows.lastInbound(phone);
    return { status: response.status, activities, lastInbound };
  } finally {
    await adapter.close();
  }
}

/**
 * The same delivery to the Agents SDK front, on the same core: the pacts are the core's, so both
 * fronts must pass them. Activities as JSON (`toJsonString()`, which writes `channelId`).
 */
async function deliverToAgents(payload: unknown, phone: string): Promise<Delivery> {
  const adapter = new MessageBirdAgentsAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    channelName: 'Acme Support',
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    webhookUrl: WEBHOOK_URL,
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 2_000 },
    logger: silentLogger,
  });
  try {
    const activities: Partial<Activity>[] = [];
    const request = await signedWebhook(WEBHOOK_URL, payload, KEYS.signingKey);
    const response = await adapter.handle(request, async (context) => {
      activities.push(JSON.parse(context.activity.toJsonString()));
    });
    const lastInbound = await adapter.windows.lastInbound(phone);
    return { status: response.status, activities, lastInbound };
  } finally {
    await adapter.close();
  }
}
