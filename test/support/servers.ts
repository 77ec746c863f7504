import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A server on 127.0.0.1 with its base URL and a close that ends open connections. */
export interface Listening {
  url: string;
  close(): Promise<void>;
}

function listening(server: Server): Promise<Listening> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Serves a node:http listener (Express apps are listeners) on 127.0.0.1, any free port. */
export function listen(listener: RequestListener): Promise<Listening> {
  return listening(createServer(listener));
}

/** Serves a Hono app through @hono/node-server on 127.0.0.1, any free port. */
export function listenHono(app: Hono): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    }) as Server;
  });
}
