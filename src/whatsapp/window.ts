/**
 * WhatsApp's customer-service window: a business may send free-form messages to a contact only
 * within 24 hours of the contact's last inbound message; outside it, only approved templates.
 * source: messagebird-facts.md (Templates; Errors: 470 outside the 24-hour window).
 */

/** The customer-service window, 24 hours in milliseconds. source: WhatsApp's 24-hour rule. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * True while the window is open at `now`: the contact wrote at `lastInbound` (ms since the epoch)
 * and less than `windowMs` has passed since, so it closes at exactly 24 hours (our reading: the
 * window is the half-open interval [lastInbound, lastInbound + 24 h)). A contact who never wrote
 * (`undefined`) has no open window. source: messagebird-facts.md (free-form only within 24 hours).
 */
export function isWindowOpen(
  lastInbound: number | undefined,
  now: number,
  windowMs: number = WINDOW_MS,
): boolean {
  return lastInbound !== undefined && now - lastInbound < windowMs;
}

/** When the window opened by an inbound message at `lastInbound` closes (ms since the epoch). */
export function windowClosesAt(lastInbound: number, windowMs: number = WINDOW_MS): number {
  return lastInbound + windowMs;
}
