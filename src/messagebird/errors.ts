import * as v from 'valibot';
import { deepestIssues } from '../whatsapp/issues.js';

/** MessageBird's REST error codes that we use. */
export const ERROR_CODES = {
  /** Request not allowed (bad or missing access key). */
  notAllowed: 2,
  /** A required parameter is missing. */
  missingParameter: 9,
  /** A parameter has an invalid value. */
  invalidParameter: 10,
  /** The resource was not found. */
  notFound: 20,
  /** Not enough balance. */
  notEnoughCredit: 25,
} as const;

/** WhatsApp delivery failure codes carried on a failed message's `error`. */
export const DELIVERY_ERROR_CODES = {
  /** The message or its media is invalid. */
  invalidMessage: 301,
  /** The contact is not on WhatsApp. */
  notOnWhatsapp: 302,
  /** Outside the 24-hour window, only templates may be sent. */
  outsideWindow: 470,
} as const;

/** One error of the envelope. Some pages show `message` where the API sends `description`. */
export const ApiErrorItem = v.pipe(
  v.looseObject({
    code: v.number(),
    description: v.optional(v.string()),
    message: v.optional(v.string()),
    parameter: v.nullish(v.string()),
  }),
  v.transform((e) => ({
    code: e.code,
    description: e.description ?? e.message ?? '',
    parameter: e.parameter ?? null,
  })),
);

/** `{"errors":[{code, description, parameter}]}`, MessageBird's error body. */
export const ErrorEnvelope = v.looseObject({
  errors: v.pipe(v.array(ApiErrorItem), v.minLength(1)),
});

/** One error as MessageBird sends it. */
export type ApiErrorItem = v.InferOutput<typeof ApiErrorItem>;
/** An error body. */
export type ErrorEnvelope = { errors: ApiErrorItem[] };

/**
 * Builds MessageBird's error body.
 *
 * @example
 * errorEnvelope(2, 'Request not allowed (incorrect access_key)', 'access_key');
 */
export function errorEnvelope(
  code: number,
  description: string,
  parameter: string | null = null,
): ErrorEnvelope {
  return { errors: [{ code, description, parameter }] };
}

/**
 * Turns valibot issues into MessageBird errors: code 9 for a missing parameter, 10 for an invalid
 * one, with `parameter` as the dotted path (`content.text`) and a description that says what to send.
 * `under` names the field the validated value sits in, when only part of a body was validated.
 */
export function errorsFromIssues(
  issues: readonly v.BaseIssue<unknown>[],
  under?: string,
): ErrorEnvelope {
  const seen = new Set<string>();
  const errors: ApiErrorItem[] = [];
  for (const issue of deepestIssues(issues)) {
    const path = v.getDotPath(issue);
    const parameter = under === undefined ? path : path === null ? under : `${under}.${path}`;
    const missing = issue.input === undefined;
    const description = missing
      ? `${parameter ?? 'body'} is required`
      : `${parameter ?? 'body'}: ${issue.message}`;
    const key = `${parameter}|${description}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({
      code: missing ? ERROR_CODES.missingParameter : ERROR_CODES.invalidParameter,
      description,
      parameter,
    });
  }
  if (errors.length === 0) {
    errors.push({
      code: ERROR_CODES.invalidParameter,
      description: 'invalid request',
      parameter: null,
    });
  }
  return { errors };
}
