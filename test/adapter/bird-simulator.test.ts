import { type Activity, MessageFactory, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MessageBirdAdapter,
  STATUS_EVENT_NAME,
  type StatusValue,
  WindowClosedError,
} from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  createClock,
  createSimulator,
  type RenderedMessage,
  type Simulator,
} from '../../src/simulator/index.js';
import { BIRD_IDS } from '../payloads/index.js';

/*
 * The botbuilder adapter on Bird's Channels API end to end, in process: the simulator's Bird face
 * (its app.fetch injected as the adapter's fetch) delivers signed whatsapp.inbound and
 * whatsapp.outbound webhooks into adapter.handle, and the bot's replies go through Bird's send
 * API. A contact writes, taps buttons and list rows, shares a location; 25 hours later a
 * free-form message fails, the adapter learns the window closed, and a template goes instead.
 */

const SIGNING_KEY = 'bird-e2e-signing-key';
const ACCESS_KEY = 'bird-e2e-access-key';
const WEBHOOK_URL = 'https://bot.example.com/api/bird';
const PHONE = BIRD_IDS.phone;

let sim: Simulator;
let adapter: MessageBirdAdapter;
/** Every activity the bot saw; statuses too. */
const seen: Partial<Activity>[] = [];
const turnErrors: unknown[] = [];
let inFlight = 0;
let events = 0;

/** The bot: a greeting with buttons, a list, a photo, a location echo; statuses collected. */
async function bot(context: TurnContext): Promise<void> {
  const activity = context.activity;
  seen.push(activity);
  if (activity.type === 'conversationUpdate') {
    for (const member of activity.membersAdded ?? []) {
      if (member.id !== activity.recipient.id) await context.sendActivity('Welcome to Acme!');
    }
    return;
  }
  if (activity.type !== 'message') return;
  const choice = (activity.value as { id?: string } | undefined)?.id;
  if (activity.entities?.[0]?.type === 'GeoCoordinates') {
    const { latitude, longitude } = activity.entities[0] as unknown as Record<string, number>;
    await context.sendActivity(`You are at ${latitude}, ${longitude}`);
  } else if (choice === 'track-order') {
    await context.sendActivity(
      MessageFactory.suggestedActions(
        ['09:00-12:00', '12:00-15:00', '15:00-18:00', '18:00-21:00'].map((slot) => ({
          type: 'imBack',
          title: slot,
          value: `slot-${slot.slice(0, 2)}`,
        })),
        'Pick a *delivery slot*',
      ),
    );
  } else if (choice?.startsWith('slot-')) {
    await context.sendActivity(`Booked: ${activity.text}`);
  } else if (activity.text === 'photo') {
    await context.sendActivity({
      text: 'Your parcel',
      attachments: [
        { contentType: 'image/jpeg', contentUrl: 'https://cdn.example.com/parcel.jpg' },
      ],
    });
  } else {
    await context.sendActivity(
      MessageFactory.suggestedActions(
        [
          { type: 'imBack', title: 'Track order', value: 'track-order' },
          { type: 'imBack', title: 'Talk to us', value: 'talk' },
        ],
        `Hello **${activity.from.name}**!`,
      ),
    );
  }
}

