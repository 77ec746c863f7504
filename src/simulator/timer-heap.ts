/** A timer of the virtual clock: when it is due, in what order it was set, what it runs. */
export interface Timer {
  at: number;
  seq: number;
  fn: () => void;
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
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Timer, items[parent] as Timer)) break;
      [items[i], items[parent]] = [items[parent] as Timer, items[i] as Timer];
      i = parent;
    }
  }

  /** Forgets every timer. */
  clear(): void {
    this.#items = [];
  }

  #pop(): void {
    const items = this.#items;
    const last = items.pop() as Timer;
    if (items.length === 0) return;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left] as Timer, items[smallest] as Timer))
        smallest = left;
      if (right < items.length && before(items[right] as Timer, items[smallest] as Timer))
        smallest = right;
      if (smallest === i) return;
      [items[i], items[smallest]] = [items[smallest] as Timer, items[i] as Timer];
      i = smallest;
    }
  }
}
