import { readFileSync } from 'node:fs';

/** The chat page's static files and their content types. */
export const CHAT_ASSETS = {
  'index.html': 'text/html; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
} as const;

/** The name of a chat page file. */
export type ChatAssetName = keyof typeof CHAT_ASSETS;

/**
 * Where the files are: `./static` beside this module when run from `src` (tsx, vitest); from a
 * compiled `dist`, the package's own `src/simulator/chat/static`, which it ships (`files` has `src`).
 */
const LOCATIONS = [
  new URL('./static/', import.meta.url),
  new URL('../../../src/simulator/chat/static/', import.meta.url),
];

const cache = new Map<ChatAssetName, string>();

/** True when `name` is one of the chat page's files. */
export function isChatAsset(name: string): name is ChatAssetName {
  return Object.hasOwn(CHAT_ASSETS, name);
}

/** The text of a chat page file, read once. Plain files: no build step. */
export function chatAsset(name: ChatAssetName): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  let lastError: unknown;
  for (const base of LOCATIONS) {
    try {
      const text = readFileSync(new URL(name, base), 'utf8');
      cache.set(name, text);
      return text;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`the chat page file ${name} is missing from the package`, { cause: lastError });
}
