import * as v from 'valibot';
import { parseDatetime } from '../messagebird/datetime.js';
import { DELIVERY_ERROR_CODES } from '../messagebird/errors.js';
import { toE164 } from '../messagebird/phone.js';
import { SignatureError } from '../messagebird/signature-error.js';
import { SIGNATURE_JWT_HEADER, verifySignatureJwt } from '../messagebird/signature-jwt.js';
import {
  LEGACY_SIGNATURE_HEADER,
  LEGACY_TIMESTAMP_HEADER,
  verifyLegacySignature,
} from '../messagebird/signature-legacy.js';
import {
  isMessageEvent,
  type WebhookPayload,
  WebhookPayload as WebhookPayloadSchema,
} from '../messagebird/webhook-payload.js';
import type { Activity } from './activity.js';
import type { DedupeStore } from './dedupe-store.js';
import { StoreUnavailableError } from './errors.js';
import { errorFields, type Logger } from './logger.js';
import type { StatusOrder } from './status-order.js';
import {
  type ChannelInfo,
  STATUS_EVENT_NAME,
  type StatusValue,
  toActivity,
} from './to-activity.js';
import { WEBHOOK_ANSWER_CODES as CODES, type WebhookAnswerCode } from './webhook-answers.js';
import type { WindowStore } from './window-store.js';

/** A webhook request, whichever HTTP framework it came through. */
export interface IncomingWebhook {
  method: string;
  /** The URL the signature is checked against. */
  url: string;
  header(name: string): string | null | undefined;
  /** The raw body. */
  body: Uint8Array;
}

/** The answer to give MessageBird. */
export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * What differs between the APIs' webhooks: how they are signed, their schema, the identity of a
 * delivery, what they say about the 24-hour window, and the activity they make. The rest of the
 * pipeline (method, JSON, duplicates, the turn, the answers) is the same for both.
 */
export interface WebhookProtocol<P> {
  /** The API's name in answers and logs: `MessageBird` or `Bird`. */
  name: string;
  /** Checks the signature; throws one that `signatureFailure` recognises. */
  verify(request: IncomingWebhook, deps: WebhookDeps<unknown>): Promise<void>;
  /** The signature failure `error` is (its message and reason), or undefined. */
  signatureFailure(error: unknown): { message: string; reason: string } | undefined;
  /** The schema of the webhook body. */
  schema: v.GenericSchema<unknown, P>;
  /** What a body must be, as logs say it, such as `a MessageBird webhook payload`. */
  describe: string;
  /** The identity of a delivery: a redelivery has the same one. */
  dedupeKey(payload: P): string;
  /**
   * Records what the webhook says about the contact's 24-hour window; what it answers (such as
   * whether the contact was new) is handed to `toActivity`.
   */
  trackWindow(payload: P, deps: WebhookDeps<unknown>): Promise<unknown>;
  /**
   * The activity the bot sees, or several run one after another, or undefined when the webhook
   * is not a turn. `tracked` is what `trackWindow` answered.
   */
  toActivity(
    payload: P,
    raw: unknown,
    channel: ChannelInfo,
    tracked?: unknown,
  ): Activity | readonly Activity[] | undefined;
  /** The event, for logs. */
  eventOf(payload: P): string;
}

/** What the pipeline needs from the adapter (made once; `L` is the bot logic `runTurn` takes). */
export interface WebhookDeps<L> {
  /** The API's webhooks; MessageBird's Conversations API when omitted. */
  // biome-ignore lint/suspicious/noExplicitAny: each API's protocol has its own payload type
  protocol?: WebhookProtocol<any>;
  signingKey: string;
  signature: { scheme: 'jwt' | 'legacy'; leewaySeconds: number; maxAgeSeconds: number };
  channel: ChannelInfo;
  windows: WindowStore;
  dedupe: DedupeStore;
  dedupeTtlMs: number;
  logger: Logger;
  /** The furthest status seen per message, to mark late updates stale. */
  statusOrder: StatusOrder;
  /**
   * Learns from MessageBird whether the contact of a new conversation has written (and when), so a
   * greeting in its `conversationUpdate` turn finds the window open. Never rejects.
   */
  learnWindow?(conversationId: string, contact: string): Promise<void>;
  /** Runs the bot's logic on an activity; rejects when the turn failed. */
  runTurn(activity: Activity, logic: L): Promise<void>;
}

