import type { BirdMessageStatus } from '../../bird/message.js';
import { DELIVERY_ERROR_CODES } from '../../messagebird/errors.js';
import type { MessageRecord } from '../records.js';

/**
 * A record's status as Bird reports it. The engine's lifecycle maps one to one: `accepted`,
 * `pending` → `processing`, `sent`, `delivered`, `read`; a received message is `delivered` (as
 * Bird's inbound payloads are). A failure (our reading, no source shows which Bird reports) is
 * `delivery_failed` when WhatsApp could not reach the contact (302, not on WhatsApp) and
 * `sending_failed` when the message was refused before it went out (470 outside the 24-hour
 * window, an unknown, unapproved or wrongly filled template).
 */
export function birdStatusOf(
  message: Pick<MessageRecord, 'status' | 'direction' | 'error'>,
): BirdMessageStatus {
  switch (message.status) {
    case 'accepted':
      return 'accepted';
    case 'pending':
      return 'processing';
    case 'sent':
    case 'transmitted':
      return 'sent';
    case 'delivered':
    case 'received':
      return 'delivered';
    case 'read':
      return 'read';
    case 'failed':
    case 'rejected':
      return message.error?.code === DELIVERY_ERROR_CODES.notOnWhatsapp
        ? 'delivery_failed'
        : 'sending_failed';
    default:
      return message.direction === 'received' ? 'delivered' : 'processing';
  }
}
