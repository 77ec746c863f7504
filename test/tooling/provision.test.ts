import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * scripts/provision.mjs (npm's pretest) decides what to install. These runs never install: each
 * sets PROVISION_NO_INSTALL or leaves apt-get off PATH.
 */
const SCRIPT = fileURLToPath(new URL('../../scripts/provision.mjs', import.meta.url));
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'provision-test-'));

afterAll(() => rmSync(EMPTY_DIR, { recursive: true, force: true }));

/** Runs the script with this environment on top of ours, minus the variables it reads. */
function provision(env: Record<string, string>) {
  const base = { ...process.env };
  for (const name of [
    'CHROMIUM_PATH',
    'REDIS_URL',
    'PROVISION_ALSO_NEED',
    'PROVISION_NO_INSTALL',
  ]) {
    delete base[name];
  }
  const result = spawnSync(process.execPath, [SCRIPT], {
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Chromium and Redis given the documented way, so only what a test adds can be missing. */
const PRESENT = { CHROMIUM_PATH: process.execPath, REDIS_URL: 'redis://127.0.0.1:1' };

describe('scripts/provision.mjs', () => {
  it('exits 0 and prints nothing when everything is present', () => {
    const run = provision({ ...PRESENT, PROVISION_NO_INSTALL: '1' });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('checks an extra need for real: present on PATH is fine', () => {
    const run = provision({ ...PRESENT, PROVISION_NO_INSTALL: '1', PROVISION_ALSO_NEED: 'node' });
    expect(run.status).toBe(0);
  });

  it('stops at once, naming the exact apt-get command, when a need is missing and installing is forbidden', () => {
    const run = provision({
      ...PRESENT,
      PATH: EMPTY_DIR, // so even a broken PROVISION_NO_INSTALL could not reach apt-get
      PROVISION_NO_INSTALL: '1',
      PROVISION_ALSO_NEED: 'provision-test-no-such-command:provision-test-pkg',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('installing');
    expect(run.stderr).toContain('missing provision-test-no-such-command');
    expect(run.stderr).toContain('cannot install here: PROVISION_NO_INSTALL is set');
    expect(run.stderr).toContain('\n    sudo apt-get install -y provision-test-pkg\n');
    expect(run.stderr).toContain('CHROMIUM_PATH=');
    expect(run.stderr).toContain('REDIS_URL=');
  });

  it('needs redis-server on PATH without REDIS_URL, and says so when there is no apt-get', () => {
    // PATH holds only an empty folder: no redis-server, no apt-get, no sudo.
    const run = provision({ CHROMIUM_PATH: process.execPath, PATH: EMPTY_DIR });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('missing redis-server (the Redis suite, test/scale-out)');
    expect(run.stderr).toContain('cannot install here: there is no apt-get here');
    expect(run.stderr).toContain('\n    sudo apt-get install -y redis-server\n');
  });

  it('names every missing package in the one command', () => {
    const run = provision({
      CHROMIUM_PATH: process.execPath,
      PATH: EMPTY_DIR,
      PROVISION_NO_INSTALL: '1',
      PROVISION_ALSO_NEED: 'provision-test-a:pkg-a,provision-test-b:pkg-b',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('\n    sudo apt-get install -y redis-server pkg-a pkg-b\n');
  });

  it('finds what the suites need on this machine (npm test provisions it first)', () => {
    const run = provision({
      ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      PROVISION_NO_INSTALL: '1',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
