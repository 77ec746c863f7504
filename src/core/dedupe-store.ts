import { HashIndex, mix32 } from './hash-index.js';
import type { MaybePromise } from './maybe-promise.js';

/** What a claim found: new (`claimed`), being handled elsewhere (`processing`), or handled (`done`). */
export type ClaimResult = 'claimed' | 'processing' | 'done';

/**
 * Remembers webhook deliveries and token ids so duplicates run the bot once and replayed tokens
 * are refused. In memory by default; Redis when instances share it. Methods may answer at once
 * or with a promise; the adapter awaits both.
 */
export interface DedupeStore {
  /** Claims `key` for `ttlMs`; says whether it was new, in progress, or done. */
  claim(key: string, ttlMs: number): MaybePromise<ClaimResult>;
  /** Marks a claimed key done, for `ttlMs`. */
  complete(key: string, ttlMs: number): MaybePromise<void>;
  /** Forgets a claim whose handling failed, so a redelivery is handled again. */
  release(key: string): MaybePromise<void>;
}

/** Options of the in-memory store. */
export interface MemoryDedupeStoreOptions {
  /** The most keys remembered; the oldest claims are forgotten first. 50 000 by default. */
  max?: number;
}

/** Slots made at first; they double as keys come, up to `max`. */
const FIRST_CAPACITY = 1024;
/** The most key shapes given a number of their own; keys of other shapes are kept as they are. */
const MAX_SHAPES = 4096;
/** A slot's tag: no key; a key kept as a string (in `#strings`); from 2, a key's shape × 2. */
const EMPTY = 0;
const STRING_KEY = 2;
/** The tag's lowest bit: the key is done (else in progress). */
const DONE = 1;

