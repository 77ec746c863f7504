import { createRequire } from 'node:module';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation, Message, SendResponse, Webhook } from '../../src/messagebird/index.js';
import { listOf } from '../../src/messagebird/list.js';
import { createClock, type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { IDS, SENDS } from '../payloads/index.js';
import { ACCESS_KEY } from './helpers.js';

const require = createRequire(import.meta.url);
const https = require('node:https') as typeof import('node:https');
const http = require('node:http') as typeof import('node:http');
const { initClient } = require('messagebird') as { initClient: (key: string) => any };

type Callback = (error: any, result: any) => void;

/** Calls a callback-style client method and resolves with its result. */
function promised(fn: (...args: any[]) => void, ...args: unknown[]): Promise<any> {
  return new Promise((resolve, reject) =>
    fn(...args, ((error, result) => (error ? reject(error) : resolve(result))) as Callback),
  );
}

let sim: RunningSimulator;
let originalRequest: typeof https.request;

beforeAll(async () => {
  sim = await startSimulator({
    channelId: IDS.channelId,
    businessNumber: IDS.businessPhone,
    clock: createClock({ mode: 'manual' }),
  });
  const port = new URL(sim.url).port;
  originalRequest = https.request;
  // The official client calls https.request({hostname: 'conversations.messagebird.com', ...}):
  // send it to the simulator over plain HTTP on 127.0.0.1 instead.
  (https as { request: unknown }).request = (options: Record<string, unknown>, callback?: never) =>
    http.request(
      { ...options, protocol: 'http:', hostname: '127.0.0.1', host: '127.0.0.1', port },
      callback,
    );
});

afterAll(async () => {
  (https as { request: unknown }).request = originalRequest;
  await sim.close();
});

describe("MessageBird's official Node client (messagebird@4)", () => {
  const client = () => initClient(ACCESS_KEY).conversations;

  it('sends, starts, lists, reads, replies and reads messages, and every answer parses', async () => {
    const conversations = client();
    const sent = v.parse(SendResponse, await promised(conversations.send, SENDS.text()));
    expect(sent.status).toBe('accepted');

    const inbound = await fetch(`${sim.url}/_sim/inbound`, {
      method: 'POST',
      body: JSON.stringify({ from: IDS.phone, type: 'text', content: { text: 'Hi!' } }),
    });
    expect(inbound.status).toBe(201);

    const started = v.parse(
      Conversation,
      await promised(conversations.start, {
        channelId: IDS.channelId,
        to: IDS.phone,
        type: 'text',
        content: { text: 'Thanks for writing.' },
      }),
    );
    expect(started.contact?.msisdn).toBe(IDS.msisdn);

    const page = v.parse(listOf(Conversation), await promised(conversations.list, 20, 0));
    expect(page.items.map((c) => c.id)).toEqual([started.id]);
    const read = v.parse(Conversation, await promised(conversations.read, started.id));
    expect(read.messages?.totalCount).toBe(3);

    const reply = v.parse(
      Message,
      await promised(conversations.reply, started.id, {
        type: 'text',
        content: { text: 'Your parcel ships today.' },
      }),
    );
    expect(reply).toMatchObject({ direction: 'sent', status: 'pending' });

    const messages = v.parse(
      listOf(Message),
      await promised(conversations.listMessages, started.id, 20, 0),
    );
    expect(messages.items[0]?.id).toBe(reply.id);
    expect(messages.totalCount).toBe(4);
    const one = v.parse(Message, await promised(conversations.readMessage, sent.id));
    expect(one.id).toBe(sent.id);

    const archived = v.parse(
      Conversation,
      await promised(conversations.update, started.id, { status: 'archived' }),
    );
    expect(archived.status).toBe('archived');
  });

  it('manages webhooks', async () => {
    const webhooks = client().webhooks;
    const created = v.parse(
      Webhook,
      await promised(webhooks.create, {
        channelId: IDS.channelId,
        url: 'https://bot.example.com/api/messagebird',
        events: ['message.created', 'message.updated'],
      }),
    );
    expect(v.parse(Webhook, await promised(webhooks.read, created.id)).id).toBe(created.id);
    const list = v.parse(listOf(Webhook), await promised(webhooks.list, 20, 0));
    expect(list.items.map((w) => w.id)).toContain(created.id);
    const updated = v.parse(
      Webhook,
      await promised(webhooks.update, created.id, { events: ['message.created'] }),
    );
    expect(updated.events).toEqual(['message.created']);
    expect(await promised(webhooks.delete, created.id)).toBe(true);
  });

  it('surfaces our error envelopes as the client’s API errors', async () => {
    const wrongKey = initClient('live_not_the_key').conversations;
    const denied = await promised(wrongKey.list, 20, 0).catch((error) => error);
    expect(denied.statusCode).toBe(401);
    expect(denied.errors[0]).toMatchObject({ code: 2, parameter: 'access_key' });

    const invalid = await promised(client().send, { ...SENDS.text(), to: 'nobody' }).catch(
      (error) => error,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.message).toMatch(/parameter: to/);

    const missing = await promised(client().read, IDS.conversationId).catch((error) => error);
    expect(missing.statusCode).toBe(404);
    expect(missing.errors[0].code).toBe(20);
  });
});
