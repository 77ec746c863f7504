import { ActivityHandler, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { WindowClosedError } from '../../src/adapter/index.js';
import { createTestChat, type TestChat } from '../../src/testing/index.js';
import { addBirdSubscription } from '../support/bird-subscription.js';

const NAMESPACE = 'kit_test_namespace';
const TEMPLATES = [
  {
    name: 'order_ready',
    language: 'en',
    category: 'UTILITY' as const,
    namespace: NAMESPACE,
    content: 'Hi {{1}}, your order {{2}} is ready.',
  },
  {
    name: 'not_yet',
    language: 'en',
    category: 'UTILITY' as const,
    namespace: NAMESPACE,
    content: 'Not approved {{1}}',
  },
];

/** A small bot: echoes, offers sizes, throws on "boom", sends templates on "ready"/"pending". */
function makeBot(chat: () => TestChat<import('../../src/adapter/index.js').MessageBirdAdapter>) {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const text = context.activity.text ?? '';
    if (text === 'size') {
      await context.sendActivity(
        MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'),
      );
    } else if (text === 'menu') {
      const rows = ['Espresso', 'Latte', 'Mocha', 'Tea'];
      await context.sendActivity(MessageFactory.suggestedActions(rows, 'Pick a drink'));
    } else if (text === 'card') {
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.heroCard('Coffee', 'Hot', ['https://example.org/c.png'], ['Order', 'Later']),
        ),
      );
    } else if (text === 'boom') {
      throw new Error('the bot broke');
    } else if (text === 'ready' || text === 'pending') {
      await chat().adapter.sendTemplate(context, {
        name: text === 'ready' ? 'order_ready' : 'not_yet',
        params: ['Ana', '42'].slice(0, text === 'ready' ? 2 : 1),
      });
    } else if (text === 'unsupported') {
      await context.sendActivity({
        type: 'message',
        attachments: [{ contentType: 'application/x-nothing', content: {} }],
      });
    } else if (context.activity.attachments?.length) {
      await context.sendActivity(`got ${context.activity.attachments[0]?.contentType}`);
    } else if (context.activity.entities?.some((e) => e.type === 'GeoCoordinates')) {
      await context.sendActivity('got your location');
    } else {
      await context.sendActivity(`you said: ${text}`);
    }
    await next();
  });
  return bot;
}

let chat: TestChat<import('../../src/adapter/index.js').MessageBirdAdapter> | undefined;
afterEach(async () => {
  await chat?.close();
  chat = undefined;
});

async function start(sockets = false, unapprovedTemplates: string[] = []) {
  let created: typeof chat;
  const bot = makeBot(() => created as NonNullable<typeof chat>);
  created = await createTestChat({
    logic: (context: TurnContext) => bot.run(context),
    adapter: { templates: TEMPLATES },
    simulator: { unapprovedTemplates },
    sockets,
  });
  chat = created;
  return created;
}

