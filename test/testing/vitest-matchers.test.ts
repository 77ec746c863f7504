import { ActivityHandler, MessageFactory, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createTestChat } from '../../src/testing/index.js';
import '../../src/testing/vitest/index.js';

describe('./testing/vitest matchers', () => {
  it('speak WhatsApp: received texts, buttons and statuses', async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity(
        MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'),
      );
      await next();
    });
    const chat = await createTestChat({ logic: (context: TurnContext) => bot.run(context) });
    try {
      const ana = chat.contact('+5511987654321', { name: 'Ana' });
      await ana.says('coffee');
      expect(ana).toHaveReceived('Which size?');
      expect(ana).toHaveReceived(/which/i);
      expect(ana).not.toHaveReceived('Tea');
      expect(ana.lastMessage()).toHaveButtons(['Small', 'Large']);
      expect(ana.lastMessage()).toHaveStatus('delivered');
      expect(() => expect(ana).toHaveReceived('Tea')).toThrow(
        /expected Ana to have received Tea; they got:\n {2}interactive: "Which size\?" \(delivered\)/,
      );
      expect(() => expect(ana.lastMessage()).toHaveStatus('read')).toThrow(
        'expected the message to be read; it is delivered',
      );
    } finally {
      await chat.close();
    }
  });
});
