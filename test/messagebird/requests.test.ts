import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { errorEnvelope, errorsFromIssues } from '../../src/messagebird/errors.js';
import {
  CreateWebhookRequest,
  ErrorEnvelope,
  ReplyRequest,
  SendRequest,
  SendResponse,
  StartConversationRequest,
  UpdateWebhookRequest,
  Webhook,
} from '../../src/messagebird/index.js';
import { listOf } from '../../src/messagebird/list.js';
import { IDS, SENDS, send } from '../payloads/index.js';

const errorsOf = (schema: v.GenericSchema, body: unknown) => {
  const result = v.safeParse(schema, body);
  expect(result.success).toBe(false);
  return result.success ? [] : errorsFromIssues(result.issues).errors;
};

const interactive = (body: ReturnType<typeof SENDS.buttons>) =>
  (body.content as { interactive: Record<string, any> }).interactive;

describe('SendRequest', () => {
  it.each(Object.keys(SENDS))('accepts a %s message', (name) => {
    const body = SENDS[name as keyof typeof SENDS]();
    const result = v.safeParse(SendRequest, body);
    if (!result.success) expect(errorsFromIssues(result.issues)).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('accepts a hex channel id, a number without + and a contact id as recipient', () => {
    for (const to of ['31612345678', IDS.contactId]) {
      expect(
        v.safeParse(SendRequest, { ...SENDS.text(), to, from: IDS.hexChannelId }).success,
      ).toBe(true);
    }
  });

  it('names the missing recipient', () => {
    const { to: _to, ...body } = SENDS.text();
    expect(errorsOf(SendRequest, body)).toEqual([
      { code: 9, description: 'to is required', parameter: 'to' },
    ]);
  });

  it('refuses a channel id that is neither 32 hex nor a UUID', () => {
    expect(errorsOf(SendRequest, { ...SENDS.text(), from: 'my-channel' })[0]?.parameter).toBe(
      'from',
    );
  });

  it('refuses an unknown type', () => {
    expect(
      errorsOf(SendRequest, send('whatsappSticker', { whatsappSticker: { link: 'x' } }))[0]
        ?.parameter,
    ).toBe('type');
  });

  it('refuses empty text', () => {
    expect(errorsOf(SendRequest, send('text', { text: '' }))[0]).toMatchObject({
      code: 10,
      parameter: 'content.text',
    });
  });

  it('refuses a media URL that is not absolute http(s)', () => {
    expect(errorsOf(SendRequest, send('image', { image: { url: '/a.jpg' } }))[0]?.parameter).toBe(
      'content.image.url',
    );
    expect(
      errorsOf(SendRequest, send('image', { image: { url: 'ftp://x.example/a.jpg' } }))[0]
        ?.parameter,
    ).toBe('content.image.url');
  });

  it('refuses content for another type', () => {
    const errors = errorsOf(SendRequest, send('image', { text: 'hi' }));
    expect(errors[0]?.parameter).toBe('content.image');
  });

  it('refuses a fourth reply button', () => {
    const body = SENDS.buttons();
    interactive(body).action.buttons.push({ id: 'x', type: 'reply', title: 'More' });
    expect(errorsOf(SendRequest, body)[0]).toMatchObject({
      parameter: 'content.interactive.action.buttons',
      description: expect.stringMatching(/at most 3 reply buttons/),
    });
  });

  it('refuses a button title over 20 characters', () => {
    const body = SENDS.buttons();
    interactive(body).action.buttons[0].title = 'Track my order please';
    expect(errorsOf(SendRequest, body)[0]?.parameter).toBe(
      'content.interactive.action.buttons.0.title',
    );
  });

  it('refuses duplicate button ids', () => {
    const body = SENDS.buttons();
    interactive(body).action.buttons[1].id = 'track-order';
    expect(errorsOf(SendRequest, body)[0]?.description).toMatch(/distinct/);
  });

  it('refuses an eleventh list row across sections', () => {
    const body = SENDS.list() as ReturnType<typeof SENDS.buttons>;
    const sections = interactive(body).action.sections;
    for (let i = 0; i < 8; i++) sections[1].rows.push({ id: `extra-${i}`, title: `Slot ${i}` });
    expect(errorsOf(SendRequest, body)[0]?.description).toMatch(/at most 10 list rows/);
  });

  it('refuses a template name with capitals or dashes', () => {
    const body = SENDS.templateParams() as unknown as { content: { hsm: Record<string, unknown> } };
    body.content.hsm.templateName = 'Shipping-Update';
    expect(errorsOf(SendRequest, body)[0]?.parameter).toBe('content.hsm.templateName');
  });

  it('refuses a template with both params and components', () => {
    const body = SENDS.templateParams() as unknown as { content: { hsm: Record<string, unknown> } };
    body.content.hsm.components = [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }];
    expect(errorsOf(SendRequest, body)[0]?.description).toMatch(
      /params or in components, not both/,
    );
  });

  it('refuses a language policy outside the enum and a malformed code', () => {
    const body = SENDS.templateParams() as unknown as { content: { hsm: Record<string, any> } };
    body.content.hsm.language = { policy: 'best-effort', code: 'english' };
    const params = errorsOf(SendRequest, body).map((e) => e.parameter);
    expect(params).toEqual(['content.hsm.language.policy', 'content.hsm.language.code']);
  });

  it('refuses a currency amount that is not in thousandths', () => {
    const body = SENDS.templateParams() as unknown as { content: { hsm: Record<string, any> } };
    body.content.hsm.params[1].currency.amount = 12.5;
    expect(errorsOf(SendRequest, body)[0]?.description).toMatch(/thousandths/);
  });
});

describe('StartConversationRequest and ReplyRequest', () => {
  it('accepts a start with channelId and to', () => {
    const { from, ...rest } = SENDS.text();
    expect(v.safeParse(StartConversationRequest, { ...rest, channelId: from }).success).toBe(true);
  });

  it('requires channelId on a start', () => {
    const { from: _from, ...rest } = SENDS.text();
    expect(errorsOf(StartConversationRequest, rest)[0]?.parameter).toBe('channelId');
  });

  it('accepts a reply with only type and content', () => {
    expect(v.safeParse(ReplyRequest, { type: 'text', content: { text: 'Thanks!' } }).success).toBe(
      true,
    );
  });
});

describe('SendResponse, Webhook, lists and the error envelope', () => {
  it('reads a send answer with and without status and fallback', () => {
    expect(v.parse(SendResponse, { id: IDS.sentMessageId }).id).toBe(IDS.sentMessageId);
    expect(
      v.parse(SendResponse, {
        id: IDS.sentMessageId,
        status: 'accepted',
        fallback: { id: IDS.messageId },
      }).fallback?.id,
    ).toBe(IDS.messageId);
  });

  const webhook = {
    id: IDS.webhookId,
    url: 'https://bot.example.com/api/messagebird',
    channelId: IDS.channelId,
    events: ['message.created', 'message.updated'],
    status: 'enabled',
    createdDatetime: '2026-03-01T08:00:00Z',
    updatedDatetime: null,
  };

  it('reads a webhook and a list of webhooks', () => {
    const page = v.parse(listOf(Webhook), {
      offset: 0,
      limit: 20,
      count: 1,
      totalCount: 1,
      items: [webhook],
    });
    expect(page.items[0]?.events).toEqual(['message.created', 'message.updated']);
  });

  it('refuses a list without totalCount', () => {
    expect(
      v.safeParse(listOf(Webhook), { offset: 0, limit: 20, count: 0, items: [] }).success,
    ).toBe(false);
  });

  it('validates webhook create and update bodies', () => {
    const create = { channelId: IDS.channelId, events: ['message.created'], url: webhook.url };
    expect(v.safeParse(CreateWebhookRequest, create).success).toBe(true);
    expect(errorsOf(CreateWebhookRequest, { ...create, events: [] })[0]?.parameter).toBe('events');
    expect(
      errorsOf(CreateWebhookRequest, { ...create, events: ['message.deleted'] })[0]?.parameter,
    ).toBe('events.0');
    expect(v.safeParse(UpdateWebhookRequest, { status: 'disabled' }).success).toBe(true);
    expect(errorsOf(UpdateWebhookRequest, {})[0]?.description).toMatch(/at least one/);
  });

  it('builds the error envelope MessageBird sends for a bad access key', () => {
    expect(errorEnvelope(2, 'Request not allowed (incorrect access_key)', 'access_key')).toEqual({
      errors: [
        {
          code: 2,
          description: 'Request not allowed (incorrect access_key)',
          parameter: 'access_key',
        },
      ],
    });
  });

  it('reads error envelopes with description or message, and a null parameter', () => {
    const parsed = v.parse(ErrorEnvelope, {
      errors: [
        { code: 20, description: 'message not found', parameter: null },
        { code: 9, message: 'no (correct) recipients found', parameter: 'to' },
      ],
    });
    expect(parsed.errors).toEqual([
      { code: 20, description: 'message not found', parameter: null },
      { code: 9, description: 'no (correct) recipients found', parameter: 'to' },
    ]);
  });
});
