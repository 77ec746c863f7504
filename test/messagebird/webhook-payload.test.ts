import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { errorsFromIssues } from '../../src/messagebird/errors.js';
import {
  isMessageEvent,
  isMessageType,
  type Message,
  WebhookPayload,
} from '../../src/messagebird/index.js';
import {
  conversationCreated,
  conversationUpdated,
  IDS,
  INBOUND,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  messageEvent,
  STATUS_EVENTS,
} from '../payloads/index.js';

const parse = (body: unknown) => v.safeParse(WebhookPayload, body);
const messageOf = (body: unknown): Message => {
  const result = parse(body);
  if (!result.success) throw new Error(JSON.stringify(errorsFromIssues(result.issues)));
  if (!isMessageEvent(result.output)) throw new Error('no message');
  return result.output.message;
};

describe('WebhookPayload: every inbound content type', () => {
  it.each(Object.keys(INBOUND_EVENTS))('parses message.created with %s', (name) => {
    const body = INBOUND_EVENTS[name as keyof typeof INBOUND_EVENTS];
    const message = messageOf(body);
    expect(message.direction).toBe('received');
    expect(message.content).toEqual(body.message.content);
  });

  it('keeps the caption that carries an inbound file name', () => {
    const message = messageOf(INBOUND_EVENTS.file);
    expect(isMessageType(message, 'file') && message.content.file.caption).toBe(
      'invoice-2026-03.pdf',
    );
  });

  it('keeps replyTo on a button reply', () => {
    const message = messageOf(INBOUND_EVENTS.buttonReply);
    expect(message.replyTo?.id).toBe(IDS.interactiveMessageId);
  });

  it.each(Object.keys(STATUS_EVENTS))('parses message.updated %s', (name) => {
    const body = STATUS_EVENTS[name as keyof typeof STATUS_EVENTS]();
    const message = messageOf(body);
    expect(message.direction).toBe('sent');
    expect(message.status).toBe(body.message.status);
  });

  it('keeps the error of a failed message', () => {
    expect(messageOf(STATUS_EVENTS.failedOutsideWindow()).error?.code).toBe(470);
  });

  it('parses conversation.created and conversation.updated', () => {
    expect(parse(conversationCreated()).success).toBe(true);
    const updated = parse(conversationUpdated());
    expect(updated.success && updated.output.conversation.status).toBe('archived');
  });
});

describe('WebhookPayload: messy real-world variants', () => {
  it.each(Object.keys(MESSY_EVENTS))('accepts %s', (name) => {
    const result = parse(MESSY_EVENTS[name as keyof typeof MESSY_EVENTS]());
    if (!result.success) expect(errorsFromIssues(result.issues)).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('keeps extra top-level fields such as workspaceId', () => {
    const result = parse(MESSY_EVENTS.workspaceAndMetadata());
    expect(result.success && result.output.workspaceId).toBe(20461357);
  });

  it('reads coordinates sent as strings as numbers', () => {
    const message = messageOf(MESSY_EVENTS.locationAsStrings());
    expect(isMessageType(message, 'location') && message.content.location).toEqual({
      latitude: 52.370216,
      longitude: 4.895168,
    });
  });

  it('keeps a type we do not model with its raw content', () => {
    const message = messageOf(MESSY_EVENTS.unknownType());
    expect(message.type).toBe('whatsappReaction');
    expect(message.content).toEqual({ whatsappReaction: { emoji: '👍', message_id: 'wamid.XYZ' } });
  });

  it('accepts 0 to 9 fractional digits on timestamps', () => {
    for (const fraction of ['', '.1', '.12', '.123', '.123456', '.123456789']) {
      const body = messageEvent('message.created', {
        ...INBOUND.text(),
        createdDatetime: `2026-03-02T09:20:09${fraction}Z`,
      });
      expect(parse(body).success, fraction).toBe(true);
    }
  });
});

describe('WebhookPayload: strict where MessageBird is strict', () => {
  const broken = (mutate: (m: Record<string, unknown>) => void) => {
    const body = messageEvent('message.created', INBOUND.text()) as Record<string, unknown>;
    mutate(body.message as Record<string, unknown>);
    const result = parse(body);
    expect(result.success).toBe(false);
    return result.success ? [] : errorsFromIssues(result.issues).errors;
  };

  it('refuses a message without an id, naming message.id', () => {
    const errors = broken((m) => {
      delete m.id;
    });
    expect(errors).toContainEqual({
      code: 9,
      description: 'message.id is required',
      parameter: 'message.id',
    });
  });

  it('refuses an unknown direction', () => {
    const errors = broken((m) => {
      m.direction = 'incoming';
    });
    expect(errors[0]?.parameter).toBe('message.direction');
  });

  it('refuses an unknown status', () => {
    expect(broken((m) => (m.status = 'seen'))[0]?.parameter).toBe('message.status');
  });

  it('refuses a text message whose content lacks the text key', () => {
    const errors = broken((m) => {
      m.content = { body: 'hi' };
    });
    expect(errors[0]?.parameter).toBe('message.content.text');
  });

  it('refuses a second content key beside the type’s own', () => {
    const errors = broken((m) => {
      m.content = { text: 'hi', image: { url: 'https://example.com/a.jpg' } };
    });
    expect(errors[0]?.description).toMatch(/only the "text" key/);
  });

  it('refuses a timestamp that is not RFC 3339', () => {
    expect(broken((m) => (m.createdDatetime = '2026-03-02 09:20:09'))[0]?.parameter).toBe(
      'message.createdDatetime',
    );
    expect(broken((m) => (m.createdDatetime = '2026-03-02T09:20:09.1234567890Z')).length).toBe(1);
  });

  it('refuses an unknown event type', () => {
    expect(parse({ ...conversationCreated(), type: 'contact.created' }).success).toBe(false);
  });

  it('refuses a message event without its message', () => {
    const { message: _m, ...rest } = messageEvent('message.created', INBOUND.text());
    expect(parse(rest).success).toBe(false);
  });

  it('refuses coordinates out of range', () => {
    const errors = broken((m) => {
      m.type = 'location';
      m.content = { location: { latitude: 91, longitude: 4.9 } };
    });
    expect(errors[0]?.parameter).toBe('message.content.location.latitude');
  });
});
