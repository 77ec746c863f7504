// The README's "Testing your bot" example (botbuilder), as a user pastes it.
import { ActivityHandler, MessageFactory } from 'botbuilder';
import { expect, it } from 'vitest';
import { createTestChat } from '../../src/testing/index.js';

const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  if (context.activity.text === 'coffee') {
    await context.sendActivity(MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'));
  } else {
    await context.sendActivity(`You chose: ${context.activity.text}`);
  }
  await next();
});

it('botbuilder: takes a coffee order', async () => {
  const chat = await createTestChat({
    logic: (context) => bot.run(context),
    adapter: {
      templates: [
        {
          name: 'order_ready',
          language: 'en',
          category: 'UTILITY',
          namespace: 'my_namespace',
          content: 'Hi {{1}}, your order is ready.',
        },
      ],
    },
  });
  try {
    const ana = chat.contact('+5511987654321', { name: 'Ana' });
    await ana.says('coffee'); // resolves once the bot's turn is done
    expect(ana.lastMessage()).toMatchObject({ type: 'interactive', buttons: ['Small', 'Large'] });
    await ana.taps('Large');
    expect(ana.lastMessage()?.text).toBe('You chose: Large');
    expect(chat.statuses.at(-1)?.status).toBe('delivered');
    await chat.advance({ hours: 25 }); // the 24-hour window has closed now
    expect(chat.transcript(ana)).toHaveLength(4); // a Bot Framework transcript, both directions
  } finally {
    await chat.close();
  }
});
