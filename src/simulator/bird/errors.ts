import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { BIRD_ERROR_CODES, birdErrorBody, describeBirdIssues } from '../../bird/errors.js';
import { ApiError } from '../errors.js';
import { ValidationError } from '../http.js';
import { type Logger, logError } from '../logger.js';
import { BirdFieldError } from './content-in.js';

/** A failure the Bird face answers in Bird's error body `{code, message, details?}` (a reading). */
export class BirdApiError extends Error {
  override readonly name = 'BirdApiError';

  /** Creates an error with its HTTP status, Bird code and optional details. */
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 404 for a workspace, channel, message or subscription the simulator does not have. */
export const birdNotFound = (what: string): BirdApiError =>
  new BirdApiError(404, BIRD_ERROR_CODES.notFound, `${what} not found`);

/** A 422 naming one field, as a translated body or a query parameter needs. */
export const birdInvalid = (field: string, message: string): BirdApiError =>
  new BirdApiError(422, BIRD_ERROR_CODES.invalidPayload, `${field}: ${message}`, {
    [field]: [message],
  });

/** The innermost issues of unions and variants: the reasons that name the deepest field. */
function deepest(issues: readonly v.BaseIssue<unknown>[]): v.BaseIssue<unknown>[] {
  const out: v.BaseIssue<unknown>[] = [];
  for (const issue of issues) {
    const nested = issue.issues?.length ? deepest(issue.issues) : [];
    const longest = Math.max(-1, ...nested.map((i) => i.path?.length ?? 0));
    if (longest > (issue.path?.length ?? 0)) {
      out.push(...nested.filter((i) => (i.path?.length ?? 0) === longest));
    } else out.push(issue);
  }
  return out;
}

/** Valibot issues as `{field: [messages]}`, for `details`. */
function issueDetails(issues: readonly v.BaseIssue<unknown>[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of deepest(issues)) {
    const field = v.getDotPath(issue) ?? 'body';
    const message = issue.input === undefined ? 'is required' : issue.message;
    const list = details[field] ?? [];
    if (!list.includes(message)) list.push(message);
    details[field] = list;
  }
  return details;
}

/** Answers Bird's error body. */
export function birdError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown,
): Response {
  return c.json(birdErrorBody(code, message, details), status);
}

/**
 * Turns anything thrown on a Bird route into Bird's error body; never throws. A body that fails
 * its schema is 422 `InvalidPayload` naming each field (the reference's "did not pass validation";
 * the status is a reading), malformed JSON 400, an unexpected failure 500 (logged with its stack).
 */
export function birdErrorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (error instanceof BirdApiError) {
    return birdError(c, error.status, error.code, error.message, error.details);
  }
  if (error instanceof BirdFieldError) {
    return birdError(c, 422, BIRD_ERROR_CODES.invalidPayload, error.message, {
      [error.field]: [error.message.slice(error.field.length + 2)],
    });
  }
  if (error instanceof ValidationError) {
    if (error.issues.every((i) => i.input === undefined && (i.path?.length ?? 0) === 0)) {
      return birdError(c, 422, BIRD_ERROR_CODES.invalidPayload, 'the request body is required');
    }
    return birdError(
      c,
      422,
      BIRD_ERROR_CODES.invalidPayload,
      describeBirdIssues(error.issues),
      issueDetails(error.issues),
    );
  }
  if (error instanceof ApiError) {
    const code =
      error.status === 404
        ? BIRD_ERROR_CODES.notFound
        : error.status >= 500
          ? BIRD_ERROR_CODES.internal
          : BIRD_ERROR_CODES.invalidPayload;
    return birdError(c, error.status as ContentfulStatusCode, code, error.message);
  }
  logError(logger, `${c.req.method} ${c.req.path} failed unexpectedly; answered 500`, error);
  return birdError(c, 500, BIRD_ERROR_CODES.internal, 'Internal error in the simulator');
}
