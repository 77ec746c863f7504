/**
 * `npm start`: runs the sample bot (`src/bot/start.ts`) as JavaScript compiled into
 * `node_modules/.cache/`, so no TypeScript loader runs at start-up. The compiled copy is keyed by a
 * hash of the TypeScript under `src` (contents and names) and tsconfig.json, so it is never stale:
 * a change makes a new copy before the bot starts (esbuild, which tsx brings, about 0.2 s), an
 * unchanged tree starts from the last one. The copy bundles the sample's own modules (packages stay
 * imports), one file for each way `start.ts` goes (simulator, Agents, live) and what they share,
 * because Node 20 takes far longer to load a hundred small modules than a few; each module's
 * `import.meta.url` stays its source file's, so the chat page's files are read from `src`. Without
 * esbuild, or when it cannot compile the tree, the sources run through tsx in this process as
 * before. Arguments (`--agents`, `--bird`) pass through.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const entry = 'bot/start';
/**
 * Where compiled copies go; `SAMPLE_START_CACHE_DIR` elsewhere in the project, where node_modules
 * is found (the benchmark's first start).
 */
const cacheRoot =
  process.env.SAMPLE_START_CACHE_DIR ??
  join(root, 'node_modules', '.cache', 'messagebird-sample-start');
/** Compiled copies kept (the newest), for a sample still running from an older tree. */
const KEEP = 3;

/** The TypeScript files under `src`, sorted, as paths relative to it. */
function sourceFiles() {
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => relative(src, join(d.parentPath ?? d.path, d.name)))
    .sort();
}

/** The key of a compiled copy: this script, esbuild's version, tsconfig.json and every file. */
function treeHash(files, esbuildVersion) {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(`\0${esbuildVersion}\0`);
  hash.update(readFileSync(join(root, 'tsconfig.json')));
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(src, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** esbuild as tsx (a devDependency) resolves it, or undefined. */
async function loadEsbuild() {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return await import(pathToFileURL(fromTsx.resolve('esbuild')).href);
  } catch {
    return undefined;
  }
}

/** The esbuild version tsx would load, read from its package.json without loading it. */
function esbuildVersion() {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return JSON.parse(readFileSync(fromTsx.resolve('esbuild/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** esbuild's plugin giving each module its source file's `import.meta.url`. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Compiles the sample from `src` into `dir`, which appears whole or not at all. */
async function compile(esbuild, dir) {
  const building = `${dir}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { start: join(src, `${entry}.ts`) },
    bundle: true,
    splitting: true,
    packages: 'external',
    outdir: building,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    keepNames: true,
    sourcemap: 'linked',
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [sourceUrls],
    logLevel: 'silent',
  });
  writeFileSync(join(building, 'package.json'), '{ "type": "module" }\n');
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another `npm start` made the same copy first: use it.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(dir, 'package.json'))) throw error;
  }
}

/** Removes all but the newest KEEP compiled copies (and stray unfinished ones). */
function prune(current) {
  const dirs = readdirSync(cacheRoot)
    .filter((name) => name !== current)
    .map((name) => ({ name, time: statSync(join(cacheRoot, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of dirs.slice(KEEP - 1)) {
    if (name.endsWith('.tmp') && Date.now() - statSync(join(cacheRoot, name)).mtimeMs < 60_000) {
      continue; // another start compiling now
    }
    rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
}

/** The URL of the compiled entry point, compiling it first when `src` changed; or undefined. */
async function compiledEntry() {
  const version = esbuildVersion();
  if (!version) return undefined;
  const files = sourceFiles();
  const key = treeHash(files, version);
  const dir = join(cacheRoot, key);
  const url = pathToFileURL(join(dir, 'start.js')).href;
  if (existsSync(join(dir, 'package.json'))) return url;
  const esbuild = await loadEsbuild();
  if (!esbuild) return undefined;
  try {
    mkdirSync(cacheRoot, { recursive: true });
    await compile(esbuild, dir);
  } catch {
    return undefined; // tsx then runs the sources, and reports what is wrong with them
  } finally {
    await esbuild.stop?.();
  }
  try {
    prune(key);
  } catch {
    // best effort
  }
  return url;
}

const compiled = await compiledEntry();
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(src, `${entry}.ts`)).href);
}
