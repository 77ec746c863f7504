import { Activity as AgentsActivity } from '@microsoft/agents-activity';
import {
  MessageFactory as AgentsMessageFactory,
  type TurnContext as AgentsTurnContext,
} from '@microsoft/agents-hosting';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../src/adapter/index.js';
import { MessageBirdAgentsAdapter } from '../../src/agents/index.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  CARDS,
  conversationCreated,
  conversationUpdated,
  IDS,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  STATUS_EVENTS,
} from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import { type FakeMessageBird, startFakeMessageBird } from '../support/fake-messagebird.js';
import { signedWebhook } from '../support/webhooks.js';

/**
 * Both fronts over the one core: every inbound payload of test/payloads gives the same activity to
 * a botbuilder bot and to an Agents SDK agent, and every outbound case makes the same requests to
 * MessageBird. Activities are compared as JSON (the Agents SDK's `toJsonString()`, which writes
 * `channelId`; a plain `JSON.stringify` of its Activity writes `_channelId`).
 */
const WEBHOOK_URL = 'https://bot.example.com/api/messages';

let api: FakeMessageBird;
beforeAll(async () => {
  api = await startFakeMessageBird();
});
afterAll(() => api.close());

const options = (): MessageBirdAdapterOptions => ({
  ...KEYS,
  channelId: IDS.channelId,
  channelName: 'Acme Support',
  apiBaseUrl: api.apiBaseUrl,
  webhookUrl: WEBHOOK_URL,
  retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2_000 },
  window: { unknownContacts: 'allow' },
  logger: silentLogger,
  templates: [
    {
      name: 'shipping_update',
      language: 'en',
      category: 'UTILITY',
      namespace: 'acme_namespace',
      content: 'Hi {{1}}, your order {{2}} is on its way.',
    },
  ],
});

/** What each front's bot sees of one webhook, as JSON; fresh adapters, so nothing is a duplicate. */
async function inboundOnBoth(payload: unknown) {
  const botbuilder = new MessageBirdAdapter(options());
  const agents = new MessageBirdAgentsAdapter(options());
  try {
    let seenByBot: unknown;
    let seenByAgent: unknown;
    const a = await botbuilder.handle(
      await signedWebhook(WEBHOOK_URL, payload, KEYS.signingKey),
      async (context: TurnContext) => {
        seenByBot = JSON.parse(JSON.stringify(context.activity));
      },
    );
    const b = await agents.handle(
      await signedWebhook(WEBHOOK_URL, payload, KEYS.signingKey),
      async (context: AgentsTurnContext) => {
        seenByAgent = JSON.parse(context.activity.toJsonString());
      },
    );
    return { statuses: [a.status, b.status], seenByBot, seenByAgent };
  } finally {
    await botbuilder.close();
    await agents.close();
  }
}

const INBOUND_CASES: [string, unknown][] = [
  ...Object.entries(INBOUND_EVENTS).map(
    ([name, body]) => [`message.created ${name}`, body] as [string, unknown],
  ),
  ...Object.entries(STATUS_EVENTS).map(
    ([name, make]) => [`message.updated ${name}`, make()] as [string, unknown],
  ),
  ...Object.entries(MESSY_EVENTS).map(
    ([name, make]) => [`messy ${name}`, make()] as [string, unknown],
  ),
  ['conversation.created', conversationCreated()],
  ['conversation.updated', conversationUpdated()],
];

describe(`inbound: ${INBOUND_CASES.length} payloads give the same activity on both fronts`, () => {
  it.each(INBOUND_CASES)('%s', async (_name, payload) => {
    const { statuses, seenByBot, seenByAgent } = await inboundOnBoth(payload);
    expect(statuses).toEqual([200, 200]);
    expect(seenByAgent).toEqual(seenByBot);
  });
});

/** An outbound case: the activity as a bot and as an agent would send it (the same, but typed). */
interface OutboundCase {
  name: string;
  activity: Record<string, unknown>;
  /** The Agents SDK's own factory for the same thing, when it builds it differently. */
  agentsActivity?: () => AgentsActivity;
  /** botbuilder's own factory for it, when there is one. */
  botActivity?: () => Partial<import('botbuilder').Activity>;
}

