/** The time the sample bot plans with: the simulator's virtual clock locally, real time live. */
export interface BusinessClock {
  /** Now, epoch milliseconds. */
  now(): number;
  /** Runs `fn` at `at` (epoch milliseconds); returns the function that cancels it. */
  setTimer(at: number, fn: () => void): () => void;
}

/** Real time: `Date.now` and unref'd timeouts (re-armed past Node's 24.8-day limit). */
export const realClock: BusinessClock = {
  now: () => Date.now(),
  setTimer(at, fn) {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      const wait = at - Date.now();
      if (wait <= 0) return fn();
      handle = setTimeout(arm, Math.min(wait, 2 ** 31 - 1));
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  },
};
