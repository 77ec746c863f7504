import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One entry point of the package: its subpath, its source file, and what it exports. */
export interface EntryPoint {
  /** The subpath in `exports`, such as `.` or `./simulator`. */
  subpath: string;
  /** The specifier a user imports, such as `botbuilder-adapter-messagebird-whatsapp/simulator`. */
  specifier: string;
  /** Its source, such as `src/simulator/index.ts`. */
  source: string;
  /** Names exported as values (they exist at run time), sorted. */
  values: string[];
  /** Names exported as types only, sorted. */
  types: string[];
}

/** The package's entry points, read from `package.json`'s `exports` and their `index.ts`. */
export function entryPoints(): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
    name: string;
    exports: Record<string, string | { default: string }>;
  };
  return Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => {
      const built = typeof target === 'string' ? target : target.default;
      const source = built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
      return {
        subpath,
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        source,
        ...exportedNames(readFileSync(`${ROOT}${source}`, 'utf8')),
      };
    });
}

/** The names an entry file exports with `export { … } from` and `export type { … } from`. */
function exportedNames(text: string): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  for (const match of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const raw of (match[2] ?? '').split(',')) {
      const item = raw.trim();
      if (!item) continue;
      const isType = Boolean(match[1]) || item.startsWith('type ');
      const name = item
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop() as string;
      (isType ? types : values).push(name);
    }
  }
  return { values: values.sort(), types: types.sort() };
}
