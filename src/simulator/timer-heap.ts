/** A timer of the virtual clock: when it is due, in what order it was set, what it runs. */
export interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  /** Instead of `fn`: called with `arg` (the simulator's own timers, no closure each). */
  call?: (arg: unknown) => void;
  arg?: unknown;
  /** Set when cancelled; the heap drops it when it reaches the top. */
  cancelled?: boolean;
}

const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A binary min-heap of timers by due time, then by the order they were set: O(log n) to add and to
 * take the next, where a sorted array costs O(n) for each (the simulator holds a few timers per
 * message in flight, tens of thousands under load). Cancelled timers are skipped lazily.
 */
export class TimerHeap {
  #items: Timer[] = [];

  /** The next timer that is not cancelled, or undefined. */
  peek(): Timer | undefined {
    while (this.#items.length > 0 && (this.#items[0] as Timer).cancelled) this.#pop();
    return this.#items[0];
  }

  /** Removes and answers the next timer that is not cancelled. */
  take(): Timer | undefined {
    const next = this.peek();
    if (next) this.#pop();
    return next;
  }

  /** Adds a timer. */
  push(timer: Timer): void {
    const items = this.#items;
    // Sift up by moving parents down into the hole, then placing the timer once.
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent] as Timer;
      if (!before(timer, above)) break;
      items[i] = above;
      i = parent;
    }
    items[i] = timer;
  }

  /** Calls `fn` with every timer held, cancelled or not, in no particular order. */
  forEach(fn: (timer: Timer) => void): void {
    for (const timer of this.#items) fn(timer);
  }

  /** Forgets every timer. */
  clear(): void {
    this.#items = [];
  }

  #pop(): void {
    const items = this.#items;
    const last = items.pop() as Timer;
    const n = items.length;
    if (n === 0) return;
    // Sift the last timer down from the top by moving smaller children up into the hole.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(items[right] as Timer, items[left] as Timer)) child = right;
      const below = items[child] as Timer;
      if (!before(below, last)) break;
      items[i] = below;
      i = child;
    }
    items[i] = last;
  }
}
