import * as v from 'valibot';

/** RFC 3339 timestamp as MessageBird writes it: `Z` or an offset, 0 to 9 fractional digits. */
export const DATETIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A MessageBird timestamp such as `2026-01-31T12:00:00Z` or `2026-01-31T12:00:00.123456789Z`. */
export const Datetime = v.pipe(
  v.string(),
  v.regex(DATETIME_PATTERN, 'expected an RFC 3339 timestamp such as 2026-01-31T12:00:00Z'),
);

/** Parses a MessageBird timestamp into a Date (fractions beyond milliseconds are truncated). */
export function parseDatetime(value: string): Date {
  if (!DATETIME_PATTERN.test(value)) {
    throw new TypeError(`"${value}" is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z`);
  }
  const truncated = value.replace(/(\.\d{3})\d+/, '$1');
  return new Date(truncated);
}

/**
 * Formats an instant the way MessageBird does: UTC with `Z`, and either no fraction (`0`, as on
 * `createdDatetime`) or nine fractional digits (`9`, as on `updatedDatetime`).
 */
export function formatDatetime(instant: Date | number, fractionDigits: 0 | 9 = 0): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // The same few instants recur (a contact's and a conversation's times on every payload about
  // them): a small direct-mapped cache of formatted instants.
  const slot = ms & (CACHE_SIZE - 1);
  let iso = cachedIso[slot] as string;
  if (cachedMs[slot] !== ms) {
    iso = new Date(ms).toISOString();
    cachedMs[slot] = ms;
    cachedIso[slot] = iso;
  }
  if (fractionDigits === 0) return `${iso.slice(0, 19)}Z`;
  return `${iso.slice(0, 23)}000000Z`;
}

const CACHE_SIZE = 256;
const cachedMs = new Float64Array(CACHE_SIZE).fill(Number.NaN);
const cachedIso: string[] = new Array(CACHE_SIZE).fill('');
