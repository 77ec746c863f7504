import { ERROR_CODES } from '../messagebird/errors.js';

/**
 * Error codes the simulator answers with. MessageBird documents 2, 9, 10, 20 and 25 (see
 * ERROR_CODES); 21 ("Bad request", seen with "Channel not found") and 99 ("Internal error") come
 * from MessageBird's REST pages and SDK issues; 429 has no published body, so its code is the
 * HTTP status (our choice).
 */
export const SIM_ERROR_CODES = {
  ...ERROR_CODES,
  /** Malformed request: bad JSON, an unknown channel, a wrong method. */
  badRequest: 21,
  /** Too many requests (rate limit or injected fault). */
  tooManyRequests: 429,
  /** Internal error (injected 5xx faults and unexpected failures). */
  internalError: 99,
} as const;

/** Stable codes of the simulator's own typed errors. */
export type SimulatorErrorCode =
  | 'SIMULATOR_PERSISTENCE_CORRUPT'
  | 'SIMULATOR_PERSISTENCE_IO'
  | 'SIMULATOR_INVALID_OPTIONS'
  | 'SIMULATOR_CLOSED';

/** A simulator failure with a stable `code` and a message that says what to do. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  /** Creates an error with its stable code. */
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A failure answered over HTTP in MessageBird's error envelope. Thrown by the engine, turned into
 * a response at the edge.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  /** Creates an error with its HTTP status, MessageBird code and offending parameter. */
  constructor(
    readonly status: number,
    readonly errorCode: number,
    description: string,
    readonly parameter: string | null = null,
  ) {
    super(description);
  }
}
