/**
 * The fake API of bench/adapter-turns, run in its own process (bench/fake-api.ts starts it), so
 * that answering the sends does not share the event loop of the adapters measured. One node:http
 * server on 127.0.0.1, port 0, keep-alive, answering what each API answers a send:
 *
 * - MessageBird's `POST /v1/send`: 202 `{id, status: 'accepted'}`;
 * - Bird's `POST /workspaces/{ws}/channels/{ch}/messages`: 202, the accepted message;
 * - the Bot Connector's `POST /v3/conversations/{id}/activities[/{replyToId}]` (botbuilder's and
 *   the Agents SDK's connector clients): 200 `{id}`.
 *
 * Prints `{"port": n}` on a line, counts the requests of each kind, prints the counts on a
 * `report` line on stdin, and exits on `exit` or when stdin closes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { birdAccepted } from '../test/payloads/bird.js';

const counts = { messagebird: 0, bird: 0, connector: 0, other: 0 };
const BIRD_SEND = /^\/workspaces\/[^/]+\/channels\/[^/]+\/messages$/;
const CONNECTOR_SEND = /^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?$/;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const path = req.url ?? '/';
    let status = 404;
    let body: unknown = { error: 'not found' };
    if (req.method === 'POST' && path === '/v1/send') {
      counts.messagebird++;
      status = 202;
      body = { id: randomBytes(16).toString('hex'), status: 'accepted' };
    } else if (req.method === 'POST' && BIRD_SEND.test(path)) {
      counts.bird++;
      status = 202;
      const send = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      body = { ...birdAccepted(send), id: randomUUID() };
    } else if (req.method === 'POST' && CONNECTOR_SEND.test(path)) {
      counts.connector++;
      status = 200;
      body = { id: randomBytes(16).toString('hex') };
    } else {
      counts.other++;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});

process.stdin.setEncoding('utf8');
let buffered = '';
process.stdin.on('data', (data: string) => {
  buffered += data;
  for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
    const line = buffered.slice(0, nl).trim();
    buffered = buffered.slice(nl + 1);
    if (line === 'report') console.log(JSON.stringify({ counts }));
    if (line === 'exit') process.exit(0);
  }
});
process.stdin.on('end', () => process.exit(0));