/**
 * The in-memory dedupe store, with a time to live per key. It answers at once. Keys are kept
 * compact: the adapter's keys carry a message id or a token id (32 hex digits, or a dashed UUID),
 * kept as its 16 bytes, and the rest of the key (such as `message.created:…:received`) as the
 * number of its shape; with the state and the expiry (in whole seconds, rounded up), a key takes
 * about 27 bytes (an lru-cache of string keys took 480). Keys of another form are kept as they
 * are. When `max` keys are held, a new one takes the place of the oldest claim.
 *
 * @example
 * const dedupe = new MemoryDedupeStore({ max: 10_000 });
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #max: number;
  /** Each slot's id, four 32-bit words (for a string key: its hash, then zeros). */
  #ids: Uint32Array;
  /** Each slot's tag: shape and state. */
  #tags: Uint16Array;
  /** When each slot's key expires, in whole seconds after `#epoch`. */
  #expires: Uint32Array;
  /** The slot the next new key goes into: the oldest claim once the slots are all used. */
  #next = 0;
  #index: HashIndex;
  /** The keys kept as strings, by slot. */
  readonly #strings = new Map<number, string>();
  /** The key shapes with a number, by their lengths before and after the id and its form. */
  readonly #shapes = new Map<number, { before: string; after: string; tag: number }[]>();
  #shapeCount = 0;
  readonly #epoch = performance.now();
  readonly #hashOfSlot = (slot: number) => this.#slotHash(slot);
  /** The key being looked at, as `#encode` left it: its tag (state bit clear), id words, hash. */
  #tag = EMPTY;
  #w0 = 0;
  #w1 = 0;
  #w2 = 0;
  #w3 = 0;
  #hash = 0;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const max = options.max ?? 50_000;
    if (!Number.isSafeInteger(max) || max < 1 || max > 0x7fffffff) {
      throw new RangeError(`max must be a whole number from 1, not ${max}`);
    }
    this.#max = max;
    const capacity = Math.min(max, FIRST_CAPACITY);
    this.#ids = new Uint32Array(capacity * 4);
    this.#tags = new Uint16Array(capacity);
    this.#expires = new Uint32Array(capacity);
    this.#index = new HashIndex(capacity);
  }

  claim(key: string, ttlMs: number): ClaimResult {
    const slot = this.#find(key);
    if (slot >= 0) return ((this.#tags[slot] as number) & DONE) === DONE ? 'done' : 'processing';
    this.#add(key, this.#tag, ttlMs);
    return 'claimed';
  }

  complete(key: string, ttlMs: number): void {
    const slot = this.#find(key);
    if (slot < 0) this.#add(key, this.#tag | DONE, ttlMs);
    else {
      this.#tags[slot] = (this.#tags[slot] as number) | DONE;
      this.#expires[slot] = this.#expiry(ttlMs);
    }
  }

  release(key: string): void {
    const slot = this.#find(key);
    if (slot >= 0) this.#forget(slot);
  }

  /** Encodes `key` (into `#tag`, the id words and `#hash`) and answers its live slot, or -1. */
  #find(key: string): number {
    this.#encode(key);
    const tag = this.#tag;
    const w0 = this.#w0;
    const w1 = this.#w1;
    const w2 = this.#w2;
    const w3 = this.#w3;
    const index = this.#index;
    const ids = this.#ids;
    const tags = this.#tags;
    for (let b = index.home(this.#hash); ; b = index.next(b)) {
      const slot = index.slotAt(b);
      if (slot < 0) return -1;
      if (((tags[slot] as number) & ~DONE) !== tag) continue;
      const at = slot * 4;
      if (ids[at] !== w0 || ids[at + 1] !== w1 || ids[at + 2] !== w2 || ids[at + 3] !== w3) {
        continue;
      }
      if (tag === STRING_KEY && this.#strings.get(slot) !== key) continue;
      if (this.#now() >= (this.#expires[slot] as number) * 1000) {
        this.#forget(slot);
        return -1;
      }
      return slot;
    }
  }

  /** Holds the key `#encode` left, with `tag`, for `ttlMs`, in the next slot. */
  #add(key: string, tag: number, ttlMs: number): void {
    if (this.#next === this.#tags.length) {
      if (this.#tags.length < this.#max) this.#grow();
      else this.#next = 0;
    }
    const slot = this.#next++;
    if (this.#tags[slot] !== EMPTY) this.#forget(slot);
    const at = slot * 4;
    this.#ids[at] = this.#w0;
    this.#ids[at + 1] = this.#w1;
    this.#ids[at + 2] = this.#w2;
    this.#ids[at + 3] = this.#w3;
    this.#tags[slot] = tag;
    this.#expires[slot] = this.#expiry(ttlMs);
    if ((tag & ~DONE) === STRING_KEY) this.#strings.set(slot, key);
    this.#index.add(this.#hash, slot);
  }

  /** Empties a slot. */
  #forget(slot: number): void {
    this.#index.remove(this.#slotHash(slot), slot, this.#hashOfSlot);
    if (((this.#tags[slot] as number) & ~DONE) === STRING_KEY) this.#strings.delete(slot);
    this.#tags[slot] = EMPTY;
  }

  /** Doubles the slots (up to `max`) and files them all in a new index. */
  #grow(): void {
    const capacity = Math.min(this.#max, this.#tags.length * 2);
    const ids = new Uint32Array(capacity * 4);
    ids.set(this.#ids);
    this.#ids = ids;
    const tags = new Uint16Array(capacity);
    tags.set(this.#tags);
    this.#tags = tags;
    const expires = new Uint32Array(capacity);
    expires.set(this.#expires);
    this.#expires = expires;
    this.#index = new HashIndex(capacity);
    for (let slot = 0; slot < this.#next; slot++) {
      if (tags[slot] !== EMPTY) this.#index.add(this.#slotHash(slot), slot);
    }
  }

  #now(): number {
    return performance.now() - this.#epoch;
  }

  /** The expiry of a key held now for `ttlMs`: whole seconds after the epoch, rounded up. */
  #expiry(ttlMs: number): number {
    return Math.min(0xffffffff, Math.ceil((this.#now() + ttlMs) / 1000));
  }

  /** The hash a slot is filed under. */
  #slotHash(slot: number): number {
    const tag = (this.#tags[slot] as number) & ~DONE;
    const ids = this.#ids;
    const at = slot * 4;
    if (tag === STRING_KEY) return ids[at] as number;
    return hashOfId(
      tag,
      ids[at] as number,
      ids[at + 1] as number,
      ids[at + 2] as number,
      ids[at + 3] as number,
    );
  }

  /**
   * Reads `key` into `#tag`, the id words and `#hash`: its first `:`-separated part that is 32
   * lower-case hex digits or a lower-case dashed UUID as 16 bytes, and the text before and after it
   * as the number of its shape (a shape with digits, such as one with a date in it, gets none);
   * else the key as a string, filed under its hash. Exact: the shape and the id give back the key.
   */
  #encode(key: string): void {
    for (let start = 0; start < key.length; ) {
      let end = key.indexOf(':', start);
      if (end < 0) end = key.length;
      const length = end - start;
      if ((length === 32 || length === 36) && this.#readId(key, start, length === 36)) {
        const tag = this.#shapeTag(key, start, end, length === 36);
        if (tag !== EMPTY) {
          this.#tag = tag;
          this.#hash = hashOfId(tag, this.#w0, this.#w1, this.#w2, this.#w3);
          return;
        }
        break;
      }
      start = end + 1;
    }
    this.#tag = STRING_KEY;
    this.#hash = hashOfString(key);
    this.#w0 = this.#hash;
    this.#w1 = 0;
    this.#w2 = 0;
    this.#w3 = 0;
  }

  /**
   * The tag of the shape of `key` around its id at [start, end): the text before, the text after
   * and the id's form. Numbers a new shape; EMPTY when it is not to have one. Compares, makes no
   * string.
   */
  #shapeTag(key: string, start: number, end: number, dashed: boolean): number {
    const after = key.length - end;
    if (start + after > 100) return EMPTY;
    const group = (start * 128 + after) * 2 + (dashed ? 1 : 0);
    const shapes = this.#shapes.get(group);
    if (shapes !== undefined) {
      for (const shape of shapes) {
        if (key.startsWith(shape.before) && key.endsWith(shape.after)) return shape.tag;
      }
    }
    if (this.#shapeCount >= MAX_SHAPES) return EMPTY;
    const before = key.slice(0, start);
    const rest = key.slice(end);
    // A digit makes it likely one of many (a date, a count): no number for such a shape.
    if (/\d/.test(before) || /\d/.test(rest)) return EMPTY;
    const tag = (++this.#shapeCount + 1) * 2;
    const shape = { before, after: rest, tag };
    if (shapes === undefined) this.#shapes.set(group, [shape]);
    else shapes.push(shape);
    return tag;
  }

  /**
   * Reads 32 hex digits (or a dashed UUID, 8-4-4-4-12) at `start` into the id words; false when
   * they are not that, in lower case.
   */
  #readId(key: string, start: number, dashed: boolean): boolean {
    let w0: number;
    let w1: number;
    let w2: number;
    let w3: number;
    if (dashed) {
      const dash = 45; // -
      if (
        key.charCodeAt(start + 8) !== dash ||
        key.charCodeAt(start + 13) !== dash ||
        key.charCodeAt(start + 18) !== dash ||
        key.charCodeAt(start + 23) !== dash
      ) {
        return false;
      }
      w0 = hexAt(key, start, 8);
      const a = hexAt(key, start + 9, 4);
      const b = hexAt(key, start + 14, 4);
      const c = hexAt(key, start + 19, 4);
      const d = hexAt(key, start + 24, 4);
      w3 = hexAt(key, start + 28, 8);
      if ((a | b | c | d) < 0) return false;
      w1 = a * 65536 + b;
      w2 = c * 65536 + d;
    } else {
      w0 = hexAt(key, start, 8);
      w1 = hexAt(key, start + 8, 8);
      w2 = hexAt(key, start + 16, 8);
      w3 = hexAt(key, start + 24, 8);
      if (w1 < 0 || w2 < 0) return false;
    }
    if (w0 < 0 || w3 < 0) return false;
    this.#w0 = w0;
    this.#w1 = w1;
    this.#w2 = w2;
    this.#w3 = w3;
    return true;
  }
}

/** Each character's value as a lower-case hex digit, or -1. */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = c;

/** The `count` (at most 8) lower-case hex digits at `at` as a number, or -1. */
function hexAt(key: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = key.charCodeAt(i);
    const digit = c < 128 ? (HEX[c] as number) : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** The hash of an id key: its shape tag and id words, each times its own odd number, mixed. */
function hashOfId(tag: number, w0: number, w1: number, w2: number, w3: number): number {
  return mix32(
    w0 ^
      Math.imul(w1, 0x9e3779b1) ^
      Math.imul(w2, 0x85ebca6b) ^
      Math.imul(w3, 0xc2b2ae35) ^
      Math.imul(tag, 0x27d4eb2f),
  );
}

/** The hash of a key kept as a string (FNV-1a, mixed). */
function hashOfString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix32(h);
}
