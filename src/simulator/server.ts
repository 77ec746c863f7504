import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { quietLogger } from './logger.js';
import type { SimulatorOptions } from './options.js';
import { createSimulator, type Simulator } from './simulator.js';

const closeAll = (server: unknown): void =>
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();

/** Where the simulator listens. */
export interface ServerOptions {
  /** The port; 0 (the default) picks a free one. */
  port?: number;
  /** The interface; 127.0.0.1 by default. */
  host?: string;
}

/** A simulator listening on a real socket. */
export interface RunningSimulator extends Simulator {
  /**
   * The base URL, such as `http://127.0.0.1:4010`: MessageBird's Conversations API is under
   * `${url}/v1`, Bird's Channels API at `${url}` itself (an adapter's `apiBaseUrl` for `api: 'bird'`).
   */
  url: string;
  /** The port it listens on. */
  port: number;
}

/**
 * Starts a simulator on a real socket (127.0.0.1 and a free port by default), and logs (through
 * `logger`) where both APIs are: the Conversations API at `${url}/v1`, Bird's Channels API at
 * `${url}`.
 *
 * @example
 * const sim = await startSimulator({ port: 0 });
 * // point the adapter at `${sim.url}/v1` with the default access key,
 * // or, with api: 'bird', at apiBaseUrl sim.url with sim.bird.workspaceId and sim.bird.channelId
 * await sim.close();
 */
export async function startSimulator(
  options: SimulatorOptions & ServerOptions = {},
): Promise<RunningSimulator> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const simulator = createSimulator(rest);
  let server: ReturnType<typeof serve>;
  let address: AddressInfo;
  try {
    address = await new Promise<AddressInfo>((resolve, reject) => {
      server = serve({ fetch: simulator.app.fetch, port, hostname: host }, (info) => resolve(info));
      server.once('error', reject);
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  const { bird } = simulator;
  (rest.logger ?? quietLogger).info(
    [
      `MessageBird simulator listening on ${url}`,
      `  Conversations API: ${url}/v1  (channel ${simulator.channelId})`,
      `  Bird Channels API: ${url}  (workspace ${bird.workspaceId}, channel ${bird.channelId}, organization ${bird.organizationId})`,
      `  Controls:          ${url}/_sim`,
      `  Chat:              ${url}/  (play the WhatsApp user)`,
    ].join('\n'),
  );
  let closing: Promise<void> | undefined;
  return {
    ...simulator,
    url,
    port: address.port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await simulator.close();
        // Event streams have ended; give their last bytes a moment, then cut what is left.
        const force = setTimeout(() => closeAll(server), 200);
        await closed;
        clearTimeout(force);
      })();
      return closing;
    },
  };
}
