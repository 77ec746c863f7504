import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { SampleStartError } from './errors.js';

/** A Hono app on a socket. */
export interface Listening {
  /** Such as `http://127.0.0.1:3978`. */
  url: string;
  port: number;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/** Where to listen, and whether a busy port may be swapped for a free one. */
export interface ListenOptions {
  port: number;
  host: string;
  /** The variable that sets the port, named in the error when it is busy. */
  portVariable: string;
  /** Take any free port when `port` is busy (true when the port is the default, not chosen). */
  fallback: boolean;
}

function listenOnce(app: Hono, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', (error) => {
      server.close();
      reject(error);
    });
  });
}

/**
 * Serves a Hono app; a busy port is an error naming the variable to change, or, with `fallback`,
 * any free port instead.
 *
 * @example
 * const bot = await listen(app, { port: 3978, host: '127.0.0.1', portVariable: 'PORT', fallback: true });
 */
export async function listen(app: Hono, options: ListenOptions): Promise<Listening> {
  let server: Server;
  try {
    server = await listenOnce(app, options.port, options.host);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    if (!options.fallback) {
      throw new SampleStartError(
        'PORT_IN_USE',
        `port ${options.port} on ${options.host} is in use: stop what uses it, or set ${options.portVariable} to a free port (0 picks one)`,
      );
    }
    server = await listenOnce(app, 0, options.host);
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const shown = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
