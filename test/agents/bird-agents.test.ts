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
  MessageBirdAgentsAdapter,
  NotSupportedError,
  type ReplyValue,
  STATUS_EVENT_NAME,
  type StatusValue,
  WindowClosedError,
} from '../../src/agents/index.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  createClock,
  createSimulator,
  type RenderedMessage,
  type Simulator,
} from '../../src/simulator/index.js';
import { BIRD_IDS } from '../payloads/index.js';

/*
 * The Agents SDK front on Bird's Channels API, end to end in process: an AgentApplication with
 * conversation state behind MessageBirdAgentsAdapter({ api: 'bird' }), the simulator's Bird face
 * delivering signed webhooks into adapter.handle and taking the agent's sends through app.fetch.
 */

const SIGNING_KEY = 'bird-agents-signing-key';
const ACCESS_KEY = 'bird-agents-access-key';
const WEBHOOK_URL = 'https://agent.example.com/api/bird';
const PHONE = '+31687650012';

interface Conversation {
  count?: number;
}

let sim: Simulator;
let adapter: MessageBirdAgentsAdapter;
let app: AgentApplication<TurnState<Conversation>>;
const statuses: StatusValue[] = [];
const messages: Activity[] = [];
const references = new Map<string, ConversationReference>();
let inFlight = 0;
let events = 0;

