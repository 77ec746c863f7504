import type { ApiErrorItem } from '../messagebird/errors.js';

/** Every `code` a `MessageBirdAdapterError` can carry; the README lists the same codes. */
export const ADAPTER_ERROR_CODES = [
  'CONFIGURATION_INVALID',
  'WINDOW_CLOSED',
  'TEMPLATE_INVALID',
  'UNSUPPORTED_ACTIVITY',
  'MESSAGEBIRD_API_ERROR',
  'RETRIES_EXHAUSTED',
  'DELIVERY_UNKNOWN',
  'NOT_SUPPORTED',
  'STORE_UNAVAILABLE',
  'INVALID_ARGUMENT',
  'ADAPTER_CLOSED',
  'UNEXPECTED_RESPONSE',
] as const;

/** A stable code of an adapter error, such as `WINDOW_CLOSED`. */
export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

/** Base class of every error the adapter throws: a stable `code` and a message that says what to do. */
export class MessageBirdAdapterError extends Error {
  override name = 'MessageBirdAdapterError';
  constructor(
    /** Stable code for programs, one of `ADAPTER_ERROR_CODES`, such as `WINDOW_CLOSED`. */
    readonly code: AdapterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * The adapter's error in `error`: itself, or the one a wrapper carries, as botbuilder-dialogs'
   * `DialogContextError` does in `error.error`, or an Error in its `cause`; undefined when none.
   *
   * @example
   * adapter.onTurnError = async (context, error) => {
   *   if (MessageBirdAdapterError.from(error)?.code === 'WINDOW_CLOSED') { ... }
   * };
   */
  static from(error: unknown): MessageBirdAdapterError | undefined {
    let current = error;
    for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
      if (current instanceof MessageBirdAdapterError) return current;
      const wrapper = current as { error?: unknown; cause?: unknown };
      current = wrapper.error instanceof Error ? wrapper.error : wrapper.cause;
    }
    return undefined;
  }
}

/** An adapter option is missing or wrong; the message names the field and the fix. */
export class ConfigurationError extends MessageBirdAdapterError {
  override name = 'ConfigurationError';
  constructor(
    /** The option's path, such as `rateLimit.perSecond`. */
    readonly field: string,
    message: string,
  ) {
    super('CONFIGURATION_INVALID', `${field}: ${message}`);
  }
}

/**
 * A free-form message to a contact outside the 24-hour customer-service window. Thrown before any
 * HTTP request; send an approved template instead.
 */
export class WindowClosedError extends MessageBirdAdapterError {
  override name = 'WindowClosedError';
  constructor(
    /** The contact's E.164 number. */
    readonly contact: string,
    /** When the window closed (ms since epoch), or undefined when no inbound message is known. */
    readonly closedAt: number | undefined,
    detail: string,
  ) {
    super(
      'WINDOW_CLOSED',
      `cannot send a free-form message to ${contact}: ${detail}. WhatsApp allows only approved templates outside the 24-hour window: send one with adapter.sendTemplate(context, { name, params }), or set window.fallbackTemplate`,
    );
  }
}

/**
 * MessageBird (or Bird) answered a request with an error that retrying will not fix (4xx other
 * than 429).
 */
export class MessageBirdApiError extends MessageBirdAdapterError {
  override name = 'MessageBirdApiError';
  /**
   * MessageBird's numeric error code of the first error (2 not allowed, 9 missing, 10 invalid, 20
   * not found…); 0 when the API gave none (Bird's codes are words, kept in the description).
   */
  readonly apiCode: number | undefined;
  /** MessageBird's description of the first error. */
  readonly description: string;
  /** The request parameter MessageBird blamed, if any. */
  readonly parameter: string | null;

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** Every error of MessageBird's envelope. */
    readonly errors: ApiErrorItem[],
    /** What was being done, such as `POST /v1/send`. */
    readonly operation: string,
    hint = '',
  ) {
    const first = errors[0];
    // Code 0: the API gave no numeric code (an unreadable body, or Bird's string codes).
    const details = [
      first?.code ? `code ${first.code}` : undefined,
      first?.parameter ? `parameter ${first.parameter}` : undefined,
    ].filter(Boolean);
    const what = first
      ? `${first.description || 'error'}${details.length ? ` (${details.join(', ')})` : ''}`
      : 'no error details';
    super(
      'MESSAGEBIRD_API_ERROR',
      `${operation} failed with HTTP ${status}: ${what}${hint ? `. ${hint}` : ''}`,
    );
    this.apiCode = first?.code;
    this.description = first?.description ?? '';
    this.parameter = first?.parameter ?? null;
  }
}

