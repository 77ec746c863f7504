#!/usr/bin/env node
/**
 * Provisions what the test suites need from Debian, so `npm install` then `npm test` works on a
 * fresh machine (npm runs this first, as the `pretest` script).
 *
 * Needed:
 *   chromium      package `chromium`      the browser suite (test/e2e); found at CHROMIUM_PATH,
 *                                         /usr/bin/chromium or /usr/bin/chromium-browser
 *   redis-server  package `redis-server`  the Redis suite (test/scale-out); on PATH, or not needed
 *                                         when REDIS_URL points at a server of your own
 *
 * All present: prints nothing and exits 0. Something missing: installs it with apt-get when it can
 * (as root, or through passwordless `sudo -n`), streaming apt's output, then checks again and fails
 * if it is still missing. When it cannot install (no apt-get, or neither root nor passwordless
 * sudo), it exits 1 at once with the exact command to run. Nothing is skipped silently.
 *
 * Two overrides, for testing this script; both can only make it stricter, never skip a need:
 *   PROVISION_ALSO_NEED="command:package[,command:package]"  also need these commands on PATH
 *   PROVISION_NO_INSTALL=1                                   never install; act as if it cannot
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian (and Ubuntu's deb) put chromium, as test/e2e/browser.ts looks for it. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Whether `command` is an executable file in one of PATH's directories. */
function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What the suites need: a name, its Debian package, who needs it, and whether it is present. */
function needs() {
  const list = [
    {
      name: 'chromium',
      pkg: 'chromium',
      why: 'the browser suite, test/e2e',
      present: () =>
        [process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES].some((p) => p && existsSync(p)),
    },
  ];
  if (!process.env.REDIS_URL) {
    list.push({
      name: 'redis-server',
      pkg: 'redis-server',
      why: 'the Redis suite, test/scale-out',
      present: () => onPath('redis-server'),
    });
  }
  for (const pair of (process.env.PROVISION_ALSO_NEED ?? '').split(',').filter(Boolean)) {
    const [command, pkg] = pair.split(':');
    list.push({
      name: command,
      pkg: pkg || command,
      why: 'PROVISION_ALSO_NEED',
      present: () => onPath(command),
    });
  }
  return list;
}

/** The missing needs, checked now. */
function missing() {
  return needs().filter((need) => !need.present());
}

/** How to run apt-get as root: [] as root, ['sudo', '-n'] with passwordless sudo, else why not. */
function rootPrefix() {
  if (process.env.PROVISION_NO_INSTALL) return 'PROVISION_NO_INSTALL is set';
  if (!onPath('apt-get')) return 'there is no apt-get here';
  if (process.getuid?.() === 0) return [];
  if (!onPath('sudo')) return 'not root, and there is no sudo';
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return 'not root, and `sudo -n true` fails (no passwordless sudo)';
}

/** Runs a command, its output streamed to ours; stops with the way out if it fails. */
function run(argv) {
  console.log(`provision: $ ${argv.join(' ')}`);
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
  if (result.status !== 0) {
    fail(`\`${argv.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
}

/** Prints the problem and the ways out to stderr, then exits 1. */
function fail(problem, pkgs = missing().map((need) => need.pkg)) {
  console.error(
    [
      `provision: ${problem}.`,
      'Install what the suites need (on Debian), then run `npm test` again:',
      `    sudo apt-get install -y ${pkgs.join(' ')}`,
      'or point them at your own: CHROMIUM_PATH=/path/to/chromium (a Chromium binary),',
      'REDIS_URL=redis://127.0.0.1:6379 (a Redis server the tests may use).',
    ].join('\n'),
  );
  process.exit(1);
}

const absent = missing();
if (absent.length > 0) {
  const pkgs = absent.map((need) => need.pkg);
  const list = absent.map((need) => `${need.name} (${need.why})`).join(', ');
  const prefix = rootPrefix();
  if (typeof prefix === 'string') fail(`missing ${list}, and cannot install here: ${prefix}`, pkgs);
  console.log(`provision: installing ${pkgs.join(' ')} from Debian; missing ${list} ...`);
  run([...prefix, 'apt-get', 'update', '-qq']);
  run([
    ...prefix,
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    'install',
    '-y',
    '-qq',
    '--no-install-recommends',
    ...pkgs,
  ]);
  const still = missing();
  if (still.length > 0) {
    fail(`installed, yet still missing ${still.map((need) => need.name).join(', ')}`);
  }
  console.log(`provision: installed ${pkgs.join(' ')}`);
}
