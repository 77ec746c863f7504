import * as v from 'valibot';
import { Datetime } from './datetime.js';
import { NonEmptyString } from './ids.js';

/** An msisdn as MessageBird sends it: usually a JSON number (`31612345678`), sometimes a string. */
export const Msisdn = v.union(
  [v.pipe(v.number(), v.integer(), v.minValue(1)), v.pipe(v.string(), v.regex(/^\+?\d{4,15}$/))],
  'msisdn must be a number such as 31612345678',
);

/** `customDetails` / `attributes`: an object, `null`, or (from some PHP captures) an empty array. */
const Details = v.nullish(
  v.union([v.record(v.string(), v.unknown()), v.pipe(v.array(v.unknown()), v.length(0))]),
);

const OptionalText = v.nullish(v.string());

/** A contact as MessageBird sends it; first and last names and `href` may be `""` or `null`. */
export const Contact = v.looseObject({
  id: NonEmptyString,
  href: OptionalText,
  msisdn: v.nullish(Msisdn),
  displayName: OptionalText,
  firstName: OptionalText,
  lastName: OptionalText,
  customDetails: Details,
  attributes: Details,
  createdDatetime: v.optional(Datetime),
  updatedDatetime: v.optional(Datetime),
});

/** A parsed contact. */
export type Contact = v.InferOutput<typeof Contact>;
