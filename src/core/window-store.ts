import { toMsisdn } from '../messagebird/phone.js';
import { isWindowOpen, windowClosesAt } from '../whatsapp/window.js';
import { HashIndex, mix32 } from './hash-index.js';
import type { MaybePromise } from './maybe-promise.js';

/**
 * Where the adapter remembers each contact's last inbound message. In memory by default; Redis
 * when instances share it. Methods may answer at once or with a promise; the adapter awaits both.
 */
export interface WindowStore {
  /** Records an inbound message from `contact` (E.164) at `at` (ms since epoch); later times win. */
  recordInbound(contact: string, at: number): MaybePromise<void>;
  /**
   * The contact's last inbound time in ms; `0` when a 470 closed the window; `undefined` when the
   * store has never seen the contact.
   */
  lastInbound(contact: string): MaybePromise<number | undefined>;
  /** Closes the window, as MessageBird's 470 says it is. */
  close(contact: string): MaybePromise<void>;
}

/** Options of the in-memory store. */
export interface MemoryWindowStoreOptions {
  /** The most contacts remembered; the least recently used are forgotten first. 100 000 by default. */
  maxContacts?: number;
}

/** No slot: the end of the recency list. */
const NONE = 0xffffffff;
/** Slots made at first; they double as contacts come, up to `maxContacts`. */
const FIRST_CAPACITY = 1024;

/**
 * The in-memory window store: for each contact, its number (an E.164 number has at most 15
 * digits, a safe integer) and its last inbound time, in typed arrays, with a recency list in two
 * more and a hash index over the numbers: about 29 bytes a contact at one million (an lru-cache
 * took 89). The least recently used contact (recorded, read or closed) is forgotten first. It
 * answers at once, without a promise.
 *
 * @example
 * const windows = new MemoryWindowStore({ maxContacts: 1_000_000 });
 */
export class MemoryWindowStore implements WindowStore {
  readonly #max: number;
  /** The contact's number in each slot. */
  #keys: Float64Array;
  /** Its last inbound time in ms, 0 when closed. */
  #times: Float64Array;
  /** The recency list: the slot used before and after each, most recent at `#head`. */
  #newer: Uint32Array;
  #older: Uint32Array;
  #head = NONE;
  #tail = NONE;
  #size = 0;
  #index: HashIndex;
  readonly #hashOfSlot = (slot: number) => hashOf(this.#keys[slot] as number);

  constructor(options: MemoryWindowStoreOptions = {}) {
    const max = options.maxContacts ?? 100_000;
    if (!Number.isSafeInteger(max) || max < 1 || max >= NONE) {
      throw new RangeError(`maxContacts must be a whole number from 1, not ${max}`);
    }
    this.#max = max;
    const capacity = Math.min(max, FIRST_CAPACITY);
    this.#keys = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
    this.#newer = new Uint32Array(capacity);
    this.#older = new Uint32Array(capacity);
    this.#index = new HashIndex(capacity);
  }

