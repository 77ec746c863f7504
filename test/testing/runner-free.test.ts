import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/entry-points.js';

describe('src/testing', () => {
  it('imports no test runner and uses no globals, so any runner can use it', () => {
    // Files of src/testing itself; src/testing/vitest is the optional vitest entry.
    const files = readdirSync(`${ROOT}src/testing`, { withFileTypes: true });
    for (const file of files.filter((f) => f.isFile()).map((f) => f.name)) {
      // Code only: doc comments may show a test.
      const text = readFileSync(`${ROOT}src/testing/${file}`, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      expect(text, file).not.toMatch(/from '(vitest|jest|@jest\/[\w-]+|node:test)'/);
      expect(text, file).not.toMatch(/\b(describe|it|test|expect|beforeEach|afterEach)\(/);
    }
  });

  it('loads no bot SDK until a chat starts with its front', async () => {
    const text = readFileSync(`${ROOT}src/testing/test-chat.ts`, 'utf8');
    expect(text).not.toMatch(/^import \{[^}]*\} from '\.\.\/(adapter|agents)\//m);
  });
});
