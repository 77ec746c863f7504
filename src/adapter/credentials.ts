import type * as v from 'valibot';
import { Conversation } from '../messagebird/conversation.js';
import { listOf } from '../messagebird/list.js';
import { Webhook } from '../messagebird/webhook.js';
import type { MessageBirdClient } from './api-client.js';
import { MessageBirdAdapterError, MessageBirdApiError } from './errors.js';

/** What `verifyCredentials` found. */
export interface CredentialsReport {
  /** True when the access key works and nothing says the channel id is wrong. */
  ok: boolean;
  /** `valid`, `invalid` (MessageBird refused it), or `unknown` (MessageBird could not be reached). */
  accessKey: 'valid' | 'invalid' | 'unknown';
  /**
   * `confirmed` when a webhook or conversation of the account uses the channel id; `unconfirmed`
   * when none does yet (a new channel, or a wrong id: sends would then fail naming `from`).
   */
  channel: 'confirmed' | 'unconfirmed' | 'unknown';
  /** What to do, one sentence per problem. */
  problems: string[];
}

const Conversations = listOf(Conversation);
const Webhooks = listOf(Webhook);

/**
 * Checks the access key with one list call and looks for the channel id among the account's
 * webhooks and recent conversations (MessageBird's Conversations API has no call that reads a
 * channel by id).
 */
export async function verifyCredentials(
  client: MessageBirdClient,
  channelId: string,
): Promise<CredentialsReport> {
  const problems: string[] = [];
  let webhooks: v.InferOutput<typeof Webhooks>;
  try {
    webhooks = await client.request({
      method: 'GET',
      path: '/webhooks?limit=20',
      schema: Webhooks,
    });
  } catch (error) {
    if (error instanceof MessageBirdApiError && (error.status === 401 || error.apiCode === 2)) {
      return {
        ok: false,
        accessKey: 'invalid',
        channel: 'unknown',
        problems: [
          'MessageBird refused the access key: copy a live (or test) key from the dashboard, Developers → API access, into accessKey',
        ],
      };
    }
    const reason = error instanceof MessageBirdAdapterError ? error.message : String(error);
    return {
      ok: false,
      accessKey: 'unknown',
      channel: 'unknown',
      problems: [`MessageBird could not be asked (${reason}): check apiBaseUrl and the network`],
    };
  }
  let seen = webhooks.items.some((w) => w.channelId === channelId);
  if (!seen) {
    const conversations = await client.request({
      method: 'GET',
      path: '/conversations?limit=20',
      schema: Conversations,
    });
    seen = conversations.items.some(
      (c) =>
        c.lastUsedChannelId === channelId || (c.channels ?? []).some((ch) => ch.id === channelId),
    );
  }
  if (!seen) {
    problems.push(
      `no webhook or recent conversation uses channel ${channelId}: check channelId against Channels → WhatsApp in the dashboard, and register a webhook for it`,
    );
  }
  return { ok: true, accessKey: 'valid', channel: seen ? 'confirmed' : 'unconfirmed', problems };
}
