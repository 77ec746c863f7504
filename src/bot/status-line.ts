import type { StatusValue } from '../adapter/index.js';

const MARKS: Record<string, string> = {
  accepted: '…',
  pending: '…',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓ (read)',
  failed: '✗',
  rejected: '✗',
};

/** One log line for a delivery-status event, such as `[status] ✓✓ delivered 3f2a… to +31612345678`. */
export function statusLine(status: StatusValue): string {
  const mark = MARKS[status.status] ?? '?';
  const error = status.error
    ? ` — error ${status.error.code}${status.error.description ? `: ${status.error.description}` : ''}`
    : '';
  return `[status] ${mark} ${status.status} ${status.messageId.slice(0, 8)}… to ${status.to ?? '?'}${error}`;
}
