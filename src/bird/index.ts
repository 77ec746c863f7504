/**
 * The package's `./bird` entry: Bird's Channels API (`https://api.bird.com/workspaces/{ws}/channels/{ch}/messages`)
 * as valibot schemas and TypeScript types, its webhook signing and verification, and phone numbers.
 * A schema and its type share a name (`v.parse(BirdWebhook, body)` gives a `BirdWebhook`).
 * Every export is listed here by name, most needed first; anything not listed is internal and may
 * change in any release. Shapes no public source settles are readings, each said beside its schema.
 *
 * @example
 * // verifyBirdWebhook comes from this package's `./bird` entry.
 * verifyBirdWebhook({ signature, timestamp, url, body, signingKey });
 */

// Webhook signatures: verify what Bird sends, sign what a test sends.
export {
  verifyBirdWebhook,
  signBirdWebhook,
  BirdSignatureError,
  BIRD_SIGNATURE_HEADER,
  BIRD_TIMESTAMP_HEADER,
  DEFAULT_BIRD_MAX_AGE_SECONDS,
  DEFAULT_BIRD_LEEWAY_SECONDS,
  type VerifyBirdWebhookOptions,
  type SignBirdWebhookOptions,
  type BirdSignatureFailure,
} from './signature.js';

// What webhooks carry: the envelope, its events, and the message.
export {
  BirdWebhook,
  BirdInboundWebhook,
  BirdOutboundWebhook,
  BirdInteractionWebhook,
  BirdInteraction,
  BirdWebhookEvent,
  BIRD_EVENTS,
  isBirdWebhookEvent,
  type BirdWebhookOf,
  type BirdOtherWebhook,
} from './webhook.js';
export {
  BirdChannelMessage,
  BirdMessageStatus,
  BirdDirection,
  BirdMessageContact,
  BirdConnector,
  BirdSender,
  BirdReceiver,
  BirdMessageMeta,
  BirdMessagePart,
  BIRD_MESSAGE_STATUSES,
  BIRD_FAILED_STATUSES,
  isBirdFailedStatus,
} from './message.js';

// Message bodies, by type, and their actions.
export {
  BirdBody,
  BIRD_BODY_TYPES,
  isBirdBodyType,
  captionText,
  BirdText,
  BirdImage,
  BirdImageItem,
  BirdFile,
  BirdFileItem,
  BirdList,
  BirdListItem,
  BirdLocation,
  BirdAction,
  BirdReplyAction,
  BirdPostbackAction,
  BirdCaption,
  type BirdBodyType,
  type BirdBodyOf,
  type BirdTypedBody,
  type BirdOtherBody,
} from './body.js';

// What the API takes and answers: sends, templates, subscriptions, channels, lists, errors.
export {
  BirdSendRequest,
  BirdReceiverContact,
  BirdContactIdentifier,
  BirdContactById,
  BirdReplyTo,
  BIRD_PHONE_IDENTIFIER_KEY,
} from './send.js';
export {
  BirdTemplateSend,
  BirdTemplateParameter,
  BirdTemplateVersion,
  BirdLocale,
} from './template.js';
export { BirdCreateSubscription, BirdSubscription, BirdEventFilter } from './subscription.js';
export { BirdChannel } from './channel.js';
export {
  birdListOf,
  BIRD_LIST_MAX_LIMIT,
  BIRD_LIST_DEFAULT_LIMIT,
  type BirdListPage,
} from './list.js';
export {
  BirdErrorBody,
  BIRD_ERROR_CODES,
  birdErrorBody,
  birdErrorMessage,
  describeBirdIssues,
} from './errors.js';

// Phone numbers: a WhatsApp contact's identifierValue is E.164.
export { toE164, isE164, PhoneNumberError } from './phone.js';
