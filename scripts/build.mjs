/**
 * `npm run build`: compiles `src` (the sample bot in `src/bot` excepted) into an empty `dist`, then
 * copies the simulator's chat page files beside the compiled module that serves them, so the
 * package runs from `dist` alone. Source maps carry their sources inline (`inlineSources`), so
 * `src` is not shipped.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

rmSync(dist, { recursive: true, force: true });
// `tsc` from node_modules/.bin, which npm puts on PATH for its scripts.
execFileSync('tsc', ['-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
cpSync(`${root}src/simulator/chat/static`, `${dist}/simulator/chat/static`, { recursive: true });
