import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Where Debian (and Ubuntu's deb) put chromium; CHROMIUM_PATH wins when set. scripts/provision.mjs
 * (npm's pretest) looks in the same places.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The chromium binary, or an error that says how to get one. */
export function chromiumPath(): string {
  const path = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!path) {
    throw new Error(
      'no chromium found: run `node scripts/provision.mjs` (`npm test` runs it first) or `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary',
    );
  }
  return path;
}

/** Launches headless chromium for the browser tests: no network beyond 127.0.0.1 is needed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    timeout: 20_000,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
