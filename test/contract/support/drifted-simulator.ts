import { Hono } from 'hono';
import { createSimulator } from '../../../src/simulator/index.js';
import { type Listening, listenHono } from '../../support/servers.js';
import { contractSimulatorOptions } from './contract-simulator.js';

/**
 * The contract simulator behind a middleware that takes `id` out of every `/v1/send` answer: a
 * simulator drifted from what the adapter relies on (the id it returns for each sent activity).
 * Listens on 127.0.0.1, any free port.
 */
export async function startDriftedSimulator(): Promise<Listening> {
  const sim = createSimulator(contractSimulatorOptions());
  const drifted = new Hono();
  drifted.all('*', async (c) => {
    const answer = await sim.app.fetch(c.req.raw);
    if (c.req.path !== '/v1/send' || answer.status !== 202) return answer;
    const { id: _removed, ...rest } = (await answer.json()) as Record<string, unknown>;
    return c.json(rest, 202);
  });
  const server = await listenHono(drifted);
  return {
    url: server.url,
    async close() {
      await server.close();
      await sim.close();
    },
  };
}
