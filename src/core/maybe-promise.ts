/** A value now, or a promise of it: in-memory stores answer at once, Redis ones later. */
export type MaybePromise<T> = T | Promise<T>;