describe('createTestChat (botbuilder)', () => {
  for (const sockets of [false, true]) {
    it(`holds a conversation ${sockets ? 'on sockets' : 'in memory'}`, async () => {
      const c = await start(sockets);
      const ana = c.contact('+55 11 98765-4321', { name: 'Ana' });
      expect(ana.phone).toBe('+5511987654321');
      const replies = await ana.says('hi');
      expect(replies.map((m) => m.text)).toEqual(['you said: hi']);
      expect(ana.lastMessage()).toMatchObject({
        type: 'text',
        text: 'you said: hi',
        status: 'delivered',
      });
      expect(ana.lastMessage()?.payload).toMatchObject({ to: '+5511987654321', type: 'text' });
      await ana.says('size');
      expect(ana.lastMessage()).toMatchObject({ type: 'interactive', buttons: ['Small', 'Large'] });
      await ana.taps('Large');
      expect(ana.lastMessage()?.text).toBe('you said: Large');
      expect(c.statuses.some((s) => s.status === 'delivered')).toBe(true);
    });
  }

  it('taps list rows and hero card buttons, and names the buttons there are', async () => {
    const ana = (await start()).contact('+5511987654321', { name: 'Ana' });
    await ana.says('menu');
    expect(ana.lastMessage()?.rows).toEqual(['Espresso', 'Latte', 'Mocha', 'Tea']);
    await ana.taps('Mocha');
    expect(ana.lastMessage()?.text).toBe('you said: Mocha');
    await ana.says('card');
    expect(ana.lastMessage()).toMatchObject({
      buttons: ['Order', 'Later'],
      media: { url: 'https://example.org/c.png' },
    });
    await expect(ana.taps('Large')).rejects.toThrow(/cannot tap "Large".*"Order", "Later"/s);
  });

  it('sends media and locations', async () => {
    const ana = (await start()).contact('+5511987654321', { name: 'Ana' });
    await ana.sendsImage('https://example.org/p.png', { caption: 'the broken part' });
    expect(ana.lastMessage()?.text).toBe('got image/png');
    await ana.sendsLocation(52.37, 4.89);
    expect(ana.lastMessage()?.text).toBe('got your location');
  });

  it('rejects with the bot error, its stack included, and with unsupported activities', async () => {
    const ana = (await start()).contact('+5511987654321', { name: 'Ana' });
    const error = await ana.says('boom').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('the bot broke');
    expect((error as Error).stack).toContain('test-chat.test.ts');
    await expect(ana.says('unsupported')).rejects.toThrow(/attachments/);
    await expect(ana.says('still here')).resolves.toHaveLength(1);
  });

  it('rejects when the bot answers a webhook with an error, naming the event and the status', async () => {
    const bot = new ActivityHandler();
    chat = await createTestChat({
      logic: (context: TurnContext) => bot.run(context),
      // Every webhook is larger than this: the adapter answers 413 and no turn runs.
      adapter: { maxBodyBytes: 16 },
    });
    const ana = chat.contact('+5511987654321', { name: 'Ana' });
    await expect(ana.says('hi')).rejects.toThrow(/the bot answered the \S+ webhook 413/);
  });

  it('sends approved templates, and fails unapproved ones with MessageBird error', async () => {
    const c = await start(false, ['not_yet']);
    const ana = c.contact('+5511987654321', { name: 'Ana' });
    await ana.says('ready');
    expect(ana.lastMessage()).toMatchObject({
      type: 'hsm',
      text: 'Hi Ana, your order 42 is ready.',
      template: { name: 'order_ready', language: 'en', params: ['Ana', '42'] },
      status: 'delivered',
    });
    await ana.says('pending');
    const failed = ana.lastMessage();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 2001 } });
    expect(c.statuses.at(-1)).toMatchObject({
      messageId: failed?.id,
      status: 'failed',
      error: { code: 2001 },
    });
  });

  it('closes the window after 24 hours: 470, then WindowClosedError', async () => {
    const c = await start();
    const ana = c.contact('+5511987654321', { name: 'Ana' });
    await ana.says('hi');
    await c.advance({ hours: 25 });
    const conversation = ana.lastMessage()?.payload as { to: string };
    expect(conversation.to).toBe('+5511987654321');
    const ref = {
      channelId: 'whatsapp',
      serviceUrl: 'https://messagebird.test/v1',
      conversation: {
        id: c.transcript(ana)[0]?.conversation.id as string,
        isGroup: false,
        conversationType: 'personal',
        name: 'Ana',
      },
      user: { id: ana.phone, name: 'Ana' },
      bot: { id: c.simulator.channelId, name: 'WhatsApp' },
    };
    await c.adapter.continueConversationAsync('', ref, async (context) => {
      await context.sendActivity('are you there?');
    });
    await c.advance({ seconds: 1 });
    expect(ana.lastMessage()).toMatchObject({
      text: 'are you there?',
      status: 'failed',
      error: { code: 470 },
    });
    const error = await c.adapter
      .continueConversationAsync('', ref, async (context) => {
        await context.sendActivity('hello?');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WindowClosedError);
  });

  it('gives the conversation as a Bot Framework transcript', async () => {
    const c = await start();
    const ana = c.contact('+5511987654321', { name: 'Ana' });
    await ana.says('size');
    await ana.taps('Small');
    const transcript = c.transcript(ana);
    expect(transcript.map((a) => [a.from.role, a.text])).toEqual([
      ['user', 'size'],
      ['bot', 'Which size?'],
      ['user', 'Small'],
      ['bot', 'you said: Small'],
    ]);
    expect(transcript[0]).toMatchObject({
      type: 'message',
      channelId: 'whatsapp',
      from: { id: '+5511987654321', name: 'Ana', role: 'user' },
      recipient: { role: 'bot' },
    });
    expect(transcript[1]?.suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Small',
      'Large',
    ]);
    expect(JSON.parse(JSON.stringify(transcript))).toEqual(transcript);
  });
});

