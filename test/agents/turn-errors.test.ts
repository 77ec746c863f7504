import {
  AgentApplication,
  MemoryStorage,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../src/simulator/render.js';
import { type AgentsStack, startAgentsStack } from './agents-stack.js';

/** An agent that fails on "boom" and echoes anything else. */
function failingApp(stack: AgentsStack): AgentApplication<TurnState> {
  const app = new AgentApplication<TurnState>({
    adapter: stack.adapter,
    storage: new MemoryStorage(),
  });
  app.onActivity('message', async (context) => {
    if (context.activity.text === 'boom') throw new Error('the kitchen is on fire');
    await context.sendActivity(`echo: ${context.activity.text}`);
  });
  return app;
}

const texts = (messages: RenderedMessage[]) =>
  messages.map((m) => (m.content as { text?: string }).text);

let stack: AgentsStack;
let app: AgentApplication<TurnState>;
beforeAll(async () => {
  stack = await startAgentsStack((context: TurnContext) => app.run(context));
  app = failingApp(stack);
});
afterAll(() => stack.close());

describe('an agent that throws', () => {
  it('gets the webhook answered 500 (MessageBird redelivers), the error logged with its stack, and tells the contact nothing', async () => {
    const phone = '+31612360001';
    const message = await stack.say(phone, 'boom');
    const deliveries = stack.sim
      .deliveries()
      .filter((d) => d.messageId === message.id && d.event === 'message.created');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 500));
    // Not the SDK's default "The agent encountered an error or bug." nor anything else.
    expect(texts(await stack.sent(phone))).toEqual([]);
    const logged = stack.errors.find((e) => String(e.data?.error).includes('kitchen is on fire'));
    expect(logged?.data?.stack).toMatch(/the kitchen is on fire\n\s+at /);
    // The agent goes on with the next message.
    await stack.say(phone, 'hello');
    expect(texts(await stack.sent(phone))).toEqual(['echo: hello']);
  });

  it('runs the user’s own adapter.onTurnError instead, and the webhook is answered 200', async () => {
    const phone = '+31612360002';
    const seen: string[] = [];
    const original = stack.adapter.onTurnError;
    stack.adapter.onTurnError = async (context, error) => {
      seen.push(error.message);
      await context.sendActivity('Sorry, something went wrong. Please try again.');
    };
    try {
      const message = await stack.say(phone, 'boom');
      expect(seen).toEqual(['the kitchen is on fire']);
      expect(texts(await stack.sent(phone))).toEqual([
        'Sorry, something went wrong. Please try again.',
      ]);
      const statuses = stack.sim
        .deliveries()
        .filter((d) => d.messageId === message.id && d.event === 'message.created')
        .map((d) => d.status);
      expect(statuses).toEqual([200]);
    } finally {
      stack.adapter.onTurnError = original;
    }
  });

  it('runs a handler given to app.onError (it sets adapter.onTurnError)', async () => {
    const phone = '+31612360003';
    const seen: string[] = [];
    const original = stack.adapter.onTurnError;
    app.onError(async (_context, error) => {
      seen.push(error.message);
    });
    try {
      await stack.say(phone, 'boom');
      expect(seen).toEqual(['the kitchen is on fire']);
      expect(texts(await stack.sent(phone))).toEqual([]);
    } finally {
      stack.adapter.onTurnError = original;
    }
  });
});