beforeAll(async () => {
  sim = createSimulator({
    clock: createClock({ mode: 'manual' }),
    birdWorkspaceId: BIRD_IDS.workspaceId,
    birdOrganizationId: BIRD_IDS.organizationId,
    birdChannelId: BIRD_IDS.channelId,
    birdConnectorId: BIRD_IDS.connectorId,
    businessNumber: BIRD_IDS.businessPhone,
    accessKey: ACCESS_KEY,
    schedule: { pending: 0, sent: 0, delivered: 0, read: null, failed: 0 },
    webhookRetry: { attempts: 1, timeoutMs: 20_000 },
    fetch: async (input, init) => {
      inFlight++;
      try {
        return await adapter.handle(new Request(input, init), bot);
      } finally {
        inFlight--;
      }
    },
  });
  sim.subscribe(() => {
    events++;
  });
  adapter = new MessageBirdAdapter({
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    accessKey: ACCESS_KEY,
    signingKey: SIGNING_KEY,
    webhookUrl: WEBHOOK_URL,
    apiBaseUrl: 'https://bird.simulator.test',
    logger: silentLogger,
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    templates: [
      {
        name: 'order_update',
        projectId: BIRD_IDS.projectId,
        language: 'en',
        variables: ['name', 'order'],
        content: 'Hello {{1}}, your order {{2}} is on its way.',
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
  adapter.onTurnError = async (_context, error) => {
    turnErrors.push(error);
    throw error;
  };
  for (const event of ['whatsapp.inbound', 'whatsapp.outbound']) {
    await simCall('POST', subscriptions(), {
      service: 'channels',
      event,
      url: WEBHOOK_URL,
      signingKey: SIGNING_KEY,
      eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
    });
  }
  await simCall('POST', '/_sim/templates', {
    name: 'order_update',
    language: 'en',
    category: 'UTILITY',
    content: 'Hello {{1}}, your order {{2}} is on its way.',
    projectId: BIRD_IDS.projectId,
    variables: ['name', 'order'],
  });
  await simCall('POST', '/_sim/templates/order_update/en/approve');
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

/** Waits until no webhook is queued, no request is in flight, and nothing happened for a turn. */
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

/** What the contact has received from the bot, oldest first. */
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

const statuses = () =>
  seen
    .filter((a) => a.type === 'event' && a.name === STATUS_EVENT_NAME)
    .map((a) => a.value as StatusValue);

describe('the botbuilder adapter against the simulator’s Bird face', () => {
  it('welcomes a new contact in onMembersAdded, then answers with reply buttons', async () => {
    const greeting = await contact('text', { text: 'Hi' });
    const turns = seen.filter((a) => a.type !== 'event').map((a) => a.type);
    expect(turns).toEqual(['conversationUpdate', 'message']);
    const [welcome] = await received();
    expect(welcome?.content).toEqual({ text: 'Welcome to Acme!' });
    const inbound = seen.find((a) => a.type === 'message');
    expect(inbound).toMatchObject({
      channelId: 'whatsapp',
      text: 'Hi',
      from: { id: PHONE },
      conversation: { id: `${BIRD_IDS.channelId}:${PHONE}` },
      recipient: { id: BIRD_IDS.channelId },
    });
    expect(greeting.type).toBe('interactive');
    expect(greeting.content).toMatchObject({
      interactive: {
        type: 'button',
        body: { text: `Hello *${PHONE}*!` },
        action: {
          buttons: [
            { id: 'track-order', title: 'Track order' },
            { id: 'talk', title: 'Talk to us' },
          ],
        },
      },
    });
    expect(turnErrors).toEqual([]);
  });

  it('reads a tap as the button’s id and answers with a list', async () => {
    const greeting = (await received()).at(-1) as RenderedMessage;
    const list = await contact(
      'interactive',
      { interactive: { type: 'button_reply', reply: { id: 'track-order', title: 'Track order' } } },
      greeting.id,
    );
    expect(seen.filter((a) => a.type === 'message').at(-1)).toMatchObject({
      text: 'Track order',
      value: { type: 'postback', id: 'track-order', text: 'Track order' },
    });
    expect(list.content).toMatchObject({
      interactive: {
        type: 'list',
        body: { text: 'Pick a _delivery slot_' },
        action: { button: 'Choose' },
      },
    });
    const rows = (list.content.interactive as any).action.sections[0].rows;
    expect(rows.map((r: { id: string }) => r.id)).toEqual([
      'slot-09',
      'slot-12',
      'slot-15',
      'slot-18',
    ]);

    const booked = await contact(
      'interactive',
      { interactive: { type: 'list_reply', reply: { id: 'slot-12', title: '12:00-15:00' } } },
      list.id,
    );
    expect(booked.content).toEqual({ text: 'Booked: 12:00-15:00' });
  });

  it('shares a location and gets a photo with its caption', async () => {
    const answer = await contact('location', {
      location: { latitude: 52.3702, longitude: 4.8952 },
    });
    expect(answer.content).toEqual({ text: 'You are at 52.3702, 4.8952' });
    const photo = await contact('text', { text: 'photo' });
    expect(photo).toMatchObject({
      type: 'image',
      content: { image: { url: 'https://cdn.example.com/parcel.jpg', caption: 'Your parcel' } },
    });
  });

  it('tells the bot the statuses of its messages in the Conversations API’s words', async () => {
    const photo = (await received()).at(-1) as RenderedMessage;
    const ofPhoto = statuses().filter(
      (s) => s.to === PHONE && s.messageId.replaceAll('-', '') === photo.id,
    );
    expect(ofPhoto.map((s) => s.status)).toEqual(['pending', 'sent', 'delivered']);
    expect(ofPhoto.map((s) => s.birdStatus)).toEqual(['processing', 'sent', 'delivered']);
  });

  it('learns the window closed from Bird 25 hours later, and sends a template instead', async () => {
    sim.advance(25 * 60 * 60);
    const reference = {
      user: { id: PHONE, name: PHONE },
      conversation: {
        id: `${BIRD_IDS.channelId}:${PHONE}`,
        isGroup: false,
        conversationType: 'personal',
        name: PHONE,
      },
    };
    // The adapter's clock is real time: it still thinks the window open, Bird knows better.
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Your parcel is out for delivery');
    });
    await settle();
    const failed = statuses().at(-1);
    expect(failed).toMatchObject({
      status: 'failed',
      birdStatus: 'sending_failed',
      error: { code: 470 },
    });
    expect(failed?.reason).toMatch(/24 hours/);

    let thrown: unknown;
    await adapter.continueConversationAsync('', reference, async (context) => {
      try {
        await context.sendActivity('Still there?');
      } catch (error) {
        thrown = error;
      }
      await adapter.sendTemplate(context, {
        name: 'order_update',
        params: { name: 'Ana', order: '1042' },
      });
    });
    await settle();
    expect(thrown).toBeInstanceOf(WindowClosedError);
    const template = (await received()).at(-1) as RenderedMessage;
    expect(template.type).toBe('hsm');
    expect(template.status).toBe('delivered');
    expect(template.content).toMatchObject({
      hsm: { templateName: 'order_update', params: [{ default: 'Ana' }, { default: '1042' }] },
    });
    expect(turnErrors).toEqual([]);
  });

  it('checks the key and channel against the Bird face', async () => {
    expect(await adapter.verifyCredentials()).toEqual({
      ok: true,
      accessKey: 'valid',
      channel: 'confirmed',
      problems: [],
    });
  });
});
