import type { WebhookResponse } from './webhook-handler.js';

/**
 * A webhook handed to an adapter in process, as the simulator's `fetch` is called with it: the
 * URL, the method, the headers and the body a Request would carry, without making one.
 */
export interface InProcessWebhook {
  method: string;
  url: string;
  headers: HeadersInit | undefined;
  body: string | Uint8Array | null | undefined;
}

/** Runs a webhook through an adapter's pipeline, as `handle` does for a Request. */
// biome-ignore lint/suspicious/noExplicitAny: the front's bot logic, either SDK's
export type InProcessEntry = (webhook: InProcessWebhook, logic: any) => Promise<WebhookResponse>;

const entries = new WeakMap<object, InProcessEntry>();

/**
 * Lets the test kit hand webhooks to `adapter` in memory: the same pipeline as `handle` (body
 * limit, signature, schema, duplicates, the turn) without a Request's web streams and abort
 * signals, nor the Response's. Not part of the adapter's own face.
 */
export function offerInProcess(adapter: object, entry: InProcessEntry): void {
  entries.set(adapter, entry);
}

/** The in-process entry of an adapter, if it offers one. */
export function inProcessEntry(adapter: object): InProcessEntry | undefined {
  return entries.get(adapter);
}
