import type * as v from 'valibot';
import { Conversation } from '../messagebird/conversation.js';
import { listOf } from '../messagebird/list.js';
import { Webhook } from '../messagebird/webhook.js';
import type { MessageBirdClient } from './api-client.js';
import { MessageBirdAdapterError, MessageBirdApiError } from './errors.js';

/**
 * What `verifyCredentials` found.
 *
 * `ok` is false only when the access key was refused or could not be checked: then nothing can be
 * sent. A channel that is `unconfirmed` or `unknown` keeps `ok` true, on purpose: the check cannot
 * tell a wrong channel id from a correct new one (no webhook or conversation uses it yet), and it
 * sees only the 20 latest webhooks and conversations, so refusing to start would lock out correct
 * set-ups. Instead `problems` names the channel id and what to check; show every problem loudly
 * (`npm start` prints each with a `!`), and treat `channel !== 'confirmed'` as a warning.
 * Bird can read a channel by id, so there the check is exact: a channel Bird does not find in the
 * workspace is `not-found` and `ok` is false (nothing could be sent).
 */
export interface CredentialsReport {
  /**
   * False when the access key was refused or could not be checked, or (Bird) the channel is not
   * in the workspace; see the interface's note.
   */
  ok: boolean;
  /** `valid`, `invalid` (the API refused it), or `unknown` (the API could not be reached). */
  accessKey: 'valid' | 'invalid' | 'unknown';
  /**
   * `confirmed` when a webhook or conversation of the account uses the channel id (on Bird: the
   * channel was read); `unconfirmed` when none does yet (a new channel, or a wrong id: sends would
   * then fail naming `from`); `not-found` when Bird has no such channel in the workspace (then `ok`
   * is false); `unknown` when the API could not be asked.
   */
  channel: 'confirmed' | 'unconfirmed' | 'not-found' | 'unknown';
  /** What to do, one sentence per problem. */
  problems: string[];
}

const Conversations = listOf(Conversation);
const Webhooks = listOf(Webhook);

/**
 * Checks the access key with one list call and looks for the channel id among the account's
 * webhooks and recent conversations (MessageBird's Conversations API has no call that reads a
 * channel by id). Always resolves: a failure is a report with a problem that says what to do.
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
    return {
      ok: false,
      accessKey: 'unknown',
      channel: 'unknown',
      problems: [
        `MessageBird could not be asked (${reasonOf(error)}): check apiBaseUrl and the network`,
      ],
    };
  }
  let seen = webhooks.items.some((w) => w.channelId === channelId);
  if (!seen) {
    let conversations: v.InferOutput<typeof Conversations>;
    try {
      conversations = await client.request({
        method: 'GET',
        path: '/conversations?limit=20',
        schema: Conversations,
      });
    } catch (error) {
      return {
        ok: true,
        accessKey: 'valid',
        channel: 'unknown',
        problems: [
          `the access key works, but channel ${channelId} could not be checked: listing conversations failed (${reasonOf(error)}); run the check again later, and meanwhile compare channelId with Channels → WhatsApp in the dashboard`,
        ],
      };
    }
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

/** What went wrong, in words safe to show: the adapter's messages never carry a key. */
export function reasonOf(error: unknown): string {
  return error instanceof MessageBirdAdapterError ? error.message : String(error);
}