/** Strict UTF-8: a body that is not is refused, not patched with replacement characters. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const answer = (
  status: number,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): WebhookResponse => ({
  status,
  body,
  headers,
});

/**
 * The webhook pipeline every entry point shares: method, signature (with a jti replay cache),
 * JSON, schema, duplicate check, window bookkeeping, translation, the turn. Answers 200 once the
 * turn is done; 401 without running the bot when the signature fails; 409 while the same delivery
 * is still being handled (MessageBird retries it later); 500 when the turn failed, so MessageBird
 * redelivers and nothing is lost.
 */
export async function handleWebhook<L>(
  request: IncomingWebhook,
  deps: WebhookDeps<L>,
  logic: L,
): Promise<WebhookResponse> {
  try {
    return await pipeline(request, deps, logic);
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    deps.logger.error('webhook deferred: the shared store is unavailable', { error: e.message });
    return answer(503, error(CODES.storeUnavailable, e.message), { 'Retry-After': '10' });
  }
}

async function pipeline<L>(
  request: IncomingWebhook,
  deps: WebhookDeps<L>,
  logic: L,
): Promise<WebhookResponse> {
  const protocol = deps.protocol ?? CONVERSATIONS_WEBHOOKS;
  if (request.method !== 'POST') {
    return answer(
      405,
      error(CODES.methodNotAllowed, `${protocol.name} webhooks are POST requests`),
      { Allow: 'POST' },
    );
  }

  try {
    await protocol.verify(request, deps);
  } catch (e) {
    const failure = protocol.signatureFailure(e);
    if (failure) {
      deps.logger.warn('webhook refused: bad signature', { reason: failure.reason });
      return answer(
        401,
        error(CODES.signatureInvalid, failure.message, { reason: failure.reason }),
      );
    }
    throw e;
  }

  let json: unknown;
  try {
    json = JSON.parse(UTF8.decode(request.body));
  } catch {
    return answer(400, error(CODES.malformedJson, 'the body is not UTF-8 JSON'));
  }
  const parsed = v.safeParse(protocol.schema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = v.getDotPath(issue) ?? 'body';
    deps.logger.warn(`webhook refused: not ${protocol.describe}`, {
      field,
      problem: issue.message,
    });
    return answer(400, error(CODES.invalidPayload, `${field}: ${issue.message}`, { field }));
  }
  const payload = parsed.output;

  const key = protocol.dedupeKey(payload);
  const claim = await deps.dedupe.claim(key, deps.dedupeTtlMs);
  if (claim === 'done') return answer(200, { status: 'duplicate' });
  if (claim === 'processing') {
    return answer(
      409,
      error(CODES.deliveryInProgress, 'the same delivery is being handled; retry later'),
      { 'Retry-After': '5' },
    );
  }

  try {
    const tracked = await protocol.trackWindow(payload, deps);
    const made = protocol.toActivity(payload, json, deps.channel, tracked);
    const activities: readonly Activity[] = made === undefined ? [] : isList(made) ? made : [made];
    for (const activity of activities) {
      if (activity.type === 'event' && activity.name === STATUS_EVENT_NAME) {
        const value = activity.value as StatusValue;
        if (deps.statusOrder.isStale(value.messageId, value.status)) value.stale = true;
      }
      await deps.runTurn(activity, logic);
    }
    await deps.dedupe.complete(key, deps.dedupeTtlMs);
    return answer(200, { status: activities.length > 0 ? 'ok' : 'ignored' });
  } catch (e) {
    try {
      await deps.dedupe.release(key);
    } catch {
      // The claim lapses with its time to live; the failure that matters is the one below.
    }
    if (causedBy(e, StoreUnavailableError)) throw causedBy(e, StoreUnavailableError);
    deps.logger.error(
      `the bot failed on a webhook; answering 500 so ${protocol.name} redelivers it`,
      { event: protocol.eventOf(payload), ...errorFields(e) },
    );
    return answer(
      500,
      error(CODES.turnFailed, 'the bot failed to handle this event; it will be retried'),
    );
  }
}