const message = (fields: Record<string, unknown>) => ({ type: 'message', ...fields });
const OUTBOUND_CASES: OutboundCase[] = [
  { name: 'plain text', activity: message({ text: 'Hello there' }) },
  { name: 'markdown text', activity: message({ text: '**Bold**, _italic_ and ~~gone~~' }) },
  {
    name: 'an image with a caption',
    activity: message({
      text: 'Your parcel',
      attachments: [{ contentType: 'image/png', contentUrl: 'https://cdn.example.com/parcel.png' }],
    }),
  },
  {
    name: 'a document',
    activity: message({
      attachments: [
        {
          contentType: 'application/pdf',
          contentUrl: 'https://cdn.example.com/i.pdf',
          name: 'i.pdf',
        },
      ],
    }),
  },
  {
    name: 'a location',
    activity: message({
      text: 'We are here:',
      entities: [{ type: 'GeoCoordinates', latitude: 52.37911, longitude: 4.90035 }],
    }),
  },
  {
    name: 'suggested actions as buttons (each SDK’s MessageFactory)',
    activity: message({}),
    botActivity: () => MessageFactory.suggestedActions(['Yes', 'No'], 'Shall I?'),
    agentsActivity: () => AgentsMessageFactory.suggestedActions(['Yes', 'No'], 'Shall I?'),
  },
  {
    name: 'suggested actions as a list (each SDK’s MessageFactory)',
    activity: message({}),
    botActivity: () =>
      MessageFactory.suggestedActions(['Espresso', 'Cappuccino', 'Flat white', 'Tea'], 'Drink?'),
    agentsActivity: () =>
      AgentsMessageFactory.suggestedActions(
        ['Espresso', 'Cappuccino', 'Flat white', 'Tea'],
        'Drink?',
      ),
  },
  {
    name: 'postBack suggested actions',
    activity: message({
      text: 'Pick one',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'postBack', title: 'Track', value: 'track' },
          { type: 'postBack', title: 'Cancel', value: 'cancel' },
        ],
      },
    }),
  },
  ...Object.entries(CARDS).map(([name, card]) => ({
    name: `card: ${name}`,
    activity: message({ attachments: [card()] }),
  })),
  {
    name: 'a template',
    activity: message({
      channelData: { template: { name: 'shipping_update', params: ['Ada', '#4711'] } },
    }),
  },
  {
    name: 'a raw MessageBird message',
    activity: message({ channelData: { messagebird: { type: 'text', content: { text: 'raw' } } } }),
  },
];

const reference = {
  user: { id: IDS.phone, name: 'Ada', role: 'user' },
  conversation: {
    id: IDS.conversationId,
    isGroup: false,
    conversationType: 'personal',
    name: 'Ada',
  },
  channelId: 'whatsapp',
  serviceUrl: 'https://conversations.messagebird.com/v1',
};

/** The `/v1/send` bodies one front makes for an activity (trackId, random, left out). */
async function sendsOf(send: () => Promise<void>): Promise<unknown[]> {
  const before = api.sends().length;
  await send();
  return api
    .sends()
    .slice(before)
    .map(({ trackId: _trackId, ...body }) => body);
}

/** The outcome of one front: the bodies MessageBird got, or the error's code and field. */
async function outcome(send: () => Promise<void>) {
  try {
    return { sends: await sendsOf(send) };
  } catch (error) {
    const { code, field } = error as { code?: string; field?: string };
    return { error: { code, field } };
  }
}

describe(`outbound: ${OUTBOUND_CASES.length} cases make the same requests to MessageBird on both fronts`, () => {
  const botbuilder = () => new MessageBirdAdapter(options());
  const agents = () => new MessageBirdAgentsAdapter(options());

  it.each(OUTBOUND_CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const bot = botbuilder();
    const agent = agents();
    try {
      const fromBot = await outcome(() =>
        bot.continueConversationAsync(
          '',
          { ...reference, bot: { id: IDS.channelId, name: 'Acme', role: 'bot' } },
          async (context) => {
            await context.sendActivity(testCase.botActivity?.() ?? testCase.activity);
          },
        ),
      );
      const fromAgent = await outcome(() =>
        agent.continueConversation(
          '',
          { ...reference, agent: { id: IDS.channelId, name: 'Acme', role: 'bot' } },
          async (context) => {
            await context.sendActivity(
              testCase.agentsActivity?.() ?? AgentsActivity.fromObject(testCase.activity),
            );
          },
        ),
      );
      expect(fromBot.sends?.length ?? 1).toBeGreaterThan(0);
      expect(fromAgent).toEqual(fromBot);
    } finally {
      await bot.close();
      await agent.close();
    }
  });
});
