import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseCliArgs, USAGE } from '../../src/simulator/cli-args.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { BIRD_IDS, BIRD_SENDS } from '../payloads/index.js';
import {
  birdSendCall,
  birdSimulator,
  birdSubscribe,
  contactWrites,
  subscriptionsPath,
} from './bird-helpers.js';
import { ACCESS_KEY, call, fakeFetch } from './helpers.js';

let running: RunningSimulator | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  if (receiver) {
    const server = receiver;
    receiver = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('the Bird face on a real socket', () => {
  it('logs both base paths, answers Bird calls at the base URL and signs deliveries over the URL it calls', async () => {
    const got: { url: string; headers: IncomingMessage['headers']; body: Buffer }[] = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        got.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/bird?tenant=acme`;

    const lines: string[] = [];
    running = await startSimulator({
      logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m) },
      birdWorkspaceId: BIRD_IDS.workspaceId,
      birdChannelId: BIRD_IDS.channelId,
    });
    const log = lines.join('\n');
    expect(log).toContain(`listening on ${running.url}`);
    expect(log).toContain(`Conversations API: ${running.url}/v1`);
    expect(log).toContain(
      `Bird Channels API: ${running.url}  (workspace ${BIRD_IDS.workspaceId}, channel ${BIRD_IDS.channelId}`,
    );

    const headers = {
      Authorization: `AccessKey ${ACCESS_KEY}`,
      'Content-Type': 'application/json',
    };
    const base = `${running.url}/workspaces/${BIRD_IDS.workspaceId}/channels/${BIRD_IDS.channelId}`;
    expect((await fetch(base, { headers })).status).toBe(200);
    const created = await fetch(`${running.url}${subscriptionsPath(running)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        service: 'channels',
        event: 'whatsapp.inbound',
        url: hookUrl,
        signingKey: BIRD_IDS.signingKey,
      }),
    });
    expect(created.status).toBe(201);
    await fetch(`${running.url}/_sim/inbound`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ from: BIRD_IDS.phone, type: 'text', content: { text: 'over TCP' } }),
    });
    await running.idle();

    expect(got).toHaveLength(1);
    const [delivery] = got as [(typeof got)[number]];
    expect(delivery.url).toBe('/api/bird?tenant=acme');
    const timestamp = String(delivery.headers['messagebird-request-timestamp']);
    const expected = createHmac('sha256', BIRD_IDS.signingKey)
      .update(`${timestamp}\n${hookUrl}\n`)
      .update(createHash('sha256').update(delivery.body).digest())
      .digest('base64');
    expect(delivery.headers['messagebird-signature']).toBe(expected);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(delivery.body.toString('utf8')).payload.body.text.text).toBe('over TCP');
  });
});

describe('Bird subscriptions persist', () => {
  it('keeps subscriptions (with their signing key) across a restart, and Bird messages with their request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-bird-persist-'));
    const file = join(dir, 'state.json');
    try {
      const first = birdSimulator({ persist: file });
      await birdSubscribe(first, 'whatsapp.inbound', BIRD_IDS.webhookUrl, {
        signingKey: BIRD_IDS.signingKey,
      });
      await contactWrites(first);
      const sent = await birdSendCall(first, { ...BIRD_SENDS.list(), reference: 'kept-ref' });
      await first.close();

      const hook = fakeFetch();
      const second = birdSimulator({ persist: file, fetch: hook.fetch });
      const list = await call(second, 'GET', subscriptionsPath(second));
      expect(list.body.results).toHaveLength(1);
      const message = await call(
        second,
        'GET',
        `/workspaces/${second.bird.workspaceId}/channels/${second.bird.channelId}/messages/${sent.body.id}`,
      );
      expect(message.body).toMatchObject({ reference: 'kept-ref', body: BIRD_SENDS.list().body });
      await contactWrites(second, 'after restart');
      await second.idle();
      expect(hook.calls).toHaveLength(1);
      expect(hook.calls[0]?.headers.get('messagebird-signature')).toEqual(expect.any(String));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI', () => {
  it('reads the Bird ids', () => {
    expect(
      parseCliArgs([
        '--bird-workspace-id',
        BIRD_IDS.workspaceId,
        '--bird-channel-id',
        BIRD_IDS.channelId,
        '--bird-organization-id',
        BIRD_IDS.organizationId,
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: DEFAULT_CLI_PORT,
        birdWorkspaceId: BIRD_IDS.workspaceId,
        birdChannelId: BIRD_IDS.channelId,
        birdOrganizationId: BIRD_IDS.organizationId,
      },
    });
    expect(USAGE).toContain('--bird-channel-id');
  });
});
