import type { Activity } from 'botbuilder';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { UnsupportedActivityError } from '../../src/adapter/index.js';
import { toWhatsAppText } from '../../src/core/markdown.js';
import { TemplateRegistry } from '../../src/core/templates.js';
import {
  isTemplateOnly,
  type ToMessageBirdOptions,
  toMessageBird,
} from '../../src/core/to-messagebird.js';
import { SendRequest } from '../../src/messagebird/requests.js';
import { IDS } from '../payloads/index.js';

const templates = new TemplateRegistry([
  {
    name: 'shipping_update',
    category: 'UTILITY',
    namespace: 'ns_acme',
    content: 'Hi {{1}}, your order {{2}} is on its way.',
  },
]);

const translate = (activity: Partial<Activity>) => {
  const parts = toMessageBird({ type: 'message', ...activity }, templates);
  for (const part of parts) {
    // Every part must be a body MessageBird accepts.
    const result = v.safeParse(SendRequest, { to: IDS.phone, from: IDS.channelId, ...part });
    expect(result.success, JSON.stringify(part)).toBe(true);
  }
  return parts;
};

const refusal = (activity: Partial<Activity>, options: ToMessageBirdOptions = {}) => {
  try {
    toMessageBird({ type: 'message', ...activity }, templates, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedActivityError);
    return error as UnsupportedActivityError;
  }
  throw new Error('expected an UnsupportedActivityError');
};

const hero = (content: Record<string, unknown>) => ({
  contentType: 'application/vnd.microsoft.card.hero',
  content,
});
const imBack = (title: string, value = title) => ({ type: 'imBack', title, value });

describe('toWhatsAppText', () => {
  it.each([
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['~~gone~~', '~gone~'],
    ['use `npm test`', 'use ```npm test```'],
    ['```\nconst a = 1;\n```', '```const a = 1;```'],
    ['# Your order', '*Your order*'],
    [
      'see [the tracker](https://track.example.com/4711)',
      'see the tracker (https://track.example.com/4711)',
    ],
    ['**Order _4711_** ships', '*Order _4711_* ships'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
    ['`**not bold**`', '```**not bold**```'],
  ])('%s → %s', (input, expected) => {
    expect(toWhatsAppText(input)).toBe(expected);
  });
});

describe('toMessageBird: text, media and location', () => {
  it('sends markdown text as WhatsApp formatting', () => {
    expect(translate({ text: 'Your order **#4711** ships _today_.' })).toEqual([
      { type: 'text', content: { text: 'Your order *#4711* ships _today_.' } },
    ]);
  });

  it('keeps plain text as it is', () => {
    expect(translate({ text: '**not bold**', textFormat: 'plain' })).toEqual([
      { type: 'text', content: { text: '**not bold**' } },
    ]);
  });

  it.each([
    ['image/png', 'image'],
    ['video/mp4', 'video'],
    ['audio/ogg', 'audio'],
    ['application/pdf', 'file'],
  ])('sends a %s attachment as %s', (contentType, type) => {
    const [part] = translate({
      attachments: [{ contentType, contentUrl: 'https://cdn.example.com/a', name: 'a.bin' }],
    });
    expect(part?.type).toBe(type);
    expect(((part?.content ?? {}) as any)[type].url).toBe('https://cdn.example.com/a');
  });

  it('uses the text as the caption of a single image', () => {
    expect(
      translate({
        text: 'Packed!',
        attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://cdn.example.com/p.jpg' }],
      }),
    ).toEqual([
      {
        type: 'image',
        content: { image: { url: 'https://cdn.example.com/p.jpg', caption: 'Packed!' } },
      },
    ]);
  });

  it('sends text separately beside several media, media first', () => {
    const parts = translate({
      text: 'Two photos',
      attachments: [
        { contentType: 'image/jpeg', contentUrl: 'https://cdn.example.com/1.jpg' },
        { contentType: 'image/jpeg', contentUrl: 'https://cdn.example.com/2.jpg' },
      ],
    });
    expect(parts.map((p) => p.type)).toEqual(['image', 'image', 'text']);
  });

  it('sends audio and its text as two messages (audio has no caption)', () => {
    const parts = translate({
      text: 'Listen',
      attachments: [{ contentType: 'audio/mpeg', contentUrl: 'https://cdn.example.com/v.mp3' }],
    });
    expect(parts.map((p) => p.type)).toEqual(['audio', 'text']);
  });

  it('sends a GeoCoordinates or Place entity as a location', () => {
    expect(
      translate({ entities: [{ type: 'GeoCoordinates', latitude: 52.37, longitude: 4.9 }] }),
    ).toEqual([{ type: 'location', content: { location: { latitude: 52.37, longitude: 4.9 } } }]);
    expect(
      translate({
        entities: [{ type: 'Place', geo: { type: 'GeoCoordinates', latitude: 1, longitude: 2 } }],
      }),
    ).toEqual([{ type: 'location', content: { location: { latitude: 1, longitude: 2 } } }]);
  });
});

describe('toMessageBird: buttons and lists', () => {
  it('turns up to 3 suggested actions into reply buttons', () => {
    const [part] = translate({
      text: 'What now?',
      suggestedActions: {
        to: [],
        actions: [imBack('Track order', 'track'), imBack('Cancel', 'cancel')] as any,
      },
    });
    expect(part).toEqual({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'What now?' },
          action: {
            buttons: [
              { id: 'track', type: 'reply', title: 'Track order' },
              { id: 'cancel', type: 'reply', title: 'Cancel' },
            ],
          },
        },
      },
    });
  });

  it('turns 4 to 10 suggested actions into a list', () => {
    const actions = Array.from({ length: 7 }, (_, i) => imBack(`Slot ${i + 1}`));
    const [part] = translate({
      text: 'Pick a slot',
      suggestedActions: { to: [], actions: actions as any },
    });
    const interactive = ((part?.content ?? {}) as any).interactive;
    expect(interactive.type).toBe('list');
    expect(interactive.action.button).toBe('Choose');
    expect(interactive.action.sections[0].rows).toHaveLength(7);
  });

  it('uses a list when a title is too long for a button', () => {
    const [part] = translate({
      text: 'Pick',
      suggestedActions: { to: [], actions: [imBack('Change delivery slot now')] as any },
    });
    expect(((part?.content ?? {}) as any).interactive.type).toBe('list');
  });

  it('refuses 11 suggested actions, naming the field', () => {
    const actions = Array.from({ length: 11 }, (_, i) => imBack(`Option ${i + 1}`));
    const error = refusal({
      text: 'Too many',
      suggestedActions: { to: [], actions: actions as any },
    });
    expect(error.field).toBe('suggestedActions.actions');
    expect(error.message).toMatch(/at most 3 buttons or 10 list rows/);
  });

  it('refuses an openUrl action in strict mode, naming it', () => {
    const error = refusal(
      {
        text: 'Open',
        suggestedActions: {
          to: [],
          actions: [{ type: 'openUrl', title: 'Site', value: 'https://x' }] as any,
        },
      },
      { cards: 'strict' },
    );
    expect(error.field).toBe('suggestedActions.actions[0].type');
  });

  it('refuses suggested actions without text', () => {
    expect(refusal({ suggestedActions: { to: [], actions: [imBack('Yes')] as any } }).field).toBe(
      'text',
    );
  });

  it('turns a hero card into buttons with an image header', () => {
    const [part] = translate({
      attachments: [
        hero({
          title: 'Order #4711',
          subtitle: 'Arrives tomorrow',
          text: 'What would you like to do?',
          images: [{ url: 'https://cdn.example.com/parcel.jpg' }],
          buttons: [
            imBack('Track', 'track'),
            { type: 'postBack', title: 'Talk to us', value: { intent: 'human' } },
          ],
        }),
      ],
    });
    expect(((part?.content ?? {}) as any).interactive).toEqual({
      type: 'button',
      header: { type: 'image', image: { url: 'https://cdn.example.com/parcel.jpg' } },
      body: { text: '*Order #4711*\nArrives tomorrow\nWhat would you like to do?' },
      action: {
        buttons: [
          { id: 'track', type: 'reply', title: 'Track' },
          { id: '{"intent":"human"}', type: 'reply', title: 'Talk to us' },
        ],
      },
    });
  });

  it('sends a hero card without buttons as a captioned image', () => {
    expect(
      translate({
        attachments: [
          hero({ title: 'New in', images: [{ url: 'https://cdn.example.com/n.jpg' }] }),
        ],
      }),
    ).toEqual([
      {
        type: 'image',
        content: { image: { url: 'https://cdn.example.com/n.jpg', caption: '*New in*' } },
      },
    ]);
  });
});

