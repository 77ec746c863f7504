import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import {
  AgentApplication,
  CardFactory,
  MemoryStorage,
  MessageFactory,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MessageBirdAgentsAdapter,
  NotSupportedError,
  type ReplyValue,
  STATUS_EVENT_NAME,
  type StatusValue,
  WindowClosedError,
} from '../../src/agents/index.js';
import type { RenderedMessage } from '../../src/simulator/index.js';
import { createTestChat, type TestChat, type TestContact } from '../../src/testing/index.js';
import { BIRD_IDS } from '../payloads/index.js';
import { addBirdSubscription } from '../support/bird-subscription.js';

/*
 * The Agents SDK front on Bird's Channels API, end to end in process through the test kit: an
 * AgentApplication with conversation state behind MessageBirdAgentsAdapter({ api: 'bird' }), the
 * simulator's Bird face delivering signed webhooks into adapter.handle and taking the agent's sends.
 * What the contact received is read as the simulator renders it, so the wire content is asserted.
 */

const PHONE = '+31687650012';

interface Conversation {
  count?: number;
}

let chat: TestChat<MessageBirdAgentsAdapter>;
let bo: TestContact;
let app: AgentApplication<TurnState<Conversation>>;
const statuses: StatusValue[] = [];
const messages: Activity[] = [];
const references = new Map<string, ConversationReference>();

function buildApp(): AgentApplication<TurnState<Conversation>> {
  const agent = new AgentApplication<TurnState<Conversation>>({
    adapter: chat.adapter,
    storage: new MemoryStorage(),
  });
  agent.onTurn('afterTurn', async () => true);
  agent.onActivity('event', async (context) => {
    if (context.activity.name === STATUS_EVENT_NAME) {
      statuses.push(context.activity.value as StatusValue);
    }
  });
  agent.onActivity('message', async (context, state) => {
    const conversation = state.conversation;
    conversation.count = (conversation.count ?? 0) + 1;
    messages.push(context.activity);
    references.set(
      context.activity.from?.id as string,
      context.activity.getConversationReference(),
    );
    const text = context.activity.text ?? '';
    const attachment = context.activity.attachments?.[0];
    if (attachment) {
      await context.sendActivity(`Got ${attachment.contentType} named ${attachment.name}`);
    } else if (text === 'buttons') {
      await context.sendActivity(MessageFactory.suggestedActions(['Yes', 'No'], 'Shall we?'));
    } else if (text === 'card') {
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.heroCard('Pizza', 'Margherita, fresh', undefined, [
            { type: 'imBack', title: 'Order', value: 'order-pizza' },
          ]),
        ),
      );
    } else if (text === 'invoice') {
      await context.sendActivity({
        type: 'message',
        attachments: [
          {
            contentType: 'application/pdf',
            contentUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
            name: 'INV-1042.pdf',
          },
        ],
      } as Activity);
    } else {
      await context.sendActivity(`Turn ${conversation.count}: ${text}`);
    }
  });
  return agent;
}

beforeAll(async () => {
  chat = await createTestChat({
    front: 'agents',
    logic: (context) => app.run(context),
    adapter: {
      api: 'bird',
      workspaceId: BIRD_IDS.workspaceId,
      channelId: BIRD_IDS.channelId,
      channelName: 'Pizzeria',
      templates: [
        {
          name: 'order_ready',
          projectId: BIRD_IDS.projectId,
          language: 'en',
          variables: ['name'],
          content: 'Hi {{name}}, your order is ready.',
        },
      ],
    },
    simulator: { schedule: { read: 0 } },
  });
  app = buildApp();
  bo = chat.contact(PHONE);
  // The kit subscribes to whatsapp.inbound and .outbound; a read also comes as an interaction,
  // and the agent must be told it once.
  expect(
    await addBirdSubscription(chat, {
      event: 'whatsapp.interaction',
      channelId: BIRD_IDS.channelId,
    }),
  ).toBe(201);
});

afterAll(async () => {
  await chat?.close();
});

/** What a contact has received from the agent, oldest first, as the simulator renders it. */
async function received(phone = PHONE): Promise<RenderedMessage[]> {
  const response = await chat.simulator.app.request(
    `/_sim/messages?contact=${encodeURIComponent(phone)}&direction=sent`,
  );
  return ((await response.json()) as { items: RenderedMessage[] }).items;
}

/** The newest message the contact received, after an action of the contact's. */
async function newest(action: Promise<unknown>): Promise<RenderedMessage> {
  await action;
  return (await received()).at(-1) as RenderedMessage;
}

