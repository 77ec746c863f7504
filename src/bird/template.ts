import * as v from 'valibot';
import { NonEmpty, UUID_PATTERN } from './common.js';

/**
 * One template parameter: `{type: 'string', key: <variable name>, value}`. Source: docs.bird.com
 * channels-api/message-types/template and the messaging reference; `string` is the only type either
 * shows, so other types are passed on as given rather than refused.
 */
export const BirdTemplateParameter = v.looseObject({
  type: NonEmpty,
  key: NonEmpty,
  value: v.string('expected the value as a string'),
});

/** A template version: `latest` or the UUID of a version. */
export const BirdTemplateVersion = v.union(
  [
    v.literal('latest'),
    v.pipe(
      v.string(),
      v.regex(UUID_PATTERN, 'expected "latest" or the UUID of a template version'),
    ),
  ],
  'expected "latest" or the UUID of a template version',
);

/** A template's locale, such as `en`, `en-US` or `pt_BR`. */
export const BirdLocale = v.pipe(
  v.string('expected a locale such as en or en-US'),
  v.regex(/^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'expected a locale such as en or en-US'),
);

/**
 * A template send: `{projectId, version, locale, parameters?}`, sent as `template` with no `body`.
 * Source: message-types/template and the messaging reference, which also list `name`, `variables`
 * (a key to value map), `attachments` and `settings` (kept as given).
 *
 * @example
 * const template = v.parse(BirdTemplateSend, {
 *   projectId, version: 'latest', locale: 'en',
 *   parameters: [{ type: 'string', key: 'name', value: 'Ana' }],
 * });
 */
export const BirdTemplateSend = v.looseObject({
  projectId: NonEmpty,
  version: BirdTemplateVersion,
  locale: BirdLocale,
  parameters: v.optional(v.array(BirdTemplateParameter)),
  variables: v.optional(v.record(v.string(), v.string())),
  name: v.optional(v.string()),
});

/** A template parameter. */
export type BirdTemplateParameter = v.InferOutput<typeof BirdTemplateParameter>;
/** A template version. */
export type BirdTemplateVersion = v.InferOutput<typeof BirdTemplateVersion>;
/** A locale. */
export type BirdLocale = v.InferOutput<typeof BirdLocale>;
/** A template send. */
export type BirdTemplateSend = v.InferOutput<typeof BirdTemplateSend>;
