import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/entry-points.js';

const run = promisify(execFile);

/**
 * What a fresh Node process loads when it imports one entry's source (through tsx): every bot SDK
 * is CommonJS, so its files appear in `require.cache` even when imported from ESM. The packaging
 * test checks the same on the built, installed package.
 */
async function loadedBy(source: string) {
  const program = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    await import(${JSON.stringify(`${ROOT}${source}`)});
    const loaded = Object.keys(cache);
    console.log(JSON.stringify({
      botbuilder: loaded.filter((p) =>
        /[\\\\/]node_modules[\\\\/](botbuilder(?!-adapter-messagebird-whatsapp)[^\\\\/]*|botframework-[^\\\\/]*)[\\\\/]/.test(p),
      ),
      agents: loaded.filter((p) => /[\\\\/]node_modules[\\\\/]@microsoft[\\\\/]agents-/.test(p)),
    }));`;
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', program],
    { cwd: ROOT },
  );
  return JSON.parse(stdout) as { botbuilder: string[]; agents: string[] };
}

describe('each front loads only its own SDK', () => {
  it('./agents loads the Agents SDK and no botbuilder module', async () => {
    const loaded = await loadedBy('src/agents/index.ts');
    expect(loaded.botbuilder).toEqual([]);
    expect(loaded.agents.length).toBeGreaterThan(0);
  });

  it('the root entry loads botbuilder and no Agents SDK module', async () => {
    const loaded = await loadedBy('src/adapter/index.ts');
    expect(loaded.agents).toEqual([]);
    expect(loaded.botbuilder.length).toBeGreaterThan(0);
  });
});
