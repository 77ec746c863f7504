import { request as httpRequest } from 'node:http';
import { afterAll, expect } from 'vitest';
import type { Logger } from '../../src/adapter/index.js';

/** Keys of the reliability suite: distinctive, so a leak anywhere is found. */
export const SECRET_KEYS = {
  accessKey: 'live_RELIABILITY_access_7f3a9c1e',
  signingKey: 'RELIABILITY_signing_2b9c4d6e',
} as const;

/** Every log line, console write and error message the suite produced, to search for keys. */
const captured: string[] = [];

/** Records text the suite produced: log lines and error messages seen by bots or tests. */
export function record(...items: unknown[]): void {
  for (const item of items) {
    if (item instanceof Error) {
      captured.push(`${item.name}: ${item.message}`, JSON.stringify(item), String(item.stack));
      if (item.cause) record(item.cause);
    } else {
      captured.push(typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
}

/** A logger that records everything it is given. */
export const recordingLogger: Logger = {
  debug: (m, d) => record(m, d ?? ''),
  info: (m, d) => record(m, d ?? ''),
  warn: (m, d) => record(m, d ?? ''),
  error: (m, d) => record(m, d ?? ''),
};

/**
 * Captures console output and process stdout/stderr writes for this test file, and after it
 * checks that neither key appeared in anything captured. Call once at the top of each file.
 */
export function guardSecrets(): void {
  const restore: (() => void)[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      record(...args);
      original.apply(console, args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  afterAll(() => {
    for (const undo of restore) undo();
    const text = captured.join('\n');
    expect(captured.length).toBeGreaterThan(0);
    expect(text).not.toContain(SECRET_KEYS.accessKey);
    expect(text).not.toContain(SECRET_KEYS.signingKey);
  });
}

/** Unhandled rejections and uncaught exceptions seen while a file runs. */
export function watchUnhandled(): unknown[] {
  const seen: unknown[] = [];
  const onError = (error: unknown) => seen.push(error);
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  afterAll(() => {
    process.off('unhandledRejection', onError);
    process.off('uncaughtException', onError);
    expect(seen).toEqual([]);
  });
  return seen;
}

/** Sends raw headers (repeats allowed) so header tricks reach the server as written; answers the status. */
export function postRaw(
  target: string,
  payload: string,
  headers: [string, string][],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    const grouped = new Map<string, string[]>();
    for (const [name, value] of headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
    for (const [name, values] of grouped)
      req.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    req.setHeader('Content-Type', 'application/json');
    req.end(payload);
  });
}
