import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** The most method and path pairs remembered; past it the memo starts again. */
export const MEMO_ROUTER_PATHS = 512;

/**
 * Hono's default router (RegExpRouter, else TrieRouter) with its answers remembered per method and
 * path. The simulator's routes put the TrieRouter in charge (RegExpRouter refuses
 * `/v1/conversations/start` beside `/v1/conversations/:id/messages`), whose search walks the tree
 * and builds its parameters anew on every request; a client calls the same few paths again and
 * again. Hono never changes a match result (RegExpRouter itself hands out shared ones), so one
 * result serves every request to its path. Bounded: a path with a fresh id each call only costs a
 * search, as without the memo.
 */
export class MemoRouter<T> implements Router<T> {
  readonly #inner: Router<T>;
  /** Method, then path. */
  readonly #memo = new Map<string, Map<string, Result<T>>>();
  #size = 0;

  /** Rewrites each match before it is remembered (app.ts folds the guards into the handler). */
  fold: ((result: Result<T>) => Result<T>) | undefined;

  /** Wraps `inner`, Hono's default router by default. */
  constructor(inner?: Router<T>) {
    this.#inner = inner ?? new SmartRouter<T>({ routers: [new RegExpRouter(), new TrieRouter()] });
  }

  /** The wrapped router's name. */
  get name(): string {
    return this.#inner.name;
  }

  /** Adds a route (before the first match, as Hono's routers require). */
  add(method: string, path: string, handler: T): void {
    this.#forget();
    this.#inner.add(method, path, handler);
  }

  /** The handlers and parameters for a method and path. */
  match(method: string, path: string): Result<T> {
    let byPath = this.#memo.get(method);
    let result = byPath?.get(path);
    if (result !== undefined) return result;
    result = this.#inner.match(method, path);
    if (this.fold) result = this.fold(result);
    if (this.#size >= MEMO_ROUTER_PATHS) {
      this.#forget();
      byPath = undefined;
    }
    if (!byPath) {
      byPath = new Map();
      this.#memo.set(method, byPath);
    }
    byPath.set(path, result);
    this.#size++;
    return result;
  }

  #forget(): void {
    this.#memo.clear();
    this.#size = 0;
  }
}
