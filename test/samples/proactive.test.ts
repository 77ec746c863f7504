import {
  ActivityHandler,
  type ConversationReference,
  TurnContext as Turn,
  type TurnContext,
} from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotStack, startBotStack } from '../support/bot-stack.js';

/**
 * A bot written as Microsoft's sample 16 is: it keeps each conversation's reference from its
 * conversationUpdate and message turns, and a notify route sends to all of them proactively.
 */
class ProactiveBot extends ActivityHandler {
  readonly references = new Map<string, Partial<ConversationReference>>();
  constructor() {
    super();
    const keep = (context: TurnContext) => {
      const reference = Turn.getConversationReference(context.activity);
      this.references.set(reference.conversation?.id as string, reference);
    };
    this.onConversationUpdate(async (context, next) => {
      keep(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      keep(context);
      await context.sendActivity('Navigate to /api/notify to proactively message everyone.');
      await next();
    });
  }
}

let stack: BotStack;
const bot = new ProactiveBot();
beforeAll(async () => {
  stack = await startBotStack((context: TurnContext) => bot.run(context));
});
afterAll(() => stack.close());

describe('a proactive notifier', () => {
  it('reaches every contact who wrote, through continueConversationAsync as samples call it', async () => {
    const phones = ['+31612340301', '+31612340302'];
    for (const phone of phones) await stack.say(phone, 'hi');
    expect(bot.references.size).toBe(2);
    // Sample 16 passes process.env.MicrosoftAppId, which is not set on WhatsApp.
    for (const reference of bot.references.values()) {
      await stack.adapter.continueConversationAsync(
        undefined as unknown as string,
        reference,
        async (context) => {
          await context.sendActivity('proactive hello');
        },
      );
    }
    for (const phone of phones) {
      const texts = (await stack.sent(phone)).map((m) => (m.content as { text?: string }).text);
      expect(texts).toEqual([
        'Navigate to /api/notify to proactively message everyone.',
        'proactive hello',
      ]);
    }
    expect(stack.turnErrors).toEqual([]);
  });
});
