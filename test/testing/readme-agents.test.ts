// The README's "Testing your bot" example (Agents SDK), as a user pastes it.
import { AgentApplication, MemoryStorage, MessageFactory } from '@microsoft/agents-hosting';
import { expect, it } from 'vitest';
import { createTestChat } from '../../src/testing/index.js';

const app = new AgentApplication({ storage: new MemoryStorage() });
app.onMessage('coffee', async (context) => {
  await context.sendActivity(MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'));
});
app.onActivity('message', async (context) => {
  await context.sendActivity(`You chose: ${context.activity.text}`);
});

it('agents: takes a coffee order', async () => {
  const chat = await createTestChat({ front: 'agents', logic: (context) => app.run(context) });
  try {
    const ana = chat.contact('+5511987654321', { name: 'Ana' });
    await ana.says('coffee');
    await ana.taps('Large');
    expect(ana.lastMessage()?.text).toBe('You chose: Large');
  } finally {
    await chat.close();
  }
});
