import { ActivityHandler, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WindowClosedError } from '../../src/adapter/index.js';
import { type BotStack, startBotStack } from '../support/bot-stack.js';

/** A bot written as Microsoft's 02 and 03 samples are: it greets in onMembersAdded, then echoes. */
class WelcomeBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(`Hello and welcome, ${member.name}!`);
        }
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const texts = (messages: { content: unknown }[]) =>
  messages.map((m) => (m.content as { text?: string }).text);

let stack: BotStack;
const bot = new WelcomeBot();
beforeAll(async () => {
  stack = await startBotStack((context: TurnContext) => bot.run(context), {
    templates: [
      {
        name: 'order_ready',
        language: 'en',
        category: 'UTILITY',
        namespace: 'acme_namespace',
        content: 'Hi {{1}}, your order is ready.',
      },
    ],
  });
});
afterAll(() => stack.close());

describe('a bot that greets in onMembersAdded, with default options', () => {
  it('greets a contact who has just written, before it answers their first message', async () => {
    const phone = '+31612340001';
    await stack.say(phone, 'hi');
    expect(texts(await stack.sent(phone))).toEqual(['Hello and welcome, Ada!', 'Echo: hi']);
    expect(stack.turnErrors).toEqual([]);
    // The window is open from the contact's message: later answers go out too.
    await stack.say(phone, 'again');
    expect(texts(await stack.sent(phone)).at(-1)).toBe('Echo: again');
  });

  it('does not open the window for a conversation the business opened with a template', async () => {
    const phone = '+31612340002';
    const before = stack.turnErrors.length;
    await stack.adapter.createConversationAsync(
      '',
      'whatsapp',
      '',
      '',
      {
        members: [{ id: phone, name: 'Ben' }],
        isGroup: false,
        bot: { id: '', name: '' },
        channelData: {},
      },
      async (context) => {
        await stack.adapter.sendTemplate(context, { name: 'order_ready', params: ['Ben'] });
      },
    );
    await stack.sim.idle();
    // Only the template went out: the greeting in conversationUpdate was refused, with a reason
    // that names the greeting, not a restart.
    const sent = await stack.sent(phone);
    expect(sent.map((m) => m.type)).toEqual(['hsm']);
    const error = stack.turnErrors[before];
    expect(error).toBeInstanceOf(WindowClosedError);
    expect((error as Error).message).toMatch(
      /conversationUpdate turn \(a greeting in onMembersAdded/,
    );
    expect((error as Error).message).toMatch(/adapter\.sendTemplate/);
    expect(await stack.adapter.windows.lastInbound(phone)).toBeUndefined();
  });
});
