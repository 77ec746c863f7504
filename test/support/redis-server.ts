import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A redis-server for tests: from REDIS_URL, or started here on a free port of 127.0.0.1. */
export interface TestRedis {
  url: string;
  /** Stops the server this module started (an outage); REDIS_URL servers are left alone. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}: ${output}`));
    }, 10_000);
    const probe = setInterval(async () => {
      const { Redis } = await import('ioredis');
      const client = new Redis(`redis://127.0.0.1:${port}`, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
      });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        clearInterval(probe);
        clearTimeout(timer);
        resolve(child);
      } catch {
        // not yet
      } finally {
        client.disconnect();
      }
    }, 50);
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.once('error', (error) => {
      clearInterval(probe);
      clearTimeout(timer);
      reject(
        new Error(
          `cannot start redis-server (${error.message}): run \`node scripts/provision.mjs\` (\`npm test\` runs it first) or \`sudo apt-get install -y redis-server\`, or set REDIS_URL`,
        ),
      );
    });
  });
}

/** Starts redis-server (or uses REDIS_URL). */
export async function startRedis(): Promise<TestRedis> {
  if (process.env.REDIS_URL) {
    const url = process.env.REDIS_URL;
    return { url, stop: async () => {}, restart: async () => {} };
  }
  const port = await freePort();
  let child = await launch(port);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await launch(port);
    },
  };
}
