/**
 * `npm start` to chat page ready: from spawning `npm start` (the botbuilder sample, `-- --agents`
 * and `-- --bird`) until the printed chat URL answers 200, on free ports. The baseline, measured in
 * every round beside them: starting Node and importing botbuilder alone. Each figure is the median
 * of per-round ratios. `npm start` runs JavaScript compiled from `src` (scripts/start.mjs), made
 * again when a file in `src` changed: one untimed start first, so the rounds time the usual start,
 * and a last row times the first start after a change (an empty compile cache).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fmt, median, type Row } from './table.js';

const RUNS = 3;
const TARGET_S = 1.5;

const SAMPLES: { name: string; args: string[] }[] = [
  { name: 'npm start', args: [] },
  { name: 'npm start -- --agents', args: ['--', '--agents'] },
  { name: 'npm start -- --bird', args: ['--', '--bird'] },
];

function timeUntilExit(command: string, args: string[]): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}

function timeToChatPage(args: string[], env: Record<string, string> = {}): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent', ...args], {
      env: { ...process.env, PORT: '0', SIMULATOR_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const stop = () => {
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error('npm start printed no chat page URL within 60 s'));
    }, 60_000);
    let ready = false;
    child.once('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`npm start ${args.join(' ')} exited (${code}) before the chat page`));
    });
    createInterface({ input: child.stdout }).on('line', async (line) => {
      const url = /Chat page:\s+(\S+)/.exec(line)?.[1];
      if (!url) return;
      for (;;) {
        const ok = await fetch(url).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const elapsed = performance.now() - start;
      ready = true;
      clearTimeout(timer);
      child.once('exit', () => resolve(elapsed));
      stop();
    });
  });
}

const importBotbuilder = () => timeUntilExit(process.execPath, ['-e', "require('botbuilder')"]);

export async function run(): Promise<Row[]> {
  await timeToChatPage([]); // compiles src if it changed since the last start
  const times = SAMPLES.map(() => [] as number[]);
  const ratios = SAMPLES.map(() => [] as number[]);
  const imports: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    const baseline = await importBotbuilder();
    imports.push(baseline);
    for (const [i, sample] of SAMPLES.entries()) {
      const t = await timeToChatPage(sample.args);
      times[i]?.push(t);
      ratios[i]?.push(t / baseline);
    }
    if (process.env.BENCH_DEBUG) {
      const each = SAMPLES.map((s, i) => `${s.name} ${fmt(times[i]?.at(-1) ?? 0)} ms`).join(', ');
      process.stderr.write(`  round ${round + 1}: botbuilder ${fmt(baseline)} ms, ${each}\n`);
    }
  }
  // The first start after a change in src: an empty compile cache.
  const cold: number[] = [];
  const coldRatios: number[] = [];
  mkdirSync(join('node_modules', '.cache'), { recursive: true });
  for (let round = 0; round < RUNS; round++) {
    // Inside the project, where the compiled modules find node_modules.
    const dir = mkdtempSync(join('node_modules', '.cache', 'start-bench-'));
    try {
      const baseline = await importBotbuilder();
      const t = await timeToChatPage([], { SAMPLE_START_CACHE_DIR: dir });
      cold.push(t);
      coldRatios.push(t / baseline);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const importOnly = `${fmt(median(imports) / 1000, 2)} s node + import botbuilder`;
  return [
    ...SAMPLES.map((sample, i): Row => {
      const s = median(times[i] ?? []) / 1000;
      return {
        name: `${sample.name} to chat page ready (median of ${RUNS})`,
        measured: `${fmt(s, 2)} s`,
        baseline: importOnly,
        ratio: median(ratios[i] ?? []),
        target: `≤ ${TARGET_S} s`,
        met: s <= TARGET_S,
      };
    }),
    {
      name: `npm start after a change in src (compiles it first; median of ${RUNS})`,
      measured: `${fmt(median(cold) / 1000, 2)} s`,
      baseline: importOnly,
      ratio: median(coldRatios),
    },
  ];
}