/** The API (MessageBird or Bird) kept failing (429, 5xx, connection errors) until the retries were spent. */
export class RetriesExhaustedError extends MessageBirdAdapterError {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly operation: string,
    /** How many attempts were made. */
    readonly attempts: number,
    /** The last failure. */
    readonly lastError: unknown,
  ) {
    super(
      'RETRIES_EXHAUSTED',
      `${operation} still failed after ${attempts} attempts (${describe(lastError)}): the API (MessageBird’s or Bird’s) is unavailable or rate limiting; try again later or raise retry.retries`,
      { cause: lastError },
    );
  }
}

/**
 * A send may or may not have reached MessageBird (the connection broke or timed out after the
 * request was written). The adapter does not repeat it, so a message is never sent twice.
 */
export class DeliveryUnknownError extends MessageBirdAdapterError {
  override name = 'DeliveryUnknownError';
  constructor(
    readonly operation: string,
    /**
     * The trackId sent with the message (on Bird, its `reference`): look it up in the conversation
     * (on Bird, the channel's messages) to learn its fate.
     */
    readonly trackId: string | undefined,
    cause: unknown,
  ) {
    super(
      'DELIVERY_UNKNOWN',
      `${operation}: the connection failed after the request was sent (${describe(cause)}), so MessageBird may or may not have accepted it; it was not repeated to avoid a double message${trackId ? ` (trackId ${trackId})` : ''}`,
      { cause },
    );
  }
}

/** An activity asks for something WhatsApp cannot show; `field` names the activity field. */
export class UnsupportedActivityError extends MessageBirdAdapterError {
  override name = 'UnsupportedActivityError';
  constructor(
    /** The activity field at fault, such as `suggestedActions.actions`. */
    readonly field: string,
    message: string,
  ) {
    super('UNSUPPORTED_ACTIVITY', `${field}: ${message}`);
  }
}

/** A template is unknown, badly defined, or given the wrong parameters. */
export class TemplateError extends MessageBirdAdapterError {
  override name = 'TemplateError';
  constructor(
    readonly template: string,
    message: string,
  ) {
    super('TEMPLATE_INVALID', `template ${template}: ${message}`);
  }
}

/**
 * Something WhatsApp has no equal for: editing or deleting a sent message, or a Bot Connector
 * call (attachment upload, conversation members, tokens). The message says what to do instead.
 */
export class NotSupportedError extends MessageBirdAdapterError {
  override name = 'NotSupportedError';
  constructor(
    /** What was asked, such as `updateActivity` or `connector.conversations.uploadAttachment`. */
    readonly operation: string,
    advice = 'WhatsApp cannot edit or delete a message once sent; send a new message instead',
  ) {
    super('NOT_SUPPORTED', `${operation} is not possible: ${advice}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof MessageBirdAdapterError) return error.message;
  if (error instanceof Error) {
    const code =
      (error.cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
    return code ? `${error.message} [${code}]` : error.message;
  }
  return String(error);
}

/**
 * The shared store (Redis) could not be reached. The adapter fails closed: webhooks are answered
 * 503 so MessageBird redelivers them later, and sends fail before any HTTP request.
 */
export class StoreUnavailableError extends MessageBirdAdapterError {
  override name = 'StoreUnavailableError';
  constructor(what: string, cause: unknown) {
    super(
      'STORE_UNAVAILABLE',
      `${what}: Redis did not answer (${cause instanceof Error ? cause.message : String(cause)}). The adapter fails closed: webhooks get 503 so MessageBird redelivers them, and nothing is sent until Redis is back`,
      { cause },
    );
  }
}
