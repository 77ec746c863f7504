import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryPoints, ROOT } from '../support/entry-points.js';

/**
 * The public surface is a decision: each entry point lists its exports by name, this snapshot
 * fails when one appears or disappears (`npx vitest run test/packaging -u` records a deliberate
 * change), and the README's API section must list the same names.
 */
const ENTRIES = entryPoints();

/** The README's API subsection of one entry point: the names its `- \`Name\`` items list. */
function readmeNames(specifier: string): string[] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const api = readme.split(/^## /m).find((section) => section.startsWith('API\n'));
  if (!api) throw new Error('README.md has no "## API" section');
  const heading = `### \`${specifier}\``;
  const start = api.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`README.md's API section has no "${heading}" subsection`);
  const body = api.slice(start + heading.length).split(/^### /m)[0] ?? '';
  return [...body.matchAll(/^- `(\w+)`/gm)].map((m) => m[1] as string).sort();
}

describe('the entry points', () => {
  it('are the seven the package promises', () => {
    expect(ENTRIES.map((e) => e.subpath)).toEqual([
      '.',
      './agents',
      './simulator',
      './testing',
      './testing/vitest',
      './messagebird',
      './bird',
    ]);
  });

  for (const entry of ENTRIES) {
    describe(entry.specifier, () => {
      it('names every export (no export *), and those are exactly what loads', async () => {
        expect(readFileSync(`${ROOT}${entry.source}`, 'utf8')).not.toMatch(/export\s*\*/);
        const loaded = (await import(`${ROOT}${entry.source}`)) as Record<string, unknown>;
        expect(Object.keys(loaded).sort()).toEqual(entry.values);
      });

      it('exports what the snapshot records', () => {
        expect({ values: entry.values, types: entry.types }).toMatchSnapshot();
      });

      it("is listed in the README's API section, name for name", () => {
        expect(readmeNames(entry.specifier)).toEqual([...entry.values, ...entry.types].sort());
      });
    });
  }
});