describe('createTestChat over Bird (api: "bird")', () => {
  const PROJECT = '8f2c6d1e-3a4b-4c5d-9e6f-7a8b9c0d1e2f';
  const BIRD_TEMPLATES = [
    { name: 'order_ready', projectId: PROJECT, language: 'en', variables: ['name', 'order'] },
    {
      name: 'not_yet',
      projectId: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b',
      language: 'en',
      variables: ['name'],
      content: 'Not approved {{name}}',
    },
  ];
  async function startBird(sockets = false, unapprovedTemplates: string[] = []) {
    let created: typeof chat;
    const bot = makeBot(() => created as NonNullable<typeof chat>);
    created = await createTestChat({
      logic: (context: TurnContext) => bot.run(context),
      adapter: { api: 'bird', templates: BIRD_TEMPLATES },
      simulator: { unapprovedTemplates },
      sockets,
    });
    chat = created;
    return created;
  }

  for (const sockets of [false, true]) {
    it(`holds a conversation ${sockets ? 'on sockets' : 'in memory'}, with Bird's requests and ids`, async () => {
      const c = await startBird(sockets);
      const ana = c.contact('+5511987654321', { name: 'Ana' });
      await expect(ana.says('hi')).resolves.toMatchObject([{ text: 'you said: hi' }]);
      expect(ana.lastMessage()?.payload).toMatchObject({
        receiver: { contacts: [{ identifierValue: '+5511987654321' }] },
        body: { type: 'text', text: { text: 'you said: hi' } },
      });
      await ana.says('size');
      expect(ana.lastMessage()).toMatchObject({ type: 'interactive', buttons: ['Small', 'Large'] });
      await ana.taps('Large');
      expect(ana.lastMessage()?.text).toBe('you said: Large');
      // The bot was told of its messages by the ids Bird answered.
      const ids = ana.messages.map((m) => m.id);
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(id))).toBe(true);
      expect(c.statuses.filter((s) => s.status === 'delivered').map((s) => s.messageId)).toEqual(
        expect.arrayContaining(ids),
      );
    });
  }

  it('verifies every webhook’s signature in memory: one signed with another key is refused 401 and runs no turn', async () => {
    const turns: string[] = [];
    chat = await createTestChat({
      logic: (context: TurnContext) => {
        if (context.activity.type === 'message') turns.push(context.activity.text ?? '');
      },
      adapter: { api: 'bird' },
    });
    // A second subscription to the same URL, signing with a key the bot does not have.
    expect(
      await addBirdSubscription(chat, {
        event: 'whatsapp.inbound',
        signingKey: 'a-key-the-bot-does-not-know',
      }),
    ).toBe(201);
    const ana = chat.contact('+5511987654321', { name: 'Ana' });
    await expect(ana.says('hi')).rejects.toThrow(
      /the bot answered the whatsapp.inbound webhook 401/,
    );
    // The well-signed copy ran its turn once; the other was refused before it.
    expect(turns).toEqual(['hi']);
  });

  it('sends a template by project with its variables, and fails an unapproved one with its reason', async () => {
    const c = await startBird(false, ['not_yet']);
    const ana = c.contact('+5511987654321', { name: 'Ana' });
    await ana.says('ready');
    expect(ana.lastMessage()).toMatchObject({
      type: 'hsm',
      text: 'order_ready: Ana, 42',
      template: { name: 'order_ready', params: ['Ana', '42'] },
      status: 'delivered',
      payload: {
        template: {
          projectId: PROJECT,
          version: 'latest',
          locale: 'en',
          parameters: [
            { type: 'string', key: 'name', value: 'Ana' },
            { type: 'string', key: 'order', value: '42' },
          ],
        },
      },
    });
    await ana.says('pending');
    const failed = ana.lastMessage();
    expect(failed?.status).toBe('failed');
    expect(c.statuses.at(-1)).toMatchObject({
      messageId: failed?.id,
      status: 'failed',
      error: { description: expect.stringContaining('not_yet') },
    });
  });
});