function buildApp(): AgentApplication<TurnState<Conversation>> {
  const agent = new AgentApplication<TurnState<Conversation>>({
    adapter,
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
  sim = createSimulator({
    clock: createClock({ mode: 'manual' }),
    birdWorkspaceId: BIRD_IDS.workspaceId,
    birdOrganizationId: BIRD_IDS.organizationId,
    birdChannelId: BIRD_IDS.channelId,
    accessKey: ACCESS_KEY,
    schedule: { pending: 0, sent: 0, delivered: 0, read: 0, failed: 0 },
    webhookRetry: { attempts: 1, timeoutMs: 20_000 },
    fetch: async (input, init) => {
      inFlight++;
      try {
        return await adapter.handle(new Request(input, init), (context) => app.run(context));
      } finally {
        inFlight--;
      }
    },
  });
  sim.subscribe(() => {
    events++;
  });
  adapter = new MessageBirdAgentsAdapter({
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    channelName: 'Pizzeria',
    accessKey: ACCESS_KEY,
    signingKey: SIGNING_KEY,
    webhookUrl: WEBHOOK_URL,
    apiBaseUrl: 'https://bird.simulator.test',
    logger: silentLogger,
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    templates: [
      {
        name: 'order_ready',
        projectId: BIRD_IDS.projectId,
        language: 'en',
        variables: ['name'],
        content: 'Hi {{name}}, your order is ready.',
      },
    ],
    fetch: async (input, init) => {
      inFlight++;
      try {
        return await sim.app.fetch(new Request(input, init));
      } finally {
        inFlight--;
      }
    },
  });
  app = buildApp();
  // All three events: a read comes as a status and as an interaction, and is told once.
  for (const event of ['whatsapp.inbound', 'whatsapp.outbound', 'whatsapp.interaction']) {
    await simCall('POST', subscriptions(), {
      service: 'channels',
      event,
      url: WEBHOOK_URL,
      signingKey: SIGNING_KEY,
      eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
    });
  }
  await simCall('POST', '/_sim/templates', {
    name: 'order_ready',
    language: 'en',
    category: 'UTILITY',
    content: 'Hi {{1}}, your order is ready.',
    projectId: BIRD_IDS.projectId,
    variables: ['name'],
  });
  await simCall('POST', '/_sim/templates/order_ready/en/approve');
});

afterAll(async () => {
  await adapter?.close();
  await sim?.close();
});

const subscriptions = () =>
  `/organizations/${sim.bird.organizationId}/workspaces/${sim.bird.workspaceId}/webhook-subscriptions`;

async function simCall(method: string, path: string, body?: unknown) {
  const response = await sim.app.request(path, {
    method,
    headers: { Authorization: `AccessKey ${ACCESS_KEY}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
  return response.json() as Promise<any>;
}

async function settle(): Promise<void> {
  for (;;) {
    const before = events;
    await sim.idle();
    await new Promise((resolve) => setImmediate(resolve));
    if (inFlight > 0 || events !== before) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (inFlight === 0 && events === before) return;
  }
}

async function received(): Promise<RenderedMessage[]> {
  const page = await simCall(
    'GET',
    `/_sim/messages?contact=${encodeURIComponent(PHONE)}&direction=sent`,
  );
  return page.items;
}

async function contact(type: string, content: Record<string, unknown>, replyTo?: string) {
  sim.inbound({ from: PHONE, type, content, ...(replyTo ? { replyTo } : {}) });
  await settle();
  return (await received()).at(-1) as RenderedMessage;
}

describe('the Agents SDK adapter against the simulator’s Bird face', () => {
  it('runs an AgentApplication with state across turns of one Bird conversation', async () => {
    expect((await contact('text', { text: 'hello' })).content).toEqual({ text: 'Turn 1: hello' });
    expect((await contact('text', { text: 'again' })).content).toEqual({ text: 'Turn 2: again' });
    expect(messages[0]).toBeInstanceOf(Activity);
    expect(messages[0]).toMatchObject({
      channelId: 'whatsapp',
      from: { id: PHONE, name: PHONE },
      recipient: { id: BIRD_IDS.channelId, name: 'Pizzeria' },
      conversation: { id: `${BIRD_IDS.channelId}:${PHONE}` },
    });
  });

  it('sends suggested actions as buttons and reads the tap back', async () => {
    const buttons = await contact('text', { text: 'buttons' });
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
    const answer = await contact(
      'interactive',
      { interactive: { type: 'button_reply', reply: { id: 'Yes', title: 'Yes' } } },
      buttons.id,
    );
    expect(messages.at(-1)?.value as ReplyValue).toEqual({
      type: 'postback',
      id: 'Yes',
      text: 'Yes',
    });
    expect(answer.content).toEqual({ text: 'Turn 4: Yes' });
  });

  it('sends a hero card with its button, and a document with its name', async () => {
    const card = await contact('text', { text: 'card' });
    expect(card.content).toMatchObject({
      interactive: {
        type: 'button',
        body: { text: '*Pizza*\nMargherita, fresh' },
        action: { buttons: [{ id: 'order-pizza', title: 'Order' }] },
      },
    });
    const invoice = await contact('text', { text: 'invoice' });
    expect(invoice).toMatchObject({
      type: 'file',
      content: { file: { url: 'https://cdn.example.com/invoices/INV-1042.pdf' } },
    });
  });

  it('receives a voice note as an audio attachment', async () => {
    const reply = await contact('audio', {
      audio: { url: 'https://media.example.com/voice/note-1.ogg' },
    });
    expect(reply.content).toEqual({ text: 'Got audio/ogg named note-1.ogg' });
  });

  it('tells each status once, read included (status and interaction)', async () => {
    const last = (await received()).at(-1) as RenderedMessage;
    const mine = statuses.filter((s) => s.messageId.replaceAll('-', '') === last.id);
    expect(mine.map((s) => s.status)).toEqual(['pending', 'sent', 'delivered', 'read']);
  });

  it('continues a kept conversation proactively, and meets the closed window with a template', async () => {
    const reference = references.get(PHONE) as ConversationReference;
    sim.advance(25 * 60 * 60);
    await adapter.continueConversation('', reference, async (context) => {
      await context.sendActivity('Your pizza is on its way');
    });
    await settle();
    expect(statuses.at(-1)).toMatchObject({ status: 'failed', error: { code: 470 } });
    let thrown: unknown;
    await adapter.continueConversation('', reference, async (context) => {
      try {
        await context.sendActivity('Hello?');
      } catch (error) {
        thrown = error;
      }
      await adapter.sendTemplate(context, { name: 'order_ready', params: ['Ana'] });
    });
    await settle();
    expect(thrown).toBeInstanceOf(WindowClosedError);
    const template = (await received()).at(-1) as RenderedMessage;
    expect(template).toMatchObject({ type: 'hsm', status: 'read' });
  });

  it('opens a conversation with a new number keyed like an inbound one', async () => {
    let conversationId: string | undefined;
    await adapter.createConversationAsync(
      '',
      'whatsapp',
      '',
      '',
      { members: [{ id: '+31611112222', name: 'Bo' }] },
      async (context) => {
        conversationId = context.activity.conversation?.id;
        await adapter.sendTemplate(context, { name: 'order_ready', params: { name: 'Bo' } });
      },
    );
    await settle();
    expect(conversationId).toBe(`${BIRD_IDS.channelId}:+31611112222`);
    const page = await simCall('GET', '/_sim/messages?contact=%2B31611112222&direction=sent');
    expect(page.items).toHaveLength(1);
  });

  it('says Bird’s signature in the authorizeRequest refusal', async () => {
    await expect(adapter.authorizeRequest()).rejects.toThrow(NotSupportedError);
    await expect(adapter.authorizeRequest()).rejects.toThrow(/messagebird-signature/);
  });
});