describe('toMessageBird: templates and what WhatsApp cannot show', () => {
  it('sends channelData.template as an hsm', () => {
    const parts = translate({
      channelData: { template: { name: 'shipping_update', params: ['Ada', '#4711'] } },
    });
    expect(parts).toEqual([
      {
        type: 'hsm',
        content: {
          hsm: {
            namespace: 'ns_acme',
            templateName: 'shipping_update',
            language: { policy: 'deterministic', code: 'en' },
            params: [{ default: 'Ada' }, { default: '#4711' }],
          },
        },
      },
    ]);
    expect(isTemplateOnly(parts)).toBe(true);
  });

  it('passes channelData.messagebird through as it is', () => {
    const raw = { type: 'text' as const, content: { text: 'raw' } };
    expect(translate({ text: 'ignored', channelData: { messagebird: raw } })).toEqual([raw]);
  });

  it('refuses an adaptive card in strict mode, naming its content type', () => {
    const activity = {
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }],
    };
    expect(refusal(activity, { cards: 'strict' }).field).toBe('attachments[0].contentType');
  });

  it.each([
    [
      { attachments: [{ contentType: 'image/png', content: 'base64…' }] },
      'attachments[0].contentUrl',
    ],
    [
      { attachments: [{ contentType: 'image/png', contentUrl: 'data:image/png;base64,AAAA' }] },
      'attachments[0].contentUrl',
    ],
    [{ text: 'x'.repeat(4097) }, 'text'],
    [{}, 'text'],
    [{ entities: [{ type: 'GeoCoordinates', latitude: 'north' }] }, 'entities[0]'],
  ] as const)('refuses %j naming %s', (activity, field) => {
    expect(refusal(activity as Partial<Activity>).field).toBe(field);
  });
});
