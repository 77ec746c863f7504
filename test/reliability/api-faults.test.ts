import { afterAll, describe, expect, it } from 'vitest';
import { RetriesExhaustedError } from '../../src/adapter/index.js';
import { contact, startStack } from './stack.js';
import { guardSecrets, record, SECRET_KEYS, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();

const CONTACTS = 100;
const PER_CONTACT = 20;

// 28% of calls fail in a way that is retried (429, 503, a dropped connection). 13 attempts make a
// send's exhaustion negligible (0.28^13 × 2,000 sends ≈ 1e-4 a run); 9 attempts would give a
// RetriesExhaustedError in about one run of 50 (0.28^9 × 2,000): an error, not a lost message.
const RETRIES = 12;

const stack = await startStack(async () => {}, {
  simulator: { echoOutbound: false, schedule: { read: null } },
  adapter: { retry: { retries: RETRIES, baseDelayMs: 5, maxDelayMs: 100, timeoutMs: 5_000 } },
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
    // An error that reached the bot explains a missing message: say it before the transcripts.
    expect(failures.map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : e))).toEqual([]);

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
    expect((error as RetriesExhaustedError).attempts).toBe(RETRIES + 1);
    expect((error as Error).message).toMatch(
      new RegExp(`still failed after ${RETRIES + 1} attempts .*503`),
    );
    expect((error as Error).message).not.toContain(SECRET_KEYS.accessKey);
  });
});
