import { type Activity, MessageFactory, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MessageBirdAdapter,
  STATUS_EVENT_NAME,
  type StatusValue,
  WindowClosedError,
} from '../../src/adapter/index.js';
import type { RenderedMessage } from '../../src/simulator/index.js';
import { createTestChat, type TestChat, type TestContact } from '../../src/testing/index.js';
import { BIRD_IDS } from '../payloads/index.js';

/*
 * The botbuilder adapter on Bird's Channels API end to end, in process, through the test kit: the
 * simulator's Bird face delivers signed whatsapp.inbound and whatsapp.outbound webhooks into
 * adapter.handle, and the bot's replies go through Bird's send API. A contact writes, taps buttons
 * and list rows, shares a location; 25 hours later a free-form message fails, the adapter learns
 * the window closed, and a template goes instead. What the contact received is read as the
 * simulator renders it (`/_sim/messages`), so the wire content is asserted, not the kit's view.
 */

const PHONE = BIRD_IDS.phone;

let chat: TestChat<MessageBirdAdapter>;
let ana: TestContact;
/** Every activity the bot saw; statuses too. */
const seen: Partial<Activity>[] = [];

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
  chat = await createTestChat({
    logic: bot,
    adapter: {
      api: 'bird',
      workspaceId: BIRD_IDS.workspaceId,
      channelId: BIRD_IDS.channelId,
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
    },
  });
  ana = chat.contact(PHONE);
});

afterAll(async () => {
  await chat?.close();
});

/** What the contact has received from the bot, oldest first, as the simulator renders it. */
async function received(): Promise<RenderedMessage[]> {
  const response = await chat.simulator.app.request(
    `/_sim/messages?contact=${encodeURIComponent(PHONE)}&direction=sent`,
  );
  return ((await response.json()) as { items: RenderedMessage[] }).items;
}

/** The newest message the contact received, after an action of the contact's. */
async function newest(action: Promise<unknown>): Promise<RenderedMessage> {
  await action;
  return (await received()).at(-1) as RenderedMessage;
}

const statuses = () =>
  seen
    .filter((a) => a.type === 'event' && a.name === STATUS_EVENT_NAME)
    .map((a) => a.value as StatusValue);

describe('the botbuilder adapter against the simulator’s Bird face', () => {
  it('welcomes a new contact in onMembersAdded, then answers with reply buttons', async () => {
    const greeting = await newest(ana.says('Hi'));
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
  });

  it('reads a tap as the button’s id and answers with a list', async () => {
    const greeting = (await received()).at(-1) as RenderedMessage;
    expect(greeting.content).toMatchObject({ interactive: { type: 'button' } });
    const list = await newest(ana.taps('Track order'));
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

    const booked = await newest(ana.taps('12:00-15:00'));
    expect(booked.content).toEqual({ text: 'Booked: 12:00-15:00' });
  });

  it('shares a location and gets a photo with its caption', async () => {
    const answer = await newest(ana.sendsLocation(52.3702, 4.8952));
    expect(answer.content).toEqual({ text: 'You are at 52.3702, 4.8952' });
    const photo = await newest(ana.says('photo'));
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
    await chat.advance({ hours: 25 });
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
    await chat.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Your parcel is out for delivery');
    });
    // Moving the clock by nothing waits for the webhooks the proactive turn caused.
    await chat.advance({ seconds: 0 });
    const failed = statuses().at(-1);
    expect(failed).toMatchObject({
      status: 'failed',
      birdStatus: 'sending_failed',
      error: { code: 470 },
    });
    expect(failed?.reason).toMatch(/24 hours/);

    let thrown: unknown;
    await chat.adapter.continueConversationAsync('', reference, async (context) => {
      try {
        await context.sendActivity('Still there?');
      } catch (error) {
        thrown = error;
      }
      await chat.adapter.sendTemplate(context, {
        name: 'order_update',
        params: { name: 'Ana', order: '1042' },
      });
    });
    await chat.advance({ seconds: 0 });
    expect(thrown).toBeInstanceOf(WindowClosedError);
    const template = (await received()).at(-1) as RenderedMessage;
    expect(template.type).toBe('hsm');
    expect(template.status).toBe('delivered');
    expect(template.content).toMatchObject({
      hsm: { templateName: 'order_update', params: [{ default: 'Ana' }, { default: '1042' }] },
    });
  });

  it('checks the key and channel against the Bird face', async () => {
    expect(await chat.adapter.verifyCredentials()).toEqual({
      ok: true,
      accessKey: 'valid',
      channel: 'confirmed',
      problems: [],
    });
  });
});
