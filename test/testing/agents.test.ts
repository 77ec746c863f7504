import {
  AgentApplication,
  MemoryStorage,
  MessageFactory,
  type TurnState,
} from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { WindowClosedError } from '../../src/agents/index.js';
import { createTestChat } from '../../src/testing/index.js';

describe('createTestChat (Agents SDK)', () => {
  for (const sockets of [false, true]) {
    it(`runs an AgentApplication with state ${sockets ? 'on sockets' : 'in memory'}`, async () => {
      const app = new AgentApplication<TurnState<{ count?: number }>>({
        storage: new MemoryStorage(),
      });
      // Agents SDK 1.8: state is saved only with an afterTurn handler (see the README's traps).
      app.onTurn('afterTurn', async () => true);
      app.onActivity('message', async (context, state) => {
        const count = (state.conversation.count ?? 0) + 1;
        state.conversation.count = count;
        if (context.activity.text === 'size') {
          await context.sendActivity(
            MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'),
          );
        } else if (context.activity.text === 'boom') {
          throw new Error('agent broke');
        } else {
          await context.sendActivity(`#${count}: ${context.activity.text}`);
        }
      });
      const chat = await createTestChat({
        front: 'agents',
        logic: (context) => app.run(context),
        sockets,
      });
      try {
        const ana = chat.contact('+5511987654321', { name: 'Ana' });
        await ana.says('hi');
        expect(ana.lastMessage()).toMatchObject({ text: '#1: hi', status: 'delivered' });
        await ana.says('size');
        await ana.taps('Large');
        expect(ana.lastMessage()?.text).toBe('#3: Large');
        await expect(ana.says('boom')).rejects.toThrow('agent broke');
        await chat.advance({ hours: 25 });
        const reference = {
          channelId: 'whatsapp',
          serviceUrl: 'https://messagebird.test/v1',
          conversation: { id: chat.transcript(ana)[0]?.conversation.id as string },
          user: { id: ana.phone, name: 'Ana' },
          agent: { id: chat.simulator.channelId, name: 'WhatsApp' },
        };
        await chat.adapter.continueConversation('', reference as never, async (context) => {
          await context.sendActivity('still there?');
        });
        await chat.advance({ seconds: 1 });
        expect(ana.lastMessage()).toMatchObject({ status: 'failed', error: { code: 470 } });
        const error = await chat.adapter
          .continueConversation('', reference as never, async (context) => {
            await context.sendActivity('hello?');
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WindowClosedError);
      } finally {
        await chat.close();
      }
    });
  }
});
