import { LRUCache } from 'lru-cache';
import { toMsisdn } from '../messagebird/phone.js';
import { isWindowOpen, windowClosesAt } from '../whatsapp/window.js';
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

/**
 * The in-memory window store on lru-cache. Keys are the contact's number as a JSON number (an
 * E.164 number has at most 15 digits, a safe integer), which takes about a third less memory than
 * string keys; values are the last inbound time. It answers at once, without a promise.
 *
 * @example
 * const windows = new MemoryWindowStore({ maxContacts: 1_000_000 });
 */
export class MemoryWindowStore implements WindowStore {
  readonly #cache: LRUCache<number, number>;

  constructor(options: MemoryWindowStoreOptions = {}) {
    this.#cache = new LRUCache<number, number>({ max: options.maxContacts ?? 100_000 });
  }

  recordInbound(contact: string, at: number): void {
    const key = keyOf(contact);
    const previous = this.#cache.get(key);
    if (previous === undefined || at > previous) this.#cache.set(key, at);
  }

  lastInbound(contact: string): number | undefined {
    return this.#cache.get(keyOf(contact));
  }

  close(contact: string): void {
    this.#cache.set(keyOf(contact), 0);
  }

  /** How many contacts are remembered. */
  get size(): number {
    return this.#cache.size;
  }
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
