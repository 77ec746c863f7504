import { LRUCache } from 'lru-cache';

/** How far along its life a status is; failures and deletions end it. */
const RANK: Record<string, number> = {
  accepted: 1,
  pending: 2,
  sent: 3,
  transmitted: 4,
  delivered: 5,
  read: 6,
  received: 6,
  failed: 7,
  rejected: 7,
  deleted: 8,
};

/**
 * Remembers the furthest status seen for each message, so an update that arrives after a later
 * one (`delivered` after `read`, as redeliveries can do) is marked stale. In memory per instance:
 * with several instances a stale update may go unmarked, never the other way round.
 */
export class StatusOrder {
  readonly #furthest: LRUCache<string, number>;

  constructor(max = 50_000) {
    this.#furthest = new LRUCache({ max });
  }

  /** Records `status` for the message; true when a later status was already seen. */
  isStale(messageId: string, status: string): boolean {
    const rank = RANK[status] ?? 0;
    const furthest = this.#furthest.get(messageId) ?? 0;
    if (rank < furthest) return true;
    this.#furthest.set(messageId, rank);
    return false;
  }
}
