import { type Instant, toEpochMillis } from '../messagebird/instant.js';
import { type Timer, TimerHeap } from './timer-heap.js';

/** `real`: virtual now = real now + offset, timers fire in real time; `manual`: frozen until advanced. */
export type ClockMode = 'real' | 'manual';

/** Cancels a timer set with `Clock.setTimer`; calling it twice is harmless. */
export type CancelTimer = () => void;

/**
 * The simulator's business time. Windows, message timestamps and status schedules read it;
 * webhook signatures never do (they carry real `nbf`/`exp`).
 */
export interface Clock {
  /** `real` or `manual`. */
  readonly mode: ClockMode;
  /** Virtual now, epoch milliseconds. */
  now(): number;
  /**
   * Moves virtual time forward by `ms` milliseconds and fires, in time order, every timer that
   * became due; each timer sees `now()` equal to its own due time. Returns the new now.
   */
  advance(ms: number): number;
  /** Runs `fn` once virtual time reaches `at` (epoch milliseconds). */
  setTimer(at: number, fn: () => void): CancelTimer;
  /** Calls `listener` with the new now after every `advance`; returns an unsubscribe function. */
  onAdvance(listener: (now: number) => void): () => void;
  /** Cancels every timer and stops the real-time scheduler. */
  dispose(): void;
}

/** How to build a clock. */
export interface ClockOptions {
  /** `real` (default) or `manual`. */
  mode?: ClockMode;
  /** Virtual time at creation; real now by default. */
  start?: Instant;
  /** Called when a timer's callback throws; the clock carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Timers without closures, for the simulator's own use on the clocks `createClock` makes (not part
 * of `Clock`; another Clock implementation simply lacks them): `set` answers the timer itself,
 * which `cancel` takes. They are ordered, fired and cancelled exactly as `setTimer`'s.
 */
export interface TimerHandles {
  set<A>(at: number, call: (arg: A) => void, arg: A): Timer;
  cancel(timer: Timer): void;
  /** Cancels every pending timer that would call `call`. */
  cancelAll(call: (arg: never) => void): void;
}

/** Where a clock made by `createClock` keeps its `TimerHandles`. */
export const TIMER_HANDLES: unique symbol = Symbol('simulator timer handles');

/** The clock's closure-free timers, when it is one `createClock` made. */
export function timerHandlesOf(clock: Clock): TimerHandles | undefined {
  return (clock as Clock & { [TIMER_HANDLES]?: TimerHandles })[TIMER_HANDLES];
}

/** Node keeps timeouts to 32-bit milliseconds; longer waits are re-armed. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Creates a virtual clock.
 *
 * @example
 * const clock = createClock({ mode: 'manual', start: '2026-03-02T09:00:00Z' });
 * clock.setTimer(clock.now() + 1000, () => console.log('one virtual second later'));
 * clock.advance(1000);
 */
export function createClock(options: ClockOptions = {}): Clock {
  const mode: ClockMode = options.mode ?? 'real';
  const base = (): number => (mode === 'real' ? Date.now() : 0);
  let offset = (options.start === undefined ? Date.now() : toEpochMillis(options.start)) - base();
  const timers = new TimerHeap();
  let seq = 0;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const listeners = new Set<(now: number) => void>();
  const now = (): number => base() + offset;

  const run = (timer: Timer): void => {
    try {
      if (timer.call) timer.call(timer.arg);
      else timer.fn();
    } catch (error) {
      options.onError?.(error);
    }
  };

  /** Fires due timers one by one, so a timer set while firing also fires if already due. */
  const fireUntil = (target: number, moveTime: boolean): void => {
    for (;;) {
      const next = timers.peek();
      if (next === undefined || next.at > target) return;
      timers.take();
      if (moveTime && next.at > now()) offset = next.at - base();
      run(next);
    }
  };

  const arm = (): void => {
    if (handle !== undefined) clearTimeout(handle);
    handle = undefined;
    const next = timers.peek();
    if (mode !== 'real' || disposed || next === undefined) return;
    const delay = Math.min(Math.max(0, next.at - now()), MAX_TIMEOUT_MS);
    handle = setTimeout(() => {
      handle = undefined;
      fireUntil(now(), false);
      arm();
    }, delay);
    handle.unref?.();
  };

  const add = (timer: Timer): void => {
    const first = timers.peek();
    timers.push(timer);
    if (first === undefined || timer.at < first.at) arm();
  };
  const cancel = (timer: Timer): void => {
    if (timer.cancelled) return;
    const wasNext = timers.peek() === timer;
    timer.cancelled = true;
    if (wasNext) arm();
  };
  const noop = (): void => {};
  const handles: TimerHandles = {
    set(at, call, arg) {
      const timer: Timer = { at, seq: seq++, fn: noop, call: call as (arg: unknown) => void, arg };
      if (!disposed) add(timer);
      return timer;
    },
    cancel,
    cancelAll(call) {
      const next = timers.peek();
      timers.forEach((timer) => {
        if (timer.call === call) timer.cancelled = true;
      });
      if (next?.cancelled) arm();
    },
  };

  const clock: Clock = {
    mode,
    now,
    advance(ms: number): number {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError('advance takes a finite, non-negative number of milliseconds');
      }
      const target = now() + ms;
      fireUntil(target, true);
      offset = target - base();
      arm();
      for (const listener of listeners) listener(target);
      return target;
    },
    setTimer(at: number, fn: () => void): CancelTimer {
      // The same shape as the handles' timers, so that the heap compares one kind of object.
      const timer: Timer = { at, seq: seq++, fn, call: undefined, arg: undefined };
      if (disposed) return () => {};
      add(timer);
      return () => cancel(timer);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose(): void {
      disposed = true;
      timers.clear();
      listeners.clear();
      arm();
    },
  };
  // Not enumerable: the clock's own keys stay those of `Clock`.
  Object.defineProperty(clock, TIMER_HANDLES, { value: handles });
  return clock;
}
