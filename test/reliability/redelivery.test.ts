import type { TurnContext } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUS_EVENT_NAME, type StatusValue } from '../../src/adapter/index.js';
import { STATUS_EVENTS } from '../payloads/index.js';
import { signedWebhook } from '../support/webhooks.js';
import { contact, startStack } from './stack.js';
import { guardSecrets, record, SECRET_KEYS, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();

const MESSAGES = 300;
const CONTACTS = 30;
const attempts = new Map<string, number>();
const handled = new Map<string, number>();
const statuses: string[] = [];
let mode: 'fail-first-two' | 'slow-first' | 'healthy' = 'fail-first-two';

async function bot(context: TurnContext) {
  const { activity } = context;
  if (activity.type === 'event' && activity.name === STATUS_EVENT_NAME) {
    const value = activity.value as StatusValue;
    statuses.push(`${value.messageId}:${value.status}${value.stale ? ':stale' : ''}`);
    return;
  }
  if (activity.type !== 'message' || !activity.id) return;
  const n = (attempts.get(activity.id) ?? 0) + 1;
  attempts.set(activity.id, n);
  if (mode === 'fail-first-two' && n <= 2) throw new Error(`the bot is down (attempt ${n})`);
  if (mode === 'slow-first' && n === 1) await new Promise((r) => setTimeout(r, 1_500));
  handled.set(activity.id, (handled.get(activity.id) ?? 0) + 1);
}

const stack = await startStack(bot, {
  simulator: {
    webhookRetry: { attempts: 12, baseDelayMs: 20, maxDelayMs: 300, timeoutMs: 600 },
    echoOutbound: false,
  },
});
afterAll(() => stack.close());

function inbound(from: number, count: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = stack.sim.inbound({
      from: contact(i % from),
      type: 'text',
      content: { text: `${tag} ${i}` },
    });
    ids.push(message.id);
  }
  return ids;
}

describe('redelivery until the bot recovers', () => {
  it('processes every inbound message exactly once while the bot fails its first two tries', async () => {
    mode = 'fail-first-two';
    const ids = inbound(CONTACTS, MESSAGES, 'failing');
    await stack.sim.idle();
    const failures = stack.sim.deliveries().filter((d) => !d.ok).length;
    console.info(
      `[redelivery] ${ids.length} messages, ${failures} delivery attempts failed before recovery`,
    );
    expect(failures).toBeGreaterThanOrEqual(ids.length * 2);
    for (const id of ids) expect(handled.get(id)).toBe(1);
  }, 60_000);

  it('processes every message once when the bot is slower than the simulator’s timeout', async () => {
    mode = 'slow-first';
    const ids = inbound(10, 20, 'slow');
    await stack.sim.idle();
    await new Promise((r) => setTimeout(r, 1_600));
    await stack.sim.idle();
    const timeouts = stack.sim
      .deliveries()
      .filter((d) => d.error && /time/i.test(String(d.error))).length;
    console.info(
      `[redelivery] ${ids.length} slow messages, ${timeouts} delivery attempts timed out`,
    );
    expect(timeouts).toBeGreaterThan(0);
    for (const id of ids) {
      record(`handled ${id}`);
      expect(handled.get(id)).toBe(1);
    }
  }, 60_000);

  it('shows the bot each status once under duplicated deliveries, and marks late ones stale', async () => {
    mode = 'healthy';
    const phone = contact(999);
    const { conversationId } = stack.sim.inbound({
      from: phone,
      type: 'text',
      content: { text: 'hi' },
    });
    await stack.sim.idle();
    await fetch(`${stack.sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ webhooks: { duplicate: 0.5 }, seed: 3 }),
    });
    const sentIds: string[] = [];
    await stack.adapter.continueConversationAsync(
      '',
      stack.reference(phone, conversationId),
      async (context) => {
        for (let i = 0; i < 5; i++)
          sentIds.push((await context.sendActivity(`update ${i}`))?.id ?? '');
      },
    );
    stack.sim.advance(10);
    await stack.sim.idle();
    const duplicated = stack.sim
      .deliveries()
      .filter((d) => (d as { duplicate?: boolean }).duplicate).length;
    for (const id of sentIds) {
      const mine = statuses.filter((s) => s.startsWith(`${id}:`));
      expect(mine).toEqual([`${id}:pending`, `${id}:sent`, `${id}:delivered`, `${id}:read`]);
    }
    console.info(
      `[redelivery] status updates delivered with duplicates (${duplicated} marked duplicate in the log)`,
    );
    await fetch(`${stack.sim.url}/_sim/faults`, { method: 'DELETE' });
  }, 30_000);

  it('marks a status that arrives after a later one as stale, and still shows it once', async () => {
    mode = 'healthy';
    const post = async (event: unknown) =>
      (
        await stack.adapter.handle(
          await signedWebhook('https://bot.example.com/late', event, SECRET_KEYS.signingKey, {
            signUrl: stack.adapter.options.webhookUrl,
          }),
          bot,
        )
      ).status;
    const read = STATUS_EVENTS.read();
    const delivered = STATUS_EVENTS.delivered();
    expect(await post(read)).toBe(200);
    expect(await post(delivered)).toBe(200);
    expect(await post(delivered)).toBe(200);
    const id = read.message.id;
    expect(statuses.filter((s) => s.startsWith(`${id}:`))).toEqual([
      `${id}:read`,
      `${id}:delivered:stale`,
    ]);
  });
});
