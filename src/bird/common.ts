import * as v from 'valibot';

/** A non-empty string: ids and texts as Bird sends them. */
export const NonEmpty = v.pipe(v.string('expected a string'), v.minLength(1, 'must not be empty'));

/** A dashed UUID: Bird's organization, workspace, channel, message, contact and version ids. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 3339 as Bird writes it (`2026-11-30T09:15:00.871Z`); an offset or other fraction is read too. */
export const BIRD_TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A time on a Bird resource: `createdAt`, `updatedAt`, `lastStatusAt`. */
export const BirdTime = v.pipe(
  v.string('expected an RFC 3339 timestamp such as 2026-11-30T09:15:00.871Z'),
  v.regex(
    BIRD_TIMESTAMP_PATTERN,
    'expected an RFC 3339 timestamp such as 2026-11-30T09:15:00.871Z',
  ),
);

/** An absolute http(s) URL (media and webhook URLs). */
export const HttpUrl = v.pipe(
  v.string('expected an absolute http(s) URL'),
  v.check(
    (value) => /^https?:\/\/[^/\s]+/i.test(value) && URL.canParse(value),
    'expected an absolute http(s) URL, such as https://example.org/photo.jpg',
  ),
);
