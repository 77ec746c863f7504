/**
 * `npm start` to chat page ready: from spawning `npm start` until the printed chat URL answers
 * 200, on free ports. Beside it, the time to start Node and import botbuilder alone.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fmt, median, type Row } from './table.js';

const RUNS = 3;

function timeUntilExit(command: string, args: string[]): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}

function timeToChatPage(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      env: { ...process.env, PORT: '0', SIMULATOR_PORT: '0' },
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
      clearTimeout(timer);
      child.once('exit', () => resolve(elapsed));
      stop();
    });
  });
}

export async function run(): Promise<Row[]> {
  const starts: number[] = [];
  const imports: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    starts.push(await timeToChatPage());
    imports.push(await timeUntilExit(process.execPath, ['-e', "require('botbuilder')"]));
  }
  const start = median(starts) / 1000;
  const importOnly = median(imports) / 1000;
  return [
    {
      name: `npm start to chat page ready (median of ${RUNS})`,
      measured: `${fmt(start, 2)} s`,
      baseline: `${fmt(importOnly, 2)} s node + import botbuilder`,
      ratio: start / importOnly,
    },
  ];
}
