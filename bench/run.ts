/**
 * `npm run bench`: runs every benchmark and prints one table. Figures are ratios against a
 * baseline measured in the same run, because these machines are shared and noisy. Never fails
 * the build: a missed target is a "no" in the table.
 */
import { cpus, totalmem } from 'node:os';
import { printTable, type Row } from './table.js';

const suites: [string, () => Promise<{ run(): Promise<Row[]> }>][] = [
  ['signature', () => import('./signature.js')],
  ['adapter turns', () => import('./adapter-turns.js')],
  ['window tracker', () => import('./window-tracker.js')],
  ['memory', () => import('./memory.js')],
  ['rate limiter', () => import('./rate-limiter.js')],
  ['end to end', () => import('./e2e-loopback.js')],
  ['simulator send', () => import('./simulator-send.js')],
  ['test kit', () => import('./test-chat.js')],
  ['npm start', () => import('./start-time.js')],
];

const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, load] of suites) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await (await load()).run()));
  } catch (error) {
    rows.push({
      name,
      measured: `failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nNode ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB\n`,
);
console.log(printTable(rows));
process.exit(0);
