import { randomBytes } from 'node:crypto';

/** A new MessageBird-shaped id: 32 lowercase hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}