  recordInbound(contact: string, at: number): void {
    const key = keyOf(contact);
    const slot = this.#find(key);
    if (slot < 0) this.#add(key, at);
    else {
      this.#touch(slot);
      if (at > (this.#times[slot] as number)) this.#times[slot] = at;
    }
  }

  lastInbound(contact: string): number | undefined {
    const slot = this.#find(keyOf(contact));
    if (slot < 0) return undefined;
    this.#touch(slot);
    return this.#times[slot];
  }

  close(contact: string): void {
    const key = keyOf(contact);
    const slot = this.#find(key);
    if (slot < 0) this.#add(key, 0);
    else {
      this.#touch(slot);
      this.#times[slot] = 0;
    }
  }

  /** How many contacts are remembered. */
  get size(): number {
    return this.#size;
  }

  #find(key: number): number {
    const index = this.#index;
    const keys = this.#keys;
    for (let b = index.home(hashOf(key)); ; b = index.next(b)) {
      const slot = index.slotAt(b);
      if (slot < 0 || keys[slot] === key) return slot;
    }
  }

  /** Remembers a new contact in a new slot, or in the least recently used one's when full. */
  #add(key: number, at: number): void {
    let slot: number;
    if (this.#size < this.#max) {
      if (this.#size === this.#keys.length) this.#grow();
      slot = this.#size++;
    } else {
      slot = this.#tail;
      this.#index.remove(hashOf(this.#keys[slot] as number), slot, this.#hashOfSlot);
      this.#unlink(slot);
    }
    this.#keys[slot] = key;
    this.#times[slot] = at;
    this.#index.add(hashOf(key), slot);
    this.#linkFirst(slot);
  }

  /** Makes `slot` the most recently used. */
  #touch(slot: number): void {
    if (slot === this.#head) return;
    this.#unlink(slot);
    this.#linkFirst(slot);
  }

  #unlink(slot: number): void {
    const newer = this.#newer[slot] as number;
    const older = this.#older[slot] as number;
    if (newer === NONE) this.#head = older;
    else this.#older[newer] = older;
    if (older === NONE) this.#tail = newer;
    else this.#newer[older] = newer;
  }

  #linkFirst(slot: number): void {
    this.#newer[slot] = NONE;
    this.#older[slot] = this.#head;
    if (this.#head === NONE) this.#tail = slot;
    else this.#newer[this.#head] = slot;
    this.#head = slot;
  }

  /** Doubles the slots (up to `maxContacts`) and files them all in a new index. */
  #grow(): void {
    const capacity = Math.min(this.#max, this.#keys.length * 2);
    const grown = <T extends Float64Array | Uint32Array>(old: T, made: T): T => {
      made.set(old);
      return made;
    };
    this.#keys = grown(this.#keys, new Float64Array(capacity));
    this.#times = grown(this.#times, new Float64Array(capacity));
    this.#newer = grown(this.#newer, new Uint32Array(capacity));
    this.#older = grown(this.#older, new Uint32Array(capacity));
    this.#index = new HashIndex(capacity);
    for (let slot = 0; slot < this.#size; slot++) {
      this.#index.add(hashOf(this.#keys[slot] as number), slot);
    }
  }
}

/** The hash of a contact's number (a safe integer): both halves, mixed. */
function hashOf(key: number): number {
  return mix32((key >>> 0) ^ mix32((key / 4294967296) >>> 0));
}

/** The contact's number as a JSON number; a fast path for `+digits`, else full normalisation. */
function keyOf(contact: string): number {
  if (contact.charCodeAt(0) === 43 /* + */) {
    const key = Number(contact.slice(1));
    if (Number.isSafeInteger(key) && key > 999_999) return key;
  }
  return Number(toMsisdn(contact));
}

/** Where a contact's window stands at a moment. */
export type WindowState =
  | { open: true; closesAt: number }
  | { open: false; closedAt: number | undefined; reason: string };

/** Reads a contact's window at `now`. `unknownContacts` says what a never-seen contact means. */
export async function windowState(
  store: WindowStore,
  contact: string,
  now: number,
  unknownContacts: 'refuse' | 'allow',
): Promise<WindowState> {
  const last = await store.lastInbound(contact);
  if (last === undefined) {
    if (unknownContacts === 'allow') return { open: true, closesAt: Number.POSITIVE_INFINITY };
    return {
      open: false,
      closedAt: undefined,
      reason:
        'no inbound message from this contact is known to this adapter (after a restart an in-memory store starts empty: share it through the redis option, or set window.unknownContacts to "allow" to let MessageBird decide)',
    };
  }
  if (last === 0) {
    return {
      open: false,
      closedAt: undefined,
      reason:
        'MessageBird reported the window closed (error 470; on Bird, a failure whose reason names the 24-hour window) and the contact has not written since',
    };
  }
  const closesAt = windowClosesAt(last);
  if (isWindowOpen(last, now)) return { open: true, closesAt };
  return {
    open: false,
    closedAt: closesAt,
    reason: `the contact last wrote at ${new Date(last).toISOString()}, more than 24 hours ago`,
  };
}
