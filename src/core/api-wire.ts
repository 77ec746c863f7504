import type { OutboundActivity } from './activity.js';
import type { CredentialsReport } from './credentials.js';
import type { ApiName } from './options.js';
import type { TemplateSend } from './templates.js';
import type { WebhookProtocol } from './webhook-handler.js';

/**
 * One API as the core drives it: how an activity becomes that API's sends, how templates are
 * built, how a send goes out, how credentials are checked and how webhooks read. The window, the
 * fallback template, the limiter, per-contact order, retries, duplicates and stores are the core's,
 * the same for every API. `P` is a part of a message (one send); `R` a validated send request.
 */
export interface ApiWire<P, R> {
  /** Which API this is. */
  readonly api: ApiName;
  /** The API's webhooks. */
  readonly webhooks: WebhookProtocol<unknown>;
  /**
   * The parts a `message` activity is sent as, in order; an activity WhatsApp cannot show throws
   * an UnsupportedActivityError naming its field. Pure.
   */
  parts(activity: OutboundActivity): P[];
  /** True when the part is an approved template (allowed outside the 24-hour window). */
  isTemplate(part: P): boolean;
  /** The part of an approved template (the fallback outside the window); checks the params. */
  templatePart(send: TemplateSend): P;
  /** The text a template send renders to; checks the template and params before any request. */
  templateText(send: TemplateSend): string;
  /**
   * The request of one part to `to` (E.164), checked against the API's schema: a part the API
   * would refuse throws an UnsupportedActivityError naming `message part {index}`, before any
   * request is made.
   */
  prepare(part: P, to: string, index: number): R;
  /** Sends one request; answers the API's message id. `conversationId` helps find a broken send. */
  send(request: R, conversationId: string | undefined): Promise<string>;
  /** Checks the access key and the channel; always resolves with a report. */
  verifyCredentials(): Promise<CredentialsReport>;
  /** The conversation id of a contact's proactive turns (`createConversationAsync`). */
  conversationIdFor(phone: string): string;
  /** Stops the client's limiter. */
  close(): Promise<void>;
}
