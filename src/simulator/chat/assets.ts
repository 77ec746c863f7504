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
 * Where the files are: `./static` beside this module, in `src` (tsx, vitest) as in the built
 * `dist`, where `npm run build` copies them (`scripts/build.mjs`).
 */
const STATIC = new URL('./static/', import.meta.url);

const cache = new Map<ChatAssetName, string>();

/** True when `name` is one of the chat page's files. */
export function isChatAsset(name: string): name is ChatAssetName {
  return Object.hasOwn(CHAT_ASSETS, name);
}

/** The text of a chat page file, read once. Plain files: no build step. */
export function chatAsset(name: ChatAssetName): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const file = new URL(name, STATIC);
  try {
    const text = readFileSync(file, 'utf8');
    cache.set(name, text);
    return text;
  } catch (error) {
    throw new Error(
      `the chat page file ${name} is missing at ${file.pathname}: reinstall the package, or in a clone run npm run build (it copies src/simulator/chat/static into dist)`,
      { cause: error },
    );
  }
}