describe('the Agents SDK adapter against the simulator’s Bird face', () => {
  it('runs an AgentApplication with state across turns of one Bird conversation', async () => {
    expect((await newest(bo.says('hello'))).content).toEqual({ text: 'Turn 1: hello' });
    expect((await newest(bo.says('again'))).content).toEqual({ text: 'Turn 2: again' });
    expect(messages[0]).toBeInstanceOf(Activity);
    expect(messages[0]).toMatchObject({
      channelId: 'whatsapp',
      from: { id: PHONE, name: PHONE },
      recipient: { id: BIRD_IDS.channelId, name: 'Pizzeria' },
      conversation: { id: `${BIRD_IDS.channelId}:${PHONE}` },
    });
  });

  it('sends suggested actions as buttons and reads the tap back', async () => {
    const buttons = await newest(bo.says('buttons'));
    expect(buttons.content).toMatchObject({
      interactive: {
        type: 'button',
        action: {
          buttons: [
            { id: 'Yes', title: 'Yes' },
            { id: 'No', title: 'No' },
          ],
        },
      },
    });
    const answer = await newest(bo.taps('Yes'));
    expect(messages.at(-1)?.value as ReplyValue).toEqual({
      type: 'postback',
      id: 'Yes',
      text: 'Yes',
    });
    expect(answer.content).toEqual({ text: 'Turn 4: Yes' });
  });

  it('sends a hero card with its button, and a document with its name', async () => {
    const card = await newest(bo.says('card'));
    expect(card.content).toMatchObject({
      interactive: {
        type: 'button',
        body: { text: '*Pizza*\nMargherita, fresh' },
        action: { buttons: [{ id: 'order-pizza', title: 'Order' }] },
      },
    });
    const invoice = await newest(bo.says('invoice'));
    expect(invoice).toMatchObject({
      type: 'file',
      content: { file: { url: 'https://cdn.example.com/invoices/INV-1042.pdf' } },
    });
  });

  it('receives a voice note as an audio attachment', async () => {
    const reply = await newest(bo.sendsAudio('https://media.example.com/voice/note-1.ogg'));
    expect(reply.content).toEqual({ text: 'Got audio/ogg named note-1.ogg' });
  });

  it('tells each status once, read included (status and interaction)', async () => {
    const last = (await received()).at(-1) as RenderedMessage;
    const mine = statuses.filter((s) => s.messageId.replaceAll('-', '') === last.id);
    expect(mine.map((s) => s.status)).toEqual(['pending', 'sent', 'delivered', 'read']);
  });

  it('continues a kept conversation proactively, and meets the closed window with a template', async () => {
    const reference = references.get(PHONE) as ConversationReference;
    await chat.advance({ hours: 25 });
    await chat.adapter.continueConversation('', reference, async (context) => {
      await context.sendActivity('Your pizza is on its way');
    });
    // Moving the clock by nothing waits for the webhooks the proactive turn caused.
    await chat.advance({ seconds: 0 });
    expect(statuses.at(-1)).toMatchObject({ status: 'failed', error: { code: 470 } });
    let thrown: unknown;
    await chat.adapter.continueConversation('', reference, async (context) => {
      try {
        await context.sendActivity('Hello?');
      } catch (error) {
        thrown = error;
      }
      await chat.adapter.sendTemplate(context, { name: 'order_ready', params: ['Ana'] });
    });
    await chat.advance({ seconds: 0 });
    expect(thrown).toBeInstanceOf(WindowClosedError);
    const template = (await received()).at(-1) as RenderedMessage;
    expect(template).toMatchObject({ type: 'hsm', status: 'read' });
  });

  it('opens a conversation with a new number keyed like an inbound one', async () => {
    let conversationId: string | undefined;
    await chat.adapter.createConversationAsync(
      '',
      'whatsapp',
      '',
      '',
      { members: [{ id: '+31611112222', name: 'Bo' }] },
      async (context) => {
        conversationId = context.activity.conversation?.id;
        await chat.adapter.sendTemplate(context, { name: 'order_ready', params: { name: 'Bo' } });
      },
    );
    await chat.advance({ seconds: 0 });
    expect(conversationId).toBe(`${BIRD_IDS.channelId}:+31611112222`);
    expect(await received('+31611112222')).toHaveLength(1);
  });

  it('says Bird’s signature in the authorizeRequest refusal', async () => {
    await expect(chat.adapter.authorizeRequest()).rejects.toThrow(NotSupportedError);
    await expect(chat.adapter.authorizeRequest()).rejects.toThrow(/messagebird-signature/);
  });
});
