import type { ConversationReference } from '@microsoft/agents-activity';
import {
  AgentApplication,
  CardFactory,
  MemoryStorage,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MessageBirdAdapterError,
  type ReplyValue,
  STATUS_EVENT_NAME,
  type StatusValue,
  WindowClosedError,
} from '../../src/agents/index.js';
import type { RenderedMessage } from '../../src/simulator/render.js';
import { type AgentsStack, startAgentsStack } from './agents-stack.js';

/** What the agent keeps about a conversation between turns. */
interface Conversation {
  count?: number;
  name?: string;
  askingName?: boolean;
}

const TEMPLATE = { name: 'order_ready', language: 'en', content: 'Hi {{1}}, your order is ready.' };

let stack: AgentsStack;
let app: AgentApplication<TurnState<Conversation>>;
/** References the agent kept, by contact, as a proactive agent keeps them. */
const references = new Map<string, ConversationReference>();
/** Delivery statuses the agent was told of, as event activities. */
const statuses: StatusValue[] = [];
/** The `value` of each message turn, by its text. */
const values = new Map<string, unknown>();

/**
 * An AgentApplication as an Agents SDK user writes one: conversation state in MemoryStorage (saved
 * after each turn: the afterTurn handler is what makes 1.8.1 save it), replies, buttons, a hero
 * card, a list, media, and the delivery statuses as events.
 */
function buildApp(): AgentApplication<TurnState<Conversation>> {
  const agent = new AgentApplication<TurnState<Conversation>>({
    adapter: stack.adapter,
    storage: new MemoryStorage(),
  });
  agent.onTurn('afterTurn', async () => true);
  agent.onActivity('event', async (context) => {
    if (context.activity.name === STATUS_EVENT_NAME) {
      statuses.push(context.activity.value as StatusValue);
    }
  });
  agent.onActivity('message', async (context, state) => {
    const text = context.activity.text ?? '';
    const conversation = state.conversation;
    conversation.count = (conversation.count ?? 0) + 1;
    values.set(text, context.activity.value);
    references.set(
      context.activity.from?.id as string,
      context.activity.getConversationReference(),
    );
    const attachment = context.activity.attachments?.[0];
    if (attachment) {
      await context.sendActivity(`Got ${attachment.contentType} named ${attachment.name}`);
    } else if (conversation.askingName) {
      conversation.askingName = false;
      conversation.name = text;
      await context.sendActivity(`Nice to meet you, ${text}!`);
    } else if (text === 'name') {
      conversation.askingName = true;
      await context.sendActivity('What is your name?');
    } else if (text === 'who') {
      await context.sendActivity(`You are ${conversation.name}, turn ${conversation.count}.`);
    } else if (text === 'buttons') {
      await context.sendActivity(MessageFactory.suggestedActions(['Yes', 'No'], 'Shall we?'));
    } else if (text === 'card') {
      const card = CardFactory.heroCard(
        'Pizza',
        'Pick one',
        undefined,
        CardFactory.actions(['Margherita', 'Funghi']),
      );
      await context.sendActivity(MessageFactory.attachment(card));
    } else if (text === 'days') {
      const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
      await context.sendActivity(MessageFactory.suggestedActions(days, 'Which day?'));
    } else if (text === 'photo') {
      await context.sendActivity(
        MessageFactory.attachment(
          {
            contentType: 'image/png',
            contentUrl: 'https://media.example.com/pizza.png',
            name: 'pizza.png',
          },
          'Your pizza',
        ),
      );
    } else {
      await context.sendActivity(`#${conversation.count}: you said ${text}`);
    }
  });
  return agent;
}

beforeAll(async () => {
  stack = await startAgentsStack(
    (context: TurnContext) => app.run(context),
    (namespace) => ({
      templates: [{ ...TEMPLATE, category: 'UTILITY', namespace }],
    }),
  );
  await stack.approveTemplate(TEMPLATE.name, TEMPLATE.language, TEMPLATE.content);
  app = buildApp();
});
afterAll(() => stack.close());

