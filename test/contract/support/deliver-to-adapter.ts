import type { Activity } from 'botbuilder';
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
export async function deliverToAdapter(payload: unknown, phone: string): Promise<Delivery> {
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
