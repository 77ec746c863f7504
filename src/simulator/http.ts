import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { errorEnvelope, errorsFromIssues } from '../messagebird/errors.js';
import { ApiError, SIM_ERROR_CODES } from './errors.js';
import { type Logger, logError } from './logger.js';

/** The largest request body the simulator reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Answers MessageBird's error envelope. */
export function envelope(
  c: Context,
  status: ContentfulStatusCode,
  code: number,
  description: string,
  parameter: string | null = null,
): Response {
  return c.json(errorEnvelope(code, description, parameter), status);
}

/** Reads the JSON body; malformed JSON is a 400 ApiError, an empty body is `undefined`. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) {
    throw new ApiError(413, SIM_ERROR_CODES.badRequest, 'the request body is over 1 MB');
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, SIM_ERROR_CODES.badRequest, 'the request body is not valid JSON');
  }
}

/**
 * Validates with a schema; invalid input is answered 422 with codes 9 (missing) or 10 (invalid)
 * and the offending `parameter`. MessageBird answers 422 for invalid parameters in the
 * Conversations API (our reading of its SDKs' handling; the exact status is not confirmed).
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';

  /** Wraps valibot issues. */
  constructor(readonly issues: readonly v.BaseIssue<unknown>[]) {
    super('invalid request');
  }
}

/** Parses a value with a schema or throws a ValidationError. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ValidationError(result.issues);
  return result.output;
}

/**
 * Reads and validates a JSON body. `fast`, when given, recognises the body's common shapes
 * without the schema (fast-send.ts) and answers what the schema's parse would; whatever it does
 * not take goes through the schema, which makes every refusal.
 */
export async function body<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  fast?: (input: unknown) => v.InferOutput<S> | undefined,
): Promise<v.InferOutput<S>> {
  const input = await readJson(c);
  return fast?.(input) ?? validate(schema, input);
}

/**
 * Turns any thrown value into a response; never throws. An unexpected error (neither a
 * ValidationError nor an ApiError) is answered 500 in MessageBird's envelope and logged through
 * `logger` with the method, path (no query, no headers) and its stack.
 */
export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (error instanceof ValidationError) {
    if (error.issues.every((i) => i.input === undefined && (i.path?.length ?? 0) === 0)) {
      return envelope(c, 422, SIM_ERROR_CODES.missingParameter, 'the request body is required');
    }
    return c.json(errorsFromIssues(error.issues), 422);
  }
  if (error instanceof ApiError) {
    return envelope(
      c,
      error.status as ContentfulStatusCode,
      error.errorCode,
      error.message,
      error.parameter,
    );
  }
  logError(logger, `${c.req.method} ${c.req.path} failed unexpectedly; answered 500`, error);
  return envelope(c, 500, SIM_ERROR_CODES.internalError, 'Internal error in the simulator');
}

/** Page size when a list call gives no `limit`. */
export const DEFAULT_LIMIT = 20;
/** The largest `limit` a list call may ask for (our choice; MessageBird's docs say 20 for lists). */
export const MAX_LIMIT = 20;

/** Reads `?offset=&limit=`; out-of-range values are a 422 naming the parameter. */
export function pageParams(c: Context): { offset: number; limit: number } {
  const read = (name: 'offset' | 'limit', fallback: number, min: number, max: number): number => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ApiError(
        422,
        SIM_ERROR_CODES.invalidParameter,
        `${name} must be a whole number from ${min} to ${max}`,
        name,
      );
    }
    return n;
  };
  return {
    offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: read('limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
}

/** MessageBird's list envelope: `{offset, limit, count, totalCount, items}`. */
export function page<T>(all: readonly T[], offset: number, limit: number) {
  const items = all.slice(offset, offset + limit);
  return { offset, limit, count: items.length, totalCount: all.length, items };
}

/** The scheme, host and port the client called, for `href`s. */
export function baseUrl(c: Context): string {
  return new URL(c.req.url).origin;
}
