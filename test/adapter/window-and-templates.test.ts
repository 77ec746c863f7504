import type { ConversationReference, TurnContext } from 'botbuilder';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type MessageBirdAdapter,
  NotSupportedError,
  TemplateError,
  UnsupportedActivityError,
  WindowClosedError,
} from '../../src/adapter/index.js';
import { TemplateRegistry } from '../../src/core/templates.js';
import { formatDatetime } from '../../src/messagebird/datetime.js';
import { IDS, STATUS_EVENTS } from '../payloads/index.js';
import { KEYS, testAdapter } from '../support/adapter.js';
import { startFakeMessageBird } from '../support/fake-messagebird.js';
import { signedWebhook } from '../support/webhooks.js';

const fake = await startFakeMessageBird();
const adapters: MessageBirdAdapter[] = [];
const make = (options: Parameters<typeof testAdapter>[1] = {}) => {
  const adapter = testAdapter(fake.apiBaseUrl, options);
  adapters.push(adapter);
  return adapter;
};

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await fake.close();
});

beforeEach(() => {
  fake.requests.length = 0;
});

const HOUR = 60 * 60 * 1000;
const reference: Partial<ConversationReference> = {
  user: { id: IDS.phone, name: 'Ada Jansen' },
  bot: { id: IDS.channelId, name: 'Acme Support' },
  conversation: {
    id: IDS.conversationId,
    isGroup: false,
    conversationType: 'personal',
    name: 'Ada',
  },
};

/** Runs `send` in a proactive turn and answers what it threw, if anything. */
async function proactive(
  adapter: MessageBirdAdapter,
  send: (context: TurnContext) => Promise<unknown>,
) {
  let thrown: unknown;
  await adapter.continueConversationAsync('app-id', reference, async (context) => {
    try {
      await send(context);
    } catch (error) {
      thrown = error;
    }
  });
  return thrown;
}

describe('the 24-hour window', () => {
  it('sends free-form within 24 hours of the contact’s last message', async () => {
    const adapter = make();
    await adapter.windows.recordInbound(IDS.phone, Date.now() - 23 * HOUR);
    expect(await proactive(adapter, (c) => c.sendActivity('Still there?'))).toBeUndefined();
    expect(fake.sends()).toHaveLength(1);
  });

  it('refuses free-form after 24 hours before any HTTP request, saying to send a template', async () => {
    const adapter = make();
    await adapter.windows.recordInbound(IDS.phone, Date.now() - 25 * HOUR);
    const error = await proactive(adapter, (c) => c.sendActivity('Still there?'));
    expect(error).toBeInstanceOf(WindowClosedError);
    expect((error as WindowClosedError).message).toMatch(/only approved templates.*sendTemplate/);
    expect(fake.requests).toHaveLength(0);
  });

  it('lets an approved template through after 24 hours', async () => {
    const adapter = make();
    await adapter.windows.recordInbound(IDS.phone, Date.now() - 25 * HOUR);
    const error = await proactive(adapter, (c) =>
      adapter.sendTemplate(c, { name: 'shipping_update', params: ['Ada', '#4711'] }),
    );
    expect(error).toBeUndefined();
    expect(fake.sends()).toEqual([
      expect.objectContaining({
        type: 'hsm',
        to: IDS.phone,
        content: {
          hsm: expect.objectContaining({
            templateName: 'shipping_update',
            params: [{ default: 'Ada' }, { default: '#4711' }],
          }),
        },
      }),
    ]);
  });

  it('refuses a contact it has never seen unless unknownContacts is "allow"', async () => {
    const strict = make();
    const error = await proactive(strict, (c) => c.sendActivity('Hello'));
    expect(error).toBeInstanceOf(WindowClosedError);
    expect((error as Error).message).toMatch(/unknownContacts/);
    expect(fake.requests).toHaveLength(0);

    const lenient = make({ window: { unknownContacts: 'allow' } });
    expect(await proactive(lenient, (c) => c.sendActivity('Hello'))).toBeUndefined();
    expect(fake.sends()).toHaveLength(1);
  });

  it('closes the window when MessageBird reports a 470', async () => {
    const adapter = make();
    await adapter.windows.recordInbound(IDS.phone, Date.now() - HOUR);
    const response = await adapter.handle(
      await signedWebhook(
        'http://127.0.0.1/api/messages',
        STATUS_EVENTS.failedOutsideWindow(),
        KEYS.signingKey,
      ),
      async () => {},
    );
    expect(response.status).toBe(200);
    const error = await proactive(adapter, (c) => c.sendActivity('Hello?'));
    expect(error).toBeInstanceOf(WindowClosedError);
    expect((error as Error).message).toMatch(/470/);
  });

  it('opens the window from an inbound webhook', async () => {
    const adapter = make();
    const event = structuredClone((await import('../payloads/index.js')).INBOUND_EVENTS.text);
    event.message.createdDatetime = formatDatetime(Date.now());
    await adapter.handle(
      await signedWebhook('http://127.0.0.1/api/messages', event, KEYS.signingKey),
      async () => {},
    );
    expect(await proactive(adapter, (c) => c.sendActivity('Thanks!'))).toBeUndefined();
  });

  it('sends the fallback template instead, when one is configured', async () => {
    const adapter = make({
      window: { fallbackTemplate: { name: 'shipping_update', params: ['there', 'update'] } },
    });
    await adapter.windows.recordInbound(IDS.phone, Date.now() - 30 * HOUR);
    expect(await proactive(adapter, (c) => c.sendActivity('Free-form'))).toBeUndefined();
    expect(fake.sends()).toEqual([expect.objectContaining({ type: 'hsm' })]);
  });
});

