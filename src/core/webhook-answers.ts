/**
 * The `code` of every error answer the adapter gives a webhook, in its JSON body
 * `{ "error": { "code", "message" } }`. MessageBird redelivers a webhook answered 5xx or 409, so
 * nothing is lost while the cause is fixed.
 */
export const WEBHOOK_ANSWER_CODES = {
  /** 405: the request was not a POST (the answer carries `Allow: POST`). */
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** 401: the signature is missing, wrong, expired or replayed (`reason` says which); bot not run. */
  signatureInvalid: 'SIGNATURE_INVALID',
  /** 400: the body is not UTF-8 JSON. */
  malformedJson: 'MALFORMED_JSON',
  /** 400: the JSON is not a MessageBird webhook payload (`field` names the first wrong field). */
  invalidPayload: 'INVALID_PAYLOAD',
  /** 409: the same delivery is being handled right now (`Retry-After`); MessageBird retries it. */
  deliveryInProgress: 'DELIVERY_IN_PROGRESS',
  /** 500: the bot threw on the event; the adapter logged its stack and MessageBird redelivers. */
  turnFailed: 'TURN_FAILED',
  /** 503: the shared store (Redis) did not answer (`Retry-After`); MessageBird redelivers. */
  storeUnavailable: 'STORE_UNAVAILABLE',
  /** 413: the body is larger than the `maxBodyBytes` option. */
  bodyTooLarge: 'BODY_TOO_LARGE',
  /** 400: the connection broke before the whole body was read. */
  bodyAborted: 'BODY_ABORTED',
  /**
   * 500: a body parser consumed the raw body before the adapter, so the signature cannot be
   * checked: mount the route before JSON parsers, or keep the raw bytes in `req.rawBody`.
   */
  rawBodyUnavailable: 'RAW_BODY_UNAVAILABLE',
  /** 500: the adapter failed unexpectedly (logged with its stack); MessageBird redelivers it. */
  internal: 'INTERNAL',
} as const;

/** The `code` of a webhook error answer, such as `SIGNATURE_INVALID`. */
export type WebhookAnswerCode = (typeof WEBHOOK_ANSWER_CODES)[keyof typeof WEBHOOK_ANSWER_CODES];