const last = async (phone: string): Promise<RenderedMessage> => {
  const sent = await stack.sent(phone);
  return sent.at(-1) as RenderedMessage;
};
const textOf = (message: RenderedMessage) => (message.content as { text?: string }).text;

describe('an AgentApplication with MemoryStorage on WhatsApp', () => {
  it('holds a conversation: state survives turns', async () => {
    const phone = '+31612350001';
    await stack.say(phone, 'hello');
    expect(textOf(await last(phone))).toBe('#1: you said hello');
    await stack.say(phone, 'name');
    expect(textOf(await last(phone))).toBe('What is your name?');
    await stack.say(phone, 'Ada Lovelace');
    expect(textOf(await last(phone))).toBe('Nice to meet you, Ada Lovelace!');
    await stack.say(phone, 'who');
    expect(textOf(await last(phone))).toBe('You are Ada Lovelace, turn 4.');
    // Another contact has a conversation of their own.
    await stack.say('+31612350002', 'hi');
    expect(textOf(await last('+31612350002'))).toBe('#1: you said hi');
    expect(stack.errors).toEqual([]);
  });

  it('sends MessageFactory.suggestedActions as reply buttons whose ids are the titles; a tap comes back as the title', async () => {
    const phone = '+31612350003';
    await stack.say(phone, 'buttons');
    const question = await last(phone);
    expect(question.type).toBe('interactive');
    const interactive = (question.content as { interactive: Record<string, any> }).interactive;
    expect(interactive.body.text).toBe('Shall we?');
    expect(interactive.action.buttons).toEqual([
      { type: 'reply', id: 'Yes', title: 'Yes' },
      { type: 'reply', id: 'No', title: 'No' },
    ]);
    await stack.tap(phone, question, 'Yes');
    expect(textOf(await last(phone))).toBe('#2: you said Yes');
    expect(values.get('Yes')).toMatchObject({
      type: 'button_reply',
      id: 'Yes',
      text: 'Yes',
    } satisfies Partial<ReplyValue>);
  });

  it('sends a CardFactory hero card as buttons; a tap comes back as the title', async () => {
    const phone = '+31612350004';
    await stack.say(phone, 'card');
    const card = await last(phone);
    expect(card.type).toBe('interactive');
    const interactive = (card.content as { interactive: Record<string, any> }).interactive;
    expect(interactive.action.buttons.map((b: { title: string }) => b.title)).toEqual([
      'Margherita',
      'Funghi',
    ]);
    await stack.tap(phone, card, 'Funghi');
    expect(textOf(await last(phone))).toBe('#2: you said Funghi');
  });

  it('sends more than three choices as a list; the chosen row comes back', async () => {
    const phone = '+31612350005';
    await stack.say(phone, 'days');
    const list = await last(phone);
    const interactive = (list.content as { interactive: Record<string, any> }).interactive;
    expect(interactive.type).toBe('list');
    await stack.tap(phone, list, 'Thursday');
    expect(textOf(await last(phone))).toBe('#2: you said Thursday');
    expect(values.get('Thursday')).toMatchObject({ type: 'list_reply', id: 'Thursday' });
  });

  it('sends media, and receives it as an attachment', async () => {
    const phone = '+31612350006';
    await stack.say(phone, 'photo');
    const photo = await last(phone);
    expect(photo.type).toBe('image');
    expect(photo.content).toMatchObject({
      image: { url: 'https://media.example.com/pizza.png', caption: 'Your pizza' },
    });
    await stack.send(phone, 'image', {
      image: { url: 'https://media.example.com/from-ada/cat.jpg', caption: 'my cat' },
    });
    expect(textOf(await last(phone))).toBe('Got image/jpeg named cat.jpg');
    expect(stack.errors).toEqual([]);
  });

  it('tells the agent of delivery statuses as event activities', async () => {
    const phone = '+31612350007';
    await stack.say(phone, 'status please');
    const reply = await last(phone);
    stack.sim.advance(3);
    await stack.sim.idle();
    expect(statuses.filter((s) => s.messageId === reply.id).map((s) => s.status)).toEqual(
      expect.arrayContaining(['sent', 'delivered']),
    );
  });
});

