import type { Activity, Attachment } from 'botbuilder';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { OutboundPart } from '../../src/adapter/index.js';
import { toActivity } from '../../src/core/to-activity.js';
import { toMessageBird } from '../../src/core/to-messagebird.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import { CARDS, IDS, inbound, messageEvent } from '../payloads/index.js';

const channel = {
  channelId: IDS.channelId,
  channelName: 'Acme Support',
  serviceUrl: 'http://127.0.0.1/v1',
};

/** The reply buttons or list rows of the last interactive part. */
function choicesOf(parts: OutboundPart[]): { id: string; title: string }[] {
  const interactive = (parts.findLast((p) => p.type === 'interactive')?.content as any)
    ?.interactive;
  if (interactive?.type === 'button') return interactive.action.buttons;
  return interactive.action.sections.flatMap((s: any) => s.rows);
}

/** The activity the bot gets when the contact taps the choice with this title. */
function tap(parts: OutboundPart[], title: string, type = 'button_reply') {
  const choice = choicesOf(parts).find((c) => c.title === title);
  if (!choice) throw new Error(`no choice titled ${title}`);
  const body = messageEvent(
    'message.created',
    inbound(
      'interactive',
      { interactive: { type, reply: { id: choice.id, text: choice.title } } },
      { replyTo: { id: IDS.interactiveMessageId } },
    ),
  );
  return toActivity(v.parse(WebhookPayload, body), body, channel) as Partial<Activity>;
}

const send = (attachment: Attachment) =>
  toMessageBird({ type: 'message', attachments: [attachment] });

describe('a tapped card button comes back as the action data', () => {
  it('Action.Submit: value is the data, text the title', () => {
    const activity = tap(send(CARDS.adaptiveOrder()), 'Order now');
    expect(activity.value).toEqual({ action: 'order', basket: 'b-4711' });
    expect(activity.value.action).toBe('order');
    expect(activity.text).toBe('Order now');
    expect(activity.replyToId).toBe(IDS.interactiveMessageId);
  });

  it('Action.Submit in a list: the row id carries the data back too', () => {
    const card: Attachment = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Which slot?' }],
        actions: ['Mon AM', 'Mon PM', 'Tue AM', 'Tue PM'].map((title, i) => ({
          type: 'Action.Submit',
          title,
          data: { action: 'slot', slot: i },
        })),
      },
    };
    const parts = send(card);
    expect(((parts[0]?.content ?? {}) as any).interactive?.type).toBe('list');
    const activity = tap(parts, 'Tue AM', 'list_reply');
    expect(activity.value).toEqual({ action: 'slot', slot: 2 });
    expect(activity.text).toBe('Tue AM');
  });

  it('postBack with an object value: value is the object', () => {
    const hero: Attachment = {
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Need help?',
        buttons: [{ type: 'postBack', title: 'Talk to us', value: { intent: 'human' } }],
      },
    };
    const activity = tap(send(hero), 'Talk to us');
    expect(activity.value).toEqual({ intent: 'human' });
    expect(activity.text).toBe('Talk to us');
  });

  it('a string id still gives the ReplyValue, as before', () => {
    const hero: Attachment = {
      contentType: 'application/vnd.microsoft.card.hero',
      content: { title: 'Track?', buttons: [{ type: 'imBack', title: 'Track', value: 'track' }] },
    };
    const activity = tap(send(hero), 'Track');
    expect(activity.value).toEqual({ type: 'button_reply', id: 'track', text: 'Track' });
    expect(activity.text).toBe('Track');
  });

  it.each(['[1,2]', '{not json}', '{"a":1} trailing', 'null'])(
    'does not decode the id %s',
    (id) => {
      const body = messageEvent(
        'message.created',
        inbound('interactive', {
          interactive: { type: 'button_reply', reply: { id, text: 'Tap' } },
        }),
      );
      const activity = toActivity(v.parse(WebhookPayload, body), body, channel);
      expect(activity?.value).toEqual({ type: 'button_reply', id, text: 'Tap' });
    },
  );
});
