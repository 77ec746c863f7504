import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one call into the crypto library per 256 ids, not per id. */
const pool = Buffer.alloc(4096);
let offset = pool.length;

/** A new MessageBird-shaped id: 32 lowercase hex characters. */
export function newId(): string {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 16);
  offset += 16;
  return id;
}
