import * as v from 'valibot';
import { deepestIssues } from '../whatsapp/issues.js';

/**
 * An error body of the Channels API (a reading). Bird's reference names the answers ("the request
 * did not pass validation", "conflicting conditions", 401 for a bad key) but no stored copy shows a
 * body, and one code base reads `message` or `error.message`. So: `{code?, message, details?}` and
 * `{error: {code?, message}}` are read; the simulator answers `{code, message, details?}`.
 */
export const BirdErrorBody = v.union([
  v.looseObject({
    code: v.optional(v.union([v.string(), v.number()])),
    message: v.string(),
    details: v.optional(v.unknown()),
  }),
  v.looseObject({
    error: v.looseObject({
      code: v.optional(v.union([v.string(), v.number()])),
      message: v.string(),
    }),
  }),
]);

/** An error body. */
export type BirdErrorBody = v.InferOutput<typeof BirdErrorBody>;

/**
 * The error codes the simulator answers with (a reading, `code` of `{code, message, details?}`),
 * one per answer the reference names.
 */
export const BIRD_ERROR_CODES = {
  /** 400 or 422: the request did not pass validation. */
  invalidPayload: 'InvalidPayload',
  /** 401: no key, or a key Bird does not know. */
  unauthorized: 'Unauthorized',
  /** 403: the key's access policy does not allow the call. */
  forbidden: 'Forbidden',
  /** 404: no such workspace, channel, message or subscription. */
  notFound: 'NotFound',
  /** 409: creating the message was not possible because of conflicting conditions. */
  conflict: 'Conflict',
  /** 429: over the workspace's rate limit; not processed, retry later. */
  tooManyRequests: 'TooManyRequests',
  /** 5xx: Bird's own failure. */
  internal: 'InternalServerError',
} as const;

/**
 * Builds an error body in the shape the simulator answers with.
 *
 * @example
 * birdErrorBody('NotFound', 'channel not found'); // { code: 'NotFound', message: 'channel not found' }
 */
export function birdErrorBody(
  code: string,
  message: string,
  details?: unknown,
): { code: string; message: string; details?: unknown } {
  return details === undefined ? { code, message } : { code, message, details };
}

/**
 * The human message of a Bird error body, whichever form it came in, or undefined when the JSON
 * is no error body we know.
 *
 * @example
 * birdErrorMessage({ error: { message: 'invalid access key' } }); // 'invalid access key'
 */
export function birdErrorMessage(json: unknown): string | undefined {
  const parsed = v.safeParse(BirdErrorBody, json);
  if (!parsed.success) return undefined;
  const body = parsed.output as { message?: unknown; error?: { message?: unknown } };
  const message = typeof body.message === 'string' ? body.message : body.error?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Valibot issues as one line per field, `field: what is wrong`, the deepest reason of a union
 * (for error messages and the simulator's `details`).
 *
 * @example
 * const result = v.safeParse(BirdSendRequest, body);
 * if (!result.success) throw new Error(describeBirdIssues(result.issues));
 */
export function describeBirdIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const lines = new Set<string>();
  for (const issue of deepestIssues(issues)) {
    const path = v.getDotPath(issue);
    const field = path ?? 'body';
    lines.add(issue.input === undefined ? `${field} is required` : `${field}: ${issue.message}`);
  }
  return [...lines].join('; ');
}
