import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDatetime } from '../../src/messagebird/index.js';
import { IDS, INBOUND_EVENTS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import {
  defaultAnswer,
  type FakeMessageBird,
  startFakeMessageBird,
} from '../support/fake-messagebird.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { postWebhook } from '../support/webhooks.js';

const PER_SECOND = 10;

interface Worker {
  name: string;
  url: string;
  turns: string[];
  ask(message: Record<string, unknown>, reply: string): Promise<any>;
  close(): Promise<void>;
}

function startWorker(name: string, env: Record<string, string>): Promise<Worker> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./adapter-worker.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, NAME: name },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const turns: string[] = [];
  const waiting = new Map<string, (m: any) => void>();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: any) => {
      if (m.event === 'turn') turns.push(m.id);
      if (m.event === 'ready') {
        resolve({
          name,
          url: m.url,
          turns,
          ask: (message, reply) =>
            new Promise((done) => {
              waiting.set(reply, done);
              child.send(message);
            }),
          close: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.send({ cmd: 'close' });
            }),
        });
      }
      waiting.get(m.event)?.(m);
    });
  });
}

let redis: TestRedis;
let fake: FakeMessageBird;
const arrivals: { at: number; to: string; text: string }[] = [];
let a: Worker;
let b: Worker;

beforeAll(async () => {
  redis = await startRedis();
  fake = await startFakeMessageBird((r) => {
    if (r.path === '/v1/send')
      arrivals.push({ at: Date.now(), to: r.body.to, text: r.body.content.text });
    return defaultAnswer(r);
  });
  const env = {
    ACCESS_KEY: KEYS.accessKey,
    SIGNING_KEY: KEYS.signingKey,
    CHANNEL_ID: IDS.channelId,
    API_BASE_URL: fake.apiBaseUrl,
    REDIS_URL: redis.url,
    PREFIX: `test${process.pid}:`,
    PER_SECOND: String(PER_SECOND),
  };
  [a, b] = await Promise.all([startWorker('A', env), startWorker('B', env)]);
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await fake?.close();
  await redis?.stop();
});

let n = 0;
function inbound(from: string, text: string) {
  n++;
  const event = structuredClone(INBOUND_EVENTS.text) as any;
  event.message.id = `${n.toString(16).padStart(6, '0')}${'d'.repeat(26)}`;
  event.message.from = from;
  event.contact.msisdn = Number(from.slice(1));
  event.message.content = { text };
  event.message.createdDatetime = formatDatetime(Date.now());
  return event;
}

describe('two adapter instances sharing Redis', () => {
  it('lets B send free-form to a contact who wrote to A, and refuses an unknown one', async () => {
    expect(
      (await postWebhook(a.url, inbound('+31611110001', 'hello A'), KEYS.signingKey)).status,
    ).toBe(200);
    const known = await b.ask(
      { cmd: 'send', to: '+31611110001', count: 1, tag: 'follow-up' },
      'sent',
    );
    expect(known.results).toEqual(['sent']);
    const unknown = await b.ask({ cmd: 'send', to: '+31611110002', count: 1 }, 'sent');
    expect(unknown.results).toEqual(['WINDOW_CLOSED']);
  });

  it('runs the bot once when the same delivery reaches both', async () => {
    const event = inbound('+31611110003', 'only once');
    const before = a.turns.length + b.turns.length;
    const answers = await Promise.all([
      postWebhook(a.url, event, KEYS.signingKey),
      postWebhook(b.url, event, KEYS.signingKey),
    ]);
    // One handles it; the other sees it done (200) or in progress (409, so MessageBird retries).
    expect(answers.map((x) => x.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    // A redelivery after both answered is a duplicate everywhere.
    expect((await postWebhook(b.url, event, KEYS.signingKey)).body).toEqual({
      status: 'duplicate',
    });
    expect((await postWebhook(a.url, event, KEYS.signingKey)).body).toEqual({
      status: 'duplicate',
    });
    expect(a.turns.length + b.turns.length - before).toBe(1);
    expect(arrivals.filter((x) => x.text.endsWith('only once'))).toHaveLength(1);
  });

  it('keeps the combined send rate under the shared limit', async () => {
    const contact = '+31611110004';
    await postWebhook(a.url, inbound(contact, 'open my window'), KEYS.signingKey);
    const start = arrivals.length;
    const [ra, rb] = await Promise.all([
      a.ask({ cmd: 'send', to: contact, count: 20, tag: 'burst' }, 'sent'),
      b.ask({ cmd: 'send', to: contact, count: 20, tag: 'burst' }, 'sent'),
    ]);
    expect([...ra.results, ...rb.results].every((r: string) => r === 'sent')).toBe(true);
    const times = arrivals
      .slice(start)
      .map((x) => x.at)
      .sort((x, y) => x - y);
    expect(times).toHaveLength(40);
    let most = 0;
    for (let i = 0; i < times.length; i++) {
      let j = i;
      while (j < times.length && (times[j] ?? 0) - (times[i] ?? 0) < 1000) j++;
      most = Math.max(most, j - i);
    }
    const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    console.info(
      `[scale-out] 2 instances sent ${times.length} messages in ${seconds.toFixed(2)} s at a shared limit of ${PER_SECOND}/s: ` +
        `${((times.length - 1) / seconds).toFixed(2)}/s overall, at most ${most} in any sliding second`,
    );
    // Spacing is held at dispatch; arrivals over loopback may bunch by a few ms, hence the +1.
    expect(most).toBeLessThanOrEqual(PER_SECOND + 1);
    expect((times.length - 1) / seconds).toBeLessThanOrEqual(PER_SECOND * 1.02);
  }, 20_000);

  it('fails closed during a Redis outage and loses nothing once it is back', async () => {
    const event = inbound('+31611110005', 'during the outage');
    await redis.stop();
    const during = await postWebhook(a.url, event, KEYS.signingKey);
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(during.body.error.message).toMatch(/Redis did not answer.*fails closed/);
    expect(a.turns).not.toContain(event.message.id);
    await redis.restart();
    let after = { status: 0, body: {} as any };
    for (let i = 0; i < 40 && after.status !== 200; i++) {
      after = await postWebhook(b.url, event, KEYS.signingKey);
      if (after.status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(after.status).toBe(200);
    expect([...a.turns, ...b.turns].filter((id) => id === event.message.id)).toHaveLength(1);
    expect(arrivals.filter((x) => x.text.endsWith('during the outage'))).toHaveLength(1);
  }, 30_000);
});
