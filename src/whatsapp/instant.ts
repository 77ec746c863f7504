/** A moment as callers give it: a Date, epoch milliseconds, or an RFC 3339 string. */
export type Instant = Date | number | string;

/**
 * Epoch milliseconds of an instant. A number below 1e11 is read as epoch seconds (1e11 ms is in
 * 1973, 1e11 s in the year 5138), so `now: 1625479200` and `now: 1625479200000` mean the same.
 */
export function toEpochMillis(instant: Instant): number {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'number') ms = Math.abs(instant) < 1e11 ? instant * 1000 : instant;
  else ms = Date.parse(instant);
  if (!Number.isFinite(ms)) {
    throw new TypeError('now must be a Date, epoch milliseconds or an RFC 3339 timestamp');
  }
  return ms;
}
