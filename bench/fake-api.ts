import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the fake API answered, by kind of send. */
export interface FakeApiCounts {
  messagebird: number;
  bird: number;
  connector: number;
  other: number;
}

/**
 * Starts bench/fake-api-server in its own process: a real HTTP server on 127.0.0.1 (port 0) that
 * answers MessageBird's, Bird's and the Bot Connector's sends. Answers its origin
 * (`http://127.0.0.1:port`), the counts it has seen, and how to stop it.
 */
export async function startFakeApi() {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./fake-api-server.js', import.meta.url))],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the fake API exited (${code}) before answering`));
      child.once('exit', onExit);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        resolve(JSON.parse(line) as T);
      });
    });
  const { port } = await next<{ port: number }>();
  return {
    origin: `http://127.0.0.1:${port}`,
    /** The requests it answered so far, by kind. */
    async counts(): Promise<FakeApiCounts> {
      const reply = next<{ counts: FakeApiCounts }>();
      child.stdin.write('report\n');
      return (await reply).counts;
    },
    close() {
      child.stdin.end('exit\n');
    },
  };
}