describe('proactive turns', () => {
  it('continues a conversation from getConversationReference() with an empty app id', async () => {
    const phone = '+31612350008';
    await stack.say(phone, 'remember me');
    const reference = references.get(phone) as ConversationReference;
    expect(reference.agent).toMatchObject({ role: 'bot' });
    await stack.adapter.continueConversation('', reference, async (context) => {
      await context.sendActivity('Your order shipped');
    });
    expect(textOf(await last(phone))).toBe('Your order shipped');
    // A claims identity, as app.sendProactiveActivity passes a stored one, works too; so does a
    // reference that went through JSON (as stored in a database).
    const stored = JSON.parse(JSON.stringify(reference));
    await stack.adapter.continueConversation({ aud: 'any-app' }, stored, async (context) => {
      await context.sendActivity('It arrives tomorrow');
    });
    expect(textOf(await last(phone))).toBe('It arrives tomorrow');
    // AgentApplication's own proactive send goes through adapter.continueConversation.
    await app.sendProactiveActivity('', reference, 'Track it in the app');
    expect(textOf(await last(phone))).toBe('Track it in the app');
  });

  it('continues a conversation from a reference a botbuilder bot stored (bot, not agent)', async () => {
    const phone = '+31612350009';
    await stack.say(phone, 'hi');
    const { agent, ...rest } = references.get(phone) as ConversationReference;
    const botbuilderReference = { ...rest, bot: agent };
    await stack.adapter.continueConversation('', botbuilderReference, async (context) => {
      expect(context.activity.recipient?.id).toBe(agent?.id);
      await context.sendActivity('Still here');
    });
    expect(textOf(await last(phone))).toBe('Still here');
  });

  it('refuses a reference without a conversation id, saying where references come from', async () => {
    await expect(
      stack.adapter.continueConversation('', {} as ConversationReference, async () => {}),
    ).rejects.toThrow(MessageBirdAdapterError);
  });

  it('after 24 hours a free-form message fails with 470, then is refused; an approved template goes through', async () => {
    const phone = '+31612350010';
    await stack.say(phone, 'remind me tomorrow');
    const reference = references.get(phone) as ConversationReference;
    // The contact's message was stamped by the simulator's virtual clock: a day passes there.
    stack.sim.advance(25 * 3600);

    // The adapter's clock did not move, so it tries; MessageBird accepts and then fails it with 470.
    let sentId: string | undefined;
    await stack.adapter.continueConversation('', reference, async (context) => {
      sentId = (await context.sendActivity('Your order is ready'))?.id;
    });
    stack.sim.advance(2);
    await stack.sim.idle();
    const failed = statuses.find((s) => s.messageId === sentId && s.status === 'failed');
    expect(failed?.error?.code).toBe(470);

    // The adapter learned the window is closed: the next free-form send is refused before any call.
    let refused: unknown;
    await stack.adapter.continueConversation('', reference, async (context) => {
      try {
        await context.sendActivity('Hello?');
      } catch (error) {
        refused = error;
      }
    });
    expect(refused).toBeInstanceOf(WindowClosedError);

    await stack.adapter.continueConversation('', reference, async (context) => {
      await stack.adapter.sendTemplate(context, { name: TEMPLATE.name, params: ['Ada'] });
    });
    stack.sim.advance(3);
    await stack.sim.idle();
    const template = await last(phone);
    expect(template.type).toBe('hsm');
    expect(template.status).toBe('delivered');
  });

  it('opens a conversation with a new number through a template (createConversationAsync)', async () => {
    const phone = '+31612350011';
    await stack.adapter.createConversationAsync(
      '',
      'whatsapp',
      '',
      '',
      { members: [{ id: phone, name: 'Ben' }] },
      async (context) => {
        expect(context.activity).toMatchObject({ type: 'event', name: 'CreateConversation' });
        await stack.adapter.sendTemplate(context, { name: TEMPLATE.name, params: ['Ben'] });
      },
    );
    stack.sim.advance(3);
    await stack.sim.idle();
    const sent = await stack.sent(phone);
    expect(sent.map((m) => [m.type, m.status])).toEqual([['hsm', 'delivered']]);
  });
});
