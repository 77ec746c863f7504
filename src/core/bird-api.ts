import { BirdChannel } from '../bird/channel.js';
import { birdErrorMessage } from '../bird/errors.js';
import type { ApiErrorItem } from '../messagebird/errors.js';
import { type ApiDialect, type MessageBirdClient, unreadableErrors } from './api-client.js';
import { type CredentialsReport, reasonOf } from './credentials.js';
import { MessageBirdApiError } from './errors.js';

/** The path of a Bird channel: `/workspaces/{ws}/channels/{ch}`. */
export function birdChannelPath(workspaceId: string, channelId: string): string {
  return `/workspaces/${encodeURIComponent(workspaceId)}/channels/${encodeURIComponent(channelId)}`;
}

/**
 * How Bird's Channels API answers errors, for the shared client: the body's message
 * (`birdErrorMessage` reads `{code?, message}`, `{error: {code?, message}}` and `{message,
 * details?}`), Bird's word code (`NotFound`…) after it in brackets (its numeric `code` stays 0),
 * the first field of `details` as the parameter, and hints naming the option to check:
 * `accessKey` on 401 and 403, `workspaceId` and `channelId` on 404.
 */
export function birdDialect(workspaceId: string, channelId: string): ApiDialect {
  return {
    name: 'Bird’s Channels API',
    baseUrl: 'https://api.bird.com',
    readErrors(text, response) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return unreadableErrors(text, response);
      }
      const message = birdErrorMessage(json);
      if (message === undefined) return unreadableErrors(text, response);
      const body = json as { code?: unknown; error?: { code?: unknown }; details?: unknown };
      const code = body.code ?? body.error?.code;
      const details = body.details;
      const parameter =
        details && typeof details === 'object' && !Array.isArray(details)
          ? (Object.keys(details)[0] ?? null)
          : null;
      const item: ApiErrorItem = {
        code: typeof code === 'number' ? code : 0,
        description: typeof code === 'string' && code !== '' ? `${message} [${code}]` : message,
        parameter,
      };
      return [item];
    },
    hintFor(status) {
      if (status === 401) {
        return 'check accessKey: it must be an access key of the Bird workspace (Bird: Settings → Security → Access keys)';
      }
      if (status === 403) {
        return `check accessKey: its access policy must allow the Channels API in workspace ${workspaceId} (or check workspaceId)`;
      }
      if (status === 404) {
        return `check workspaceId (${workspaceId}) and channelId (${channelId}): Bird has no such channel in that workspace`;
      }
      return '';
    },
  };
}

/**
 * Checks a Bird access key and channel with one call, `GET /workspaces/{ws}/channels/{ch}`: 200
 * means both are right (a channel that is not WhatsApp is named as a problem); 401 a bad key;
 * 403 a key whose policy does not reach the workspace; 404 a wrong workspace or channel id.
 * Always resolves: a failure is a report with a problem that says what to do.
 */
export async function verifyBirdCredentials(
  client: MessageBirdClient,
  workspaceId: string,
  channelId: string,
): Promise<CredentialsReport> {
  let channel: BirdChannel;
  try {
    channel = await client.request({
      method: 'GET',
      path: birdChannelPath(workspaceId, channelId),
      schema: BirdChannel,
    });
  } catch (error) {
    if (error instanceof MessageBirdApiError && (error.status === 401 || error.status === 403)) {
      return {
        ok: false,
        accessKey: 'invalid',
        channel: 'unknown',
        problems: [
          error.status === 401
            ? 'Bird refused the access key: copy an access key of your workspace (Bird: Settings → Security → Access keys) into accessKey'
            : `Bird refused the access key for workspace ${workspaceId} (403): give the key an access policy that allows the Channels API there, or check workspaceId`,
        ],
      };
    }
    if (error instanceof MessageBirdApiError && error.status === 404) {
      return {
        ok: false,
        accessKey: 'valid',
        channel: 'not-found',
        problems: [
          `Bird has no channel ${channelId} in workspace ${workspaceId}: check workspaceId (the id in app.bird.com/workspaces/<id>/…) and channelId (Channels → WhatsApp)`,
        ],
      };
    }
    return {
      ok: false,
      accessKey: 'unknown',
      channel: 'unknown',
      problems: [`Bird could not be asked (${reasonOf(error)}): check apiBaseUrl and the network`],
    };
  }
  const problems: string[] = [];
  const platform = channel.platformId ?? '';
  if (platform !== '' && !/whatsapp/i.test(platform)) {
    problems.push(
      `channel ${channelId} is a ${platform} channel, not WhatsApp: give the id of your WhatsApp channel in channelId`,
    );
  }
  return { ok: true, accessKey: 'valid', channel: 'confirmed', problems };
}
