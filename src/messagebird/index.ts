/**
 * The package's `./messagebird` entry: MessageBird's Conversations API as
 * valibot schemas and TypeScript types, webhook signing and verification, and phone numbers.
 * A schema and its type share a name (`v.parse(WebhookPayload, body)` gives a `WebhookPayload`).
 * Every export is listed here by name, most needed first; anything not listed is internal and may
 * change in any release.
 *
 * @example
 * // verifySignatureJwt comes from this package's `./messagebird` entry.
 * await verifySignatureJwt({ jwt, url, body, signingKey });
 */

// Webhook signatures: verify what MessageBird sends, sign what a test sends.
export {
  verifySignatureJwt,
  signSignatureJwt,
  SIGNATURE_JWT_HEADER,
  SIGNATURE_JWT_ALGORITHMS,
  SIGNATURE_JWT_ISSUER,
  DEFAULT_LEEWAY_SECONDS,
  type VerifySignatureJwtOptions,
  type SignSignatureJwtOptions,
  type SignatureJwtClaims,
  type SignatureJwtAlgorithm,
} from './signature-jwt.js';
export { SignatureError, type SignatureFailure } from './signature-error.js';
// The older scheme: `MessageBird-Signature` with `MessageBird-Request-Timestamp`.
export {
  verifyLegacySignature,
  signLegacySignature,
  LEGACY_SIGNATURE_HEADER,
  LEGACY_TIMESTAMP_HEADER,
  DEFAULT_LEGACY_MAX_AGE_SECONDS,
  type VerifyLegacySignatureOptions,
} from './signature-legacy.js';

// What webhooks carry: the payload, its message, contact and conversation.
export {
  WebhookPayload,
  MessageWebhookPayload,
  ConversationWebhookPayload,
  WebhookEvent,
  WEBHOOK_EVENTS,
  isMessageEvent,
} from './webhook-payload.js';
export {
  Message,
  MessageStatus,
  MessageDirection,
  MessageError,
  MESSAGE_STATUSES,
  isMessageType,
  type MessageOfType,
} from './message.js';
export {
  MESSAGE_TYPES,
  OUTBOUND_MESSAGE_TYPES,
  Location,
  Media,
  WhatsappOrder,
  WhatsappText,
  type MessageType,
  type OutboundMessageType,
} from './content.js';
export { Contact } from './contact.js';
export { Conversation, ConversationStatus } from './conversation.js';

// What the API takes and answers: sends, templates (HSM), interactive messages, webhooks, errors.
export {
  SendRequest,
  SendResponse,
  StartConversationRequest,
  ReplyRequest,
  UpdateConversationRequest,
  type OutboundContent,
} from './requests.js';
export { Hsm, HsmParam, HsmComponent } from './hsm.js';
export {
  OutboundInteractive,
  InteractiveButtons,
  InteractiveList,
  InteractiveReply,
  INTERACTIVE_LIMITS,
} from './interactive.js';
export { Webhook, CreateWebhookRequest, UpdateWebhookRequest } from './webhook.js';
export { ErrorEnvelope, ApiErrorItem, ERROR_CODES, DELIVERY_ERROR_CODES } from './errors.js';

// Phone numbers (E.164 and MessageBird's digits-only MSISDN) and MessageBird's timestamps.
export { toE164, toMsisdn, isE164, PhoneNumberError } from './phone.js';
export { parseDatetime, formatDatetime } from './datetime.js';
