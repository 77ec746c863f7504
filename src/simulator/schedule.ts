import { SimulatorError } from './errors.js';

/**
 * When each status follows an outbound message, in virtual milliseconds after it was accepted.
 * `read: null` stops at `delivered`. `failed` is when a message that cannot be delivered (outside
 * the window, not on WhatsApp, bad template) turns `failed`.
 */
export interface StatusSchedule {
  /** `accepted` → `pending`; 0 (immediately) by default. */
  pending: number;
  /** → `sent`; 1 s by default. */
  sent: number;
  /** → `delivered`; 2 s by default. */
  delivered: number;
  /** → `read`; 5 s by default, `null` for never. */
  read: number | null;
  /** → `failed`; 1 s by default. */
  failed: number;
}

/** The default schedule: pending at once, sent +1 s, delivered +2 s, read +5 s, failed +1 s. */
export const DEFAULT_SCHEDULE: StatusSchedule = {
  pending: 0,
  sent: 1000,
  delivered: 2000,
  read: 5000,
  failed: 1000,
};

/** Fills a partial schedule with defaults and checks that the steps come in order. */
export function resolveSchedule(partial: Partial<StatusSchedule> = {}): StatusSchedule {
  const schedule = { ...DEFAULT_SCHEDULE, ...partial };
  const steps = [schedule.pending, schedule.sent, schedule.delivered];
  if (schedule.read !== null) steps.push(schedule.read);
  const finite = [...steps, schedule.failed].every((n) => Number.isFinite(n) && n >= 0);
  const ordered = steps.every((n, i) => i === 0 || n >= (steps[i - 1] as number));
  if (!finite || !ordered || schedule.failed < schedule.pending) {
    throw new SimulatorError(
      'SIMULATOR_INVALID_OPTIONS',
      'options.schedule: give non-negative milliseconds with pending ≤ sent ≤ delivered ≤ read and pending ≤ failed',
    );
  }
  return schedule;
}
