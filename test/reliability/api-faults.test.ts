import { afterAll, describe, expect, it } from 'vitest';
import { RetriesExhaustedError } from '../../src/adapter/index.js';
import { contact, startStack } from './stack.js';
import { guardSecrets, record, SECRET_KEYS, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();

const CONTACTS = 100;
const PER_CONTACT = 20;

const stack = await startStack(async () => {}, {
  simulator: { echoOutbound: false, schedule: { read: null } },
});
afterAll(() => stack.close());

const control = (path: string, method: string, body?: unknown) =>
  fetch(`${stack.sim.url}/_sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('outbound messages under injected faults', () => {
  it('loses none, sends none twice and keeps each contact’s order through 429, 503, latency and dropped connections', async () => {
    const conversations = new Map<string, string>();
    for (let i = 0; i < CONTACTS; i++) {
      const message = stack.sim.inbound({
        from: contact(i),
        type: 'text',
        content: { text: 'hello' },
      });
      conversations.set(contact(i), message.conversationId);
    }
    await stack.sim.idle();
    // 40% of calls fail in one way or another: before handling (429, 503, dropped connection)
    // or after it (the send is stored, the answer is lost).
    const faults = {
      status: { '429': 0.05, '503': 0.15 },
      latencyMs: { min: 0, max: 15 },
      dropConnection: 0.1,
      dropResponse: 0.1,
      seed: 11,
    };
    expect((await control('faults', 'PUT', faults)).status).toBe(200);

    const failures: unknown[] = [];
    await Promise.all(
      [...conversations].map(([phone, conversationId]) =>
        stack.adapter.continueConversationAsync(
          '',
          stack.reference(phone, conversationId),
          async (context) => {
            for (let n = 0; n < PER_CONTACT; n++) {
              try {
                await context.sendActivity(`message ${n}`);
              } catch (error) {
                record(error);
                failures.push(error);
              }
            }
          },
        ),
      ),
    );
    await control('faults', 'DELETE');

    let sent = 0;
    for (const [phone] of conversations) {
      const response = await fetch(
        `${stack.sim.url}/_sim/messages?contact=${encodeURIComponent(phone)}&direction=sent`,
      );
      const transcript = (await response.json()) as
        | { items?: { content: { text?: string } }[] }
        | { content: { text?: string } }[];
      const items = Array.isArray(transcript) ? transcript : (transcript.items ?? []);
      const texts = items.map((m) => m.content.text);
      expect(texts).toEqual(Array.from({ length: PER_CONTACT }, (_, n) => `message ${n}`));
      sent += texts.length;
    }
    console.info(
      `[faults] ${CONTACTS * PER_CONTACT} sends under 40% injected faults: ${sent} stored once each, in order; ${failures.length} errors reached the bot`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBe(CONTACTS * PER_CONTACT);
  }, 120_000);

  it('gives the bot a typed error only after the retries are spent', async () => {
    const phone = contact(0);
    const { conversationId } = stack.sim.inbound({
      from: phone,
      type: 'text',
      content: { text: 'again' },
    });
    await stack.sim.idle();
    await control('faults', 'PUT', { status: { '503': 1 } });
    let error: unknown;
    await stack.adapter.continueConversationAsync(
      '',
      stack.reference(phone, conversationId),
      async (context) => {
        try {
          await context.sendActivity('never arrives');
        } catch (e) {
          error = e;
        }
      },
    );
    await control('faults', 'DELETE');
    record(error);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(stack.adapter.options.retry.retries + 1);
    expect((error as Error).message).toMatch(/still failed after 9 attempts .*503/);
    expect((error as Error).message).not.toContain(SECRET_KEYS.accessKey);
  });
});
