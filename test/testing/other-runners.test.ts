import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/entry-points.js';

const run = promisify(execFile);

describe('the kit in other test runners', () => {
  it('runs under node:test', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--test', 'test/testing/fixtures/node-test/coffee.node-test.ts'],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(stdout).toMatch(/# pass 1/);
    expect(stdout).toMatch(/# fail 0/);
  }, 60_000);

  it('runs under jest (ES modules)', async () => {
    const { stderr } = await run(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings',
        'node_modules/jest/bin/jest.js',
        '-c',
        'test/testing/fixtures/jest/jest.config.cjs',
        '--ci',
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    // Jest reports on stderr.
    expect(stderr).toMatch(/Tests:\s+1 passed, 1 total/);
  }, 60_000);
});
