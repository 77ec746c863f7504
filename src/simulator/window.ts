import { isWindowOpen } from '../whatsapp/index.js';
import type { ContactRecord } from './records.js';

/**
 * True while the contact's 24-hour customer-service window on this channel is open: WhatsApp's
 * rule (src/whatsapp `isWindowOpen`) on the virtual clock, from the contact's last inbound message
 * on that channel. A contact who never wrote has no open window. A free-form send outside it is
 * accepted, then `failed` with 470 (see lifecycle.ts), as MessageBird reports it.
 */
export function isContactWindowOpen(
  contact: ContactRecord,
  channelId: string,
  now: number,
  windowMs: number,
): boolean {
  return isWindowOpen(contact.lastInboundAt[channelId], now, windowMs);
}
