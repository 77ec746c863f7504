/**
 * An open-addressing hash index from 32-bit hashes to slot numbers, for the compact in-memory
 * stores (windows, dedupe): one `Int32Array` of buckets, linear probing, and deletion by backward
 * shift, so it never fills with tombstones. It holds no keys: a store walks the buckets from
 * `home(hash)` with `next` until `slotAt` answers -1 (not there), comparing its own key at each
 * slot. Sized for at most `capacity` slots at a load of 0.71 or less: 5.6 bytes a slot (at 0.8,
 * 5 bytes, evictions took a quarter more time, probing longer runs).
 */
export class HashIndex {
  readonly #buckets: Int32Array;
  /** Buckets ÷ 2^32: a hash times this is its home bucket (no power-of-two size needed). */
  readonly #scale: number;

  constructor(capacity: number) {
    const size = Math.ceil(capacity * 1.4) + 1;
    this.#buckets = new Int32Array(size);
    this.#scale = size / 2 ** 32;
  }

  /** The first bucket to look in for `hash` (an unsigned 32-bit integer). */
  home(hash: number): number {
    return Math.floor(hash * this.#scale);
  }

  /** The bucket after `bucket`, wrapping round. */
  next(bucket: number): number {
    return bucket + 1 === this.#buckets.length ? 0 : bucket + 1;
  }

  /** The slot in `bucket`, or -1 when it is empty (where a search ends). */
  slotAt(bucket: number): number {
    return (this.#buckets[bucket] as number) - 1;
  }

  /** Files `slot` under `hash`; the slot must not be filed already. */
  add(hash: number, slot: number): void {
    const buckets = this.#buckets;
    let b = this.home(hash);
    while (buckets[b] !== 0) b = this.next(b);
    buckets[b] = slot + 1;
  }

  /**
   * Removes `slot`, filed under `hash`; `hashOf` answers the hash of any other filed slot, to move
   * the ones after it back towards their home buckets.
   */
  remove(hash: number, slot: number, hashOf: (slot: number) => number): void {
    const buckets = this.#buckets;
    let hole = this.home(hash);
    while (buckets[hole] !== slot + 1) {
      if (buckets[hole] === 0) return;
      hole = this.next(hole);
    }
    let b = hole;
    for (;;) {
      b = this.next(b);
      const filed = buckets[b] as number;
      if (filed === 0) break;
      const home = this.home(hashOf(filed - 1));
      // It may move into the hole unless its home lies cyclically in (hole, b].
      const stays = hole <= b ? home > hole && home <= b : home > hole || home <= b;
      if (!stays) {
        buckets[hole] = filed;
        hole = b;
      }
    }
    buckets[hole] = 0;
  }
}

/** Mixes a 32-bit integer's bits (MurmurHash3's finaliser); answers an unsigned 32-bit integer. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
