import { Activity } from '@microsoft/agents-activity';
import { MessageFactory } from '@microsoft/agents-hosting';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { forWhatsApp } from '../../src/agents/for-whatsapp.js';
import { toAgentsActivity } from '../../src/agents/to-agents-activity.js';
import type { Activity as CoreActivity } from '../../src/core/activity.js';
import { toActivity } from '../../src/core/to-activity.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import {
  conversationCreated,
  conversationUpdated,
  IDS,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  STATUS_EVENTS,
} from '../payloads/index.js';

const channel = {
  channelId: IDS.channelId,
  channelName: 'Acme Support',
  serviceUrl: 'http://127.0.0.1/v1',
};
const translate = (body: unknown) =>
  toActivity(v.parse(WebhookPayload, body), body, channel) as CoreActivity;

/** Every kind of activity the core makes, by name. */
const WEBHOOKS: Record<string, unknown> = {
  ...Object.fromEntries(Object.entries(INBOUND_EVENTS).map(([k, b]) => [`inbound ${k}`, b])),
  ...Object.fromEntries(Object.entries(STATUS_EVENTS).map(([k, b]) => [`status ${k}`, b()])),
  ...Object.fromEntries(Object.entries(MESSY_EVENTS).map(([k, b]) => [`messy ${k}`, b()])),
  'conversation.created': conversationCreated(),
  'conversation.updated': conversationUpdated(),
};

/**
 * A core activity as JSON carries it, without the empty strings the SDK refuses (channelData and
 * value, which the SDK takes as they are, keep theirs).
 */
function asJson(activity: CoreActivity): Record<string, unknown> {
  const { channelData, value, ...rest } = activity;
  const json = JSON.parse(
    JSON.stringify(rest, (_key, field) => (field === '' ? undefined : field)),
  ) as Record<string, unknown>;
  return { ...json, ...JSON.parse(JSON.stringify({ channelData, value })) };
}

describe('toAgentsActivity: every activity the core makes is a valid Agents SDK Activity', () => {
  for (const [name, body] of Object.entries(WEBHOOKS)) {
    it(name, () => {
      const core = translate(body);
      const activity = toAgentsActivity(core);
      expect(activity).toBeInstanceOf(Activity);
      // Nothing but empty strings is lost: toJsonString writes channelId (not _channelId).
      const json = JSON.parse(activity.toJsonString()) as Record<string, unknown>;
      const expected = asJson(core);
      if (core.text === '') expected.text = '';
      expect(json).toEqual(expected);
      expect(activity.timestamp).toEqual(core.timestamp);
      // The turn can reply: TurnContext asks for the conversation reference.
      expect(activity.getConversationReference()).toMatchObject({
        channelId: 'whatsapp',
        conversation: { id: core.conversation?.id },
        user: { id: core.from?.id },
        agent: { id: IDS.channelId },
      });
    });
  }

  it('leaves out fields the core left empty, which the SDK refuses', () => {
    const core = translate(INBOUND_EVENTS.text);
    const activity = toAgentsActivity({
      ...core,
      replyToId: '',
      textFormat: '',
      conversation: {
        ...(core.conversation as NonNullable<CoreActivity['conversation']>),
        name: '',
      },
      attachments: [{ contentType: 'image/png', contentUrl: 'https://x.example/a.png', name: '' }],
    });
    expect(activity.replyToId).toBeUndefined();
    expect(activity.conversation?.name).toBeUndefined();
    expect(activity.attachments).toEqual([
      { contentType: 'image/png', contentUrl: 'https://x.example/a.png' },
    ]);
  });
});

describe('forWhatsApp: MessageFactory.suggestedActions values', () => {
  it('makes the SDK’s { text } values strings, so the button id is the title', () => {
    const activity = MessageFactory.suggestedActions(['Yes', 'No'], 'Shall we?');
    expect(activity.suggestedActions?.actions[0]?.value).toEqual({ text: 'Yes' });
    const out = forWhatsApp(activity);
    expect(out.suggestedActions?.actions.map((a) => a.value)).toEqual(['Yes', 'No']);
    expect(out.text).toBe('Shall we?');
    // The SDK's activity is left as it was.
    expect(activity.suggestedActions?.actions[0]?.value).toEqual({ text: 'Yes' });
  });

  it('keeps other values: postBack data, objects with more than text, strings', () => {
    const actions = [
      { type: 'postBack', title: 'A', value: { text: 'a' } },
      { type: 'imBack', title: 'B', value: { text: 'b', extra: 1 } },
      { type: 'imBack', title: 'C', value: 'c' },
    ];
    const activity = Activity.fromObject({
      type: 'message',
      suggestedActions: { to: [], actions },
    });
    expect(forWhatsApp(activity)).toBe(activity);
  });
});
