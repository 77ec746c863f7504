/** How the API client retries. */
export interface RetryOptions {
  /** Retries after the first attempt (so `retries + 1` attempts in all). */
  retries: number;
  /** The first backoff, in ms; it doubles each retry. */
  baseDelayMs: number;
  /** The longest backoff, in ms (a 429's Retry-After is honoured up to a minute). */
  maxDelayMs: number;
  /** How long one request may take before it is abandoned, in ms. */
  timeoutMs: number;
}

/** Full-jitter exponential backoff: a random wait up to `base × 2^(attempt-1)`, capped. */
export function backoffDelay(attempt: number, options: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * The wait a `Retry-After` header asks for, in ms (seconds or an HTTP date), or undefined when
 * absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Connection errors that happen before a request is written, so repeating it is safe. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error code of a fetch failure (undici puts it on `cause`). */
export function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const own = (error as { code?: unknown })?.code;
  return typeof own === 'string' ? own : undefined;
}

/** True when a fetch failed before the request could reach the server. */
export function failedBeforeSending(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && BEFORE_SENDING.has(code);
}