async function verify(request: IncomingWebhook, deps: WebhookDeps<unknown>): Promise<void> {
  const { signature } = deps;
  if (signature.scheme === 'legacy') {
    verifyLegacySignature({
      signature: request.header(LEGACY_SIGNATURE_HEADER),
      timestamp: request.header(LEGACY_TIMESTAMP_HEADER),
      url: request.url,
      body: request.body,
      signingKey: deps.signingKey,
      maxAgeSeconds: signature.maxAgeSeconds,
      leewaySeconds: signature.leewaySeconds,
    });
    return;
  }
  const claims = await verifySignatureJwt({
    jwt: request.header(SIGNATURE_JWT_HEADER),
    url: request.url,
    body: request.body,
    signingKey: deps.signingKey,
    leewaySeconds: signature.leewaySeconds,
  });
  const ttlMs = Math.max(1, (claims.exp + signature.leewaySeconds) * 1000 - Date.now() + 1000);
  // A claim is all a token id needs: any later claim of it, in progress or done, is a replay.
  if ((await deps.dedupe.claim(`jti:${claims.jti}`, ttlMs)) !== 'claimed') {
    throw new SignatureError('jti-replayed', 'this token was already used: a replayed request');
  }
}

/** MessageBird's Conversations API webhooks: signed by JWT (or the legacy scheme). */
export const CONVERSATIONS_WEBHOOKS: WebhookProtocol<WebhookPayload> = {
  name: 'MessageBird',
  verify,
  signatureFailure: (e) => (e instanceof SignatureError ? e : undefined),
  schema: WebhookPayloadSchema,
  describe: 'a MessageBird webhook payload',
  dedupeKey,
  trackWindow,
  toActivity,
  eventOf: (payload) => payload.type,
};

/** The identity of a delivery: the same event about the same thing in the same state. */
export function dedupeKey(payload: WebhookPayload): string {
  if (isMessageEvent(payload))
    return `${payload.type}:${payload.message.id}:${payload.message.status}`;
  const c = payload.conversation;
  return `${payload.type}:${c.id}:${c.status}:${c.updatedDatetime ?? c.createdDatetime}`;
}

/**
 * An inbound message opens the contact's window; a 470 failure closes it. A new conversation
 * comes before the message that opened it (`conversation.created`, then `message.created`), and
 * its payload does not say who opened it: the contact, writing, or the business, sending. So the
 * window is learnt from MessageBird first (`learnWindow`), and a greeting in `onMembersAdded`
 * finds it open when the contact has written.
 */
async function trackWindow(payload: WebhookPayload, deps: WebhookDeps<unknown>): Promise<void> {
  if (!isMessageEvent(payload)) {
    const phone = phoneOf(payload.contact?.msisdn);
    if (payload.type === 'conversation.created' && phone && deps.learnWindow) {
      await deps.learnWindow(payload.conversation.id, phone);
    }
    return;
  }
  const { message } = payload;
  const phone = phoneOf(
    message.direction === 'received' ? message.from : message.to,
    payload.contact?.msisdn,
  );
  if (!phone) return;
  if (payload.type === 'message.created' && message.direction === 'received') {
    await deps.windows.recordInbound(
      phone,
      Math.min(parseDatetime(message.createdDatetime).getTime(), Date.now()),
    );
  } else if (message.error?.code === DELIVERY_ERROR_CODES.outsideWindow) {
    await deps.windows.close(phone);
  }
}

function phoneOf(...candidates: (string | number | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined || candidate === '') continue;
    try {
      return toE164(candidate);
    } catch {
      // not a phone number; try the next
    }
  }
  return undefined;
}

function isList(made: Activity | readonly Activity[]): made is readonly Activity[] {
  return Array.isArray(made);
}

/** The error itself or the first in its `cause` chain that is of the class. */
function causedBy<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

function error(code: WebhookAnswerCode, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}