describe('templates', () => {
  it('fails before any HTTP request when the parameter count is wrong', async () => {
    const adapter = make({ window: { unknownContacts: 'allow' } });
    const error = await proactive(adapter, (c) =>
      adapter.sendTemplate(c, { name: 'shipping_update', params: ['Ada'] }),
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toBe(
      'template shipping_update: takes 2 parameters ({{1}}…{{2}}) but 1 was given',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('names an unknown template and lists the known ones', async () => {
    const adapter = make();
    const error = await proactive(adapter, (c) =>
      adapter.sendTemplate(c, { name: 'welcome', params: [] }),
    );
    expect((error as Error).message).toMatch(
      /template welcome: is not defined.*known: shipping_update/,
    );
  });

  it('keeps the rendered text on the sent activity for transcripts', async () => {
    const adapter = make();
    const seen: string[] = [];
    adapter.use({
      onTurn: async (context, next) => {
        context.onSendActivities(async (_c, activities, send) => {
          seen.push(...activities.map((a) => a.text ?? ''));
          return send();
        });
        await next();
      },
    });
    await proactive(adapter, (c) =>
      adapter.sendTemplate(c, { name: 'shipping_update', params: ['Ada', '#4711'] }),
    );
    expect(seen).toEqual(['Hi Ada, your order #4711 is on its way.']);
  });

  it.each([
    [
      { name: 'Shipping-Update' },
      /name: template names use lowercase letters, digits and underscores/,
    ],
    [{ content: 'x'.repeat(1025) }, /at most 1024 characters/],
    [{ content: 'Hi {{ name }}' }, /named placeholder: .* positional/],
    [{ content: 'Hi {{1}} and {{3}}' }, /without gaps/],
    [{ content: 'Code {{01}}' }, /without leading zeros/],
    [{ content: 'Hi {{1}, x' }, /does not close a placeholder/],
    [{ category: 'PROMOTIONAL' }, /category: use MARKETING, UTILITY, AUTHENTICATION/],
    [{ namespace: '' }, /namespace/],
    [{ language: 'english' }, /language/],
  ])('refuses a definition with %j', (override, message) => {
    const definition = {
      name: 'order_ready',
      category: 'UTILITY',
      namespace: 'ns',
      content: 'Hi {{1}}',
      ...override,
    };
    expect(() => new TemplateRegistry([definition])).toThrow(TemplateError);
    expect(() => new TemplateRegistry([definition])).toThrow(message);
  });

  it('accepts the older category names with a warning, and placeholders in any order', () => {
    const warnings: string[] = [];
    const registry = new TemplateRegistry(
      [
        { name: 'a', category: 'Transactional', namespace: 'ns', content: 'A' },
        { name: 'b', category: 'One-time password', namespace: 'ns', content: 'Code {{1}}' },
        { name: 'c', category: 'marketing', namespace: 'ns', content: 'Sale' },
        { name: 'd', category: 'one_time_password', namespace: 'ns', content: 'Code {{1}}' },
        { name: 'e', category: 'UTILITY', namespace: 'ns', content: 'Order {{2}} for {{1}}' },
      ],
      (m) => warnings.push(m),
    );
    expect(registry.list().map((t) => t.category)).toEqual([
      'UTILITY',
      'AUTHENTICATION',
      'MARKETING',
      'AUTHENTICATION',
      'UTILITY',
    ]);
    expect(warnings).toEqual([
      'template a: category "Transactional" is an older name: it is read as UTILITY; write UTILITY',
      'template b: category "One-time password" is an older name: it is read as AUTHENTICATION; write AUTHENTICATION',
      'template d: category "one_time_password" is an older name: it is read as AUTHENTICATION; write AUTHENTICATION',
    ]);
    // Placeholders may come in any order: each takes its own parameter.
    expect(registry.build({ name: 'e', params: ['#4711', 'Ada'] }).text).toBe(
      'Order Ada for #4711',
    );
  });

  it('counts body component parameters when components are given', () => {
    const registry = new TemplateRegistry([
      { name: 'a', category: 'UTILITY', namespace: 'ns', content: 'Hi {{1}}' },
    ]);
    const built = registry.build({
      name: 'a',
      components: [
        {
          type: 'header',
          parameters: [{ type: 'image', image: { url: 'https://cdn.example.com/h.jpg' } }],
        },
        { type: 'body', parameters: [{ type: 'text', text: 'Ada' }] },
      ],
    });
    expect(built.text).toBe('Hi Ada');
    expect(() =>
      registry.build({ name: 'a', components: [{ type: 'body', parameters: [] }] }),
    ).toThrow(/takes 1 parameter/);
  });
});

describe('proactive and unsupported operations', () => {
  it('starts a conversation with a new number through a template', async () => {
    const adapter = make();
    await adapter.createConversationAsync(
      'app-id',
      'whatsapp',
      '',
      '',
      {
        members: [{ id: '+31699887766', name: 'Bram' }],
        isGroup: false,
        bot: { id: IDS.channelId, name: 'Acme' },
        channelData: {},
      },
      async (context) => {
        expect(context.activity.from?.id).toBe('+31699887766');
        await adapter.sendTemplate(context, { name: 'shipping_update', params: ['Bram', '#4712'] });
      },
    );
    expect(fake.sends()).toEqual([expect.objectContaining({ to: '+31699887766', type: 'hsm' })]);
  });

  it('refuses to edit or delete a sent message', async () => {
    const adapter = make();
    const update = await proactive(adapter, (c) =>
      c.updateActivity({ id: 'x', type: 'message', text: 'edit' }),
    );
    const remove = await proactive(adapter, (c) => c.deleteActivity('x'));
    expect(update).toBeInstanceOf(NotSupportedError);
    expect(remove).toBeInstanceOf(NotSupportedError);
    expect((update as Error).message).toMatch(/WhatsApp cannot edit or delete/);
  });

  it('refuses a raw MessageBird part the API would refuse, naming the field, before any request', async () => {
    const adapter = make({ window: { unknownContacts: 'allow' } });
    const empty = await proactive(adapter, (c) =>
      c.sendActivity({
        type: 'message',
        channelData: { messagebird: { type: 'text', content: { text: '' } } },
      }),
    );
    const unknown = await proactive(adapter, (c) =>
      c.sendActivity({
        type: 'message',
        channelData: { messagebird: { type: 'carousel', content: {} } },
      }),
    );
    const inherited = await proactive(adapter, (c) =>
      c.sendActivity({
        type: 'message',
        channelData: { messagebird: { type: 'constructor', content: {} } },
      }),
    );
    const relative = await proactive(adapter, (c) =>
      c.sendActivity({
        type: 'message',
        channelData: { messagebird: { type: 'image', content: { image: { url: '/cat.png' } } } },
      }),
    );
    expect(empty).toBeInstanceOf(UnsupportedActivityError);
    expect((empty as Error).message).toBe(
      'message part 0 (text): MessageBird would refuse it: content.text: text must not be empty',
    );
    expect((unknown as Error).message).toMatch(
      /^message part 0 \(carousel\): MessageBird sends no such type: use one of text, image,/,
    );
    expect((inherited as Error).message).toMatch(/MessageBird sends no such type/);
    expect((relative as Error).message).toMatch(
      /content\.image\.url: expected an absolute http\(s\) URL/,
    );
    expect(fake.sends()).toEqual([]);
  });

  it('sends typing without an API call and waits for delay', async () => {
    const adapter = make({ window: { unknownContacts: 'allow' } });
    await proactive(adapter, async (c) => {
      const responses = await c.sendActivities([
        { type: 'typing' },
        { type: 'delay', value: 20 },
        { type: 'message', text: 'Done' },
      ]);
      expect(responses.map((r) => r.id === '')).toEqual([true, true, false]);
    });
    expect(fake.sends()).toHaveLength(1);
  });
});
