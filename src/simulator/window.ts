import type { ContactRecord } from './records.js';

/**
 * True while the contact's 24-hour customer-service window on this channel is open: measured on
 * the virtual clock from the contact's last inbound message on that channel. A contact who never
 * wrote has no open window.
 */
export function isWindowOpen(
  contact: ContactRecord,
  channelId: string,
  now: number,
  windowMs: number,
): boolean {
  const last = contact.lastInboundAt[channelId];
  return last !== undefined && now - last < windowMs;
}
