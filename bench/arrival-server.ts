import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Starts bench/arrival-server.mjs in its own process. */
export async function startArrivalServer() {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./arrival-server.mjs', import.meta.url))],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const next = <T>() =>
    new Promise<T>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l) as T)));
  const { port } = await next<{ port: number }>();
  return {
    apiBaseUrl: `http://127.0.0.1:${port}/v1`,
    /** Arrival times (ms, the server's monotonic clock) since the last report. */
    async arrivals(): Promise<number[]> {
      const reply = next<{ arrivals: number[] }>();
      child.stdin.write('report\n');
      return (await reply).arrivals;
    },
    close() {
      child.stdin.write('exit\n');
    },
  };
}
