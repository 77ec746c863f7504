import { afterEach, describe, expect, it } from 'vitest';
import { MessageBirdAdapter } from '../../src/adapter/messagebird-adapter.js';
import type { DedupeStore } from '../../src/core/dedupe-store.js';
import type { Logger } from '../../src/core/logger.js';
import type { MessageBirdAdapterOptions } from '../../src/core/options.js';
import { WEBHOOK_ANSWER_CODES } from '../../src/core/webhook-answers.js';
import { signSignatureJwt } from '../../src/messagebird/signature-jwt.js';
import { IDS } from '../payloads/ids.js';
import { INBOUND_EVENTS } from '../payloads/webhooks.js';

const KEYS = {
  accessKey: 'test_WEBHOOKERR_access_9d2f',
  signingKey: 'test_WEBHOOKERR_signing_4c7a',
} as const;
const URL = 'https://bot.example.com/api/messages';

interface Entry {
  level: string;
  message: string;
  data: Record<string, unknown> | undefined;
}

let adapter: MessageBirdAdapter | undefined;
afterEach(async () => {
  await adapter?.close();
  adapter = undefined;
});

/** An adapter whose logger keeps every entry. */
function capturingAdapter(options: Partial<MessageBirdAdapterOptions> = {}) {
  const entries: Entry[] = [];
  const keep =
    (level: string) =>
    (message: string, data?: Record<string, unknown>): void => {
      entries.push({ level, message, data });
    };
  const logger: Logger = {
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
  };
  adapter = new MessageBirdAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    webhookUrl: URL,
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    logger,
    ...options,
  });
  return { adapter, entries };
}

async function signed(payload: unknown): Promise<Request> {
  const body = JSON.stringify(payload);
  const jwt = await signSignatureJwt({ url: URL, body, signingKey: KEYS.signingKey });
  return new Request(URL, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'MessageBird-Signature-JWT': jwt },
  });
}

function expectNoKeys(entries: Entry[]): void {
  const text = JSON.stringify(entries);
  expect(text).not.toContain(KEYS.accessKey);
  expect(text).not.toContain(KEYS.signingKey);
}

describe('a failure while handling a webhook is logged with its stack', () => {
  it('a bot that throws: 500 TURN_FAILED, and the error log has the stack, name and code', async () => {
    const { adapter, entries } = capturingAdapter();
    const boom = Object.assign(new Error('boom'), { code: 'BOT_BROKE' });
    const response = await adapter.handle(await signed(INBOUND_EVENTS.text), async () => {
      throw boom;
    });

    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      WEBHOOK_ANSWER_CODES.turnFailed,
    );
    const errors = entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatchObject({
      event: 'message.created',
      error: 'boom',
      name: 'Error',
      code: 'BOT_BROKE',
    });
    expect(errors[0]?.data?.stack).toEqual(expect.stringContaining('Error: boom'));
    expect(errors[0]?.data?.stack).toEqual(expect.stringContaining('webhook-errors.test.ts'));
    expectNoKeys(entries);
  });

  it('an unexpected failure in the adapter (a broken store): 500 INTERNAL, logged with its stack', async () => {
    const broken: DedupeStore = {
      claim: () => {
        throw new TypeError('dedupe store is broken');
      },
      complete: () => {},
      release: () => {},
    };
    const { adapter, entries } = capturingAdapter({ dedupe: { store: broken } });
    let ran = false;
    const response = await adapter.handle(await signed(INBOUND_EVENTS.text), async () => {
      ran = true;
    });

    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      WEBHOOK_ANSWER_CODES.internal,
    );
    expect(ran).toBe(false);
    const errors = entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatchObject({ error: 'dedupe store is broken', name: 'TypeError' });
    expect(errors[0]?.data?.stack).toEqual(
      expect.stringContaining('TypeError: dedupe store is broken'),
    );
    expectNoKeys(entries);
  });
});
