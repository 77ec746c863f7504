import type { Activity } from 'botbuilder';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateError, UnsupportedActivityError } from '../../src/adapter/index.js';
import { BirdSendRequest } from '../../src/bird/send.js';
import { MessageBirdClient } from '../../src/core/api-client.js';
import { BirdTemplateRegistry } from '../../src/core/bird-templates.js';
import { type BirdPart, BirdWire } from '../../src/core/bird-wire.js';
import { silentLogger } from '../../src/core/logger.js';
import { toBird } from '../../src/core/to-bird.js';
import { toMessageBird } from '../../src/core/to-messagebird.js';
import { BIRD_BODIES, BIRD_IDS } from '../payloads/index.js';

const client = new MessageBirdClient({
  accessKey: 'test_bird_key',
  apiBaseUrl: 'http://bird.invalid',
  rateLimit: { perSecond: 100, maxConcurrent: 1 },
  retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 },
  logger: silentLogger,
  fetch: async () => {
    throw new Error('no request is made here');
  },
});
afterAll(() => client.close());

const templates = new BirdTemplateRegistry([
  {
    name: 'order_update',
    projectId: BIRD_IDS.projectId,
    language: 'en',
    variables: ['name', 'order'],
    content: 'Hi {{name}}, your order {{order}} is on its way.',
  },
]);

const wire = (cards: 'render' | 'strict' = 'render') =>
  new BirdWire({
    client,
    templates,
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    cards,
  });

/** The Bird bodies of an activity, each checked against Bird's send schema as the adapter does. */
function bodies(activity: Partial<Activity>, cards: 'render' | 'strict' = 'render') {
  const w = wire(cards);
  const parts = w.parts({ type: 'message', ...activity });
  parts.forEach((part, i) => {
    const request = w.prepare(part, BIRD_IDS.phone, i);
    expect(v.safeParse(BirdSendRequest, request).success, JSON.stringify(part)).toBe(true);
  });
  return parts.map((part) => ('body' in part ? part.body : part));
}

function refusal(activity: Partial<Activity>): UnsupportedActivityError {
  try {
    wire().parts({ type: 'message', ...activity });
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedActivityError);
    return error as UnsupportedActivityError;
  }
  throw new Error('expected an UnsupportedActivityError');
}

const hero = (content: Record<string, unknown>) => ({
  contentType: 'application/vnd.microsoft.card.hero',
  content,
});

describe('activities as Bird bodies', () => {
  it('sends text as a text body, its markdown in WhatsApp formatting', () => {
    expect(bodies({ text: 'Your **order** is _on its way_' })).toEqual([
      { type: 'text', text: { text: 'Your *order* is _on its way_' } },
    ]);
  });

  it('sends suggested actions as postback buttons whose payload is the button id', () => {
    const sent = bodies({
      text: 'Confirm your order?',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Yes', value: 'confirm-order-1042' },
          { type: 'imBack', title: 'No', value: 'cancel-order-1042' },
        ],
      },
    });
    expect(sent).toEqual([BIRD_BODIES.postbackButtons()]);
  });

  it('carries an object value (Action.Submit data) back as its JSON in the payload', () => {
    const [body] = bodies({
      text: 'Size?',
      suggestedActions: {
        to: [],
        actions: [{ type: 'postBack', title: 'Large', value: { size: 'L' } }],
      },
    });
    expect(body).toEqual({
      type: 'text',
      text: {
        text: 'Size?',
        actions: [{ type: 'postback', postback: { text: 'Large', payload: '{"size":"L"}' } }],
      },
    });
  });

  it('sends more than three choices as a list: rows as postbacks, the button label as altText', () => {
    const actions = ['09:00', '12:00', '15:00', '18:00'].map((t) => ({
      type: 'imBack',
      title: t,
      value: `slot-${t}`,
    }));
    const [body] = bodies({
      text: 'Pick a time slot',
      suggestedActions: { to: [], actions },
      channelData: { listButton: 'Time slots' },
    });
    expect(body).toEqual({
      type: 'list',
      list: {
        text: 'Pick a time slot',
        altText: 'Time slots',
        items: [
          {
            actions: actions.map((a) => ({
              type: 'postback',
              postback: { text: a.title, payload: a.value },
            })),
          },
        ],
      },
    });
  });

  it('sends a hero card with a picture and buttons as the image, then the text with buttons', () => {
    const sent = bodies({
      attachments: [
        hero({
          title: 'Cappuccino',
          text: 'Fresh from the machine',
          images: [{ url: 'https://cdn.example.com/cappuccino.jpg' }],
          buttons: [{ type: 'imBack', title: 'Order', value: 'order-cappuccino' }],
        }),
      ],
    });
    expect(sent).toEqual([
      {
        type: 'image',
        image: { images: [{ mediaUrl: 'https://cdn.example.com/cappuccino.jpg' }] },
      },
      {
        type: 'text',
        text: {
          text: '*Cappuccino*\nFresh from the machine',
          actions: [{ type: 'postback', postback: { text: 'Order', payload: 'order-cappuccino' } }],
        },
      },
    ]);
  });

  it('sends an image with the text as its caption, a string as the docs show', () => {
    expect(
      bodies({
        text: 'Your receipt',
        attachments: [
          { contentType: 'image/png', contentUrl: 'https://cdn.example.com/receipts/1042.png' },
        ],
      }),
    ).toEqual([
      {
        type: 'image',
        image: {
          images: [{ mediaUrl: 'https://cdn.example.com/receipts/1042.png' }],
          text: 'Your receipt',
        },
      },
    ]);
  });

  it('sends a document as a file with its MIME type and file name, the text as caption', () => {
    const [body] = bodies({
      text: 'Your invoice',
      attachments: [
        {
          contentType: 'application/pdf',
          contentUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
          name: 'INV-1042.pdf',
        },
      ],
    });
    expect(body).toEqual(BIRD_BODIES.document());
  });

  it('sends a document without text with its file name and no caption', () => {
    const [body] = bodies({
      attachments: [
        {
          contentType: 'application/pdf',
          contentUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
          name: 'INV-1042.pdf',
        },
      ],
    });
    expect(body).toEqual({
      type: 'file',
      file: {
        files: [
          {
            contentType: 'application/pdf',
            mediaUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
            filename: 'INV-1042.pdf',
          },
        ],
      },
    });
  });

  it('sends video and audio as files whose contentType tells them apart', () => {
    expect(
      bodies({
        attachments: [
          { contentType: 'video/mp4', contentUrl: 'https://cdn.example.com/howto/setup.mp4' },
        ],
      }),
    ).toEqual([BIRD_BODIES.video()]);
    expect(
      bodies({
        attachments: [
          { contentType: 'audio/mpeg', contentUrl: 'https://cdn.example.com/jingles/thanks.mp3' },
        ],
      }),
    ).toEqual([BIRD_BODIES.audio()]);
  });

  it('sends a GeoCoordinates entity as a location body', () => {
    expect(
      bodies({ entities: [{ type: 'GeoCoordinates', latitude: 52.370216, longitude: 4.895168 }] }),
    ).toEqual([
      {
        type: 'location',
        location: { coordinates: { latitude: 52.370216, longitude: 4.895168 } },
      },
    ]);
  });

  it('sends a template by project, version, locale and keyed string parameters', () => {
    const parts = wire().parts({
      type: 'message',
      channelData: { template: { name: 'order_update', params: ['Ana', '1042'] } },
    });
    expect(parts).toEqual([
      {
        template: {
          projectId: BIRD_IDS.projectId,
          version: 'latest',
          locale: 'en',
          parameters: [
            { type: 'string', key: 'name', value: 'Ana' },
            { type: 'string', key: 'order', value: '1042' },
          ],
        },
      },
    ]);
    expect(wire().isTemplate(parts[0] as BirdPart)).toBe(true);
  });

  it('passes channelData.bird through, and refuses it when Bird would', () => {
    expect(bodies({ channelData: { bird: { body: BIRD_BODIES.replyButtons() } } })).toEqual([
      BIRD_BODIES.replyButtons(),
    ]);
    const w = wire();
    const [part] = w.parts({
      type: 'message',
      channelData: { bird: { body: { type: 'image', image: { images: [] } } } },
    });
    expect(() => w.prepare(part as BirdPart, BIRD_IDS.phone, 0)).toThrow(
      /message part 0 \(image\).*Bird would refuse it.*at least one image/,
    );
    expect(() => w.parts({ type: 'message', channelData: { bird: { text: 'Hi' } } })).toThrow(
      UnsupportedActivityError,
    );
  });

  it('refuses a MessageBird template (hsm), naming the part and what to send instead', () => {
    const error = refusal({
      channelData: {
        messagebird: {
          type: 'hsm',
          content: {
            hsm: {
              namespace: 'ns',
              templateName: 'x',
              language: { policy: 'deterministic', code: 'en' },
            },
          },
        },
      },
    });
    expect(error.field).toBe('message part 0 (hsm)');
    expect(error.message).toMatch(/projectId/);
  });

  it('refuses a list row description, which Bird has no field for', () => {
    const error = refusal({
      channelData: {
        messagebird: {
          type: 'interactive',
          content: {
            interactive: {
              type: 'list',
              body: { text: 'Pick one' },
              action: {
                button: 'Choose',
                sections: [{ rows: [{ id: 'a', title: 'A', description: 'the first' }] }],
              },
            },
          },
        },
      },
    });
    expect(error.message).toMatch(/rows\[0\]\.description.*no description/);
  });

  it('refuses what WhatsApp would refuse before any request, as on the Conversations API', () => {
    const error = refusal({
      channelData: {
        messagebird: {
          type: 'interactive',
          content: {
            interactive: {
              type: 'button',
              body: { text: 'Pick' },
              action: {
                buttons: [{ id: 'a', type: 'reply', title: 'A title far longer than twenty' }],
              },
            },
          },
        },
      },
    });
    expect(error.field).toBe('message part 0 (interactive)');
    expect(error.message).toMatch(/WhatsApp would refuse it.*20 characters/);
  });

  it('puts a text header above buttons and a footer below; a document header goes first', () => {
    const [first, second] = toBird(
      {
        type: 'interactive',
        content: {
          interactive: {
            type: 'button',
            header: { type: 'document', document: { url: 'https://cdn.example.com/menu.pdf' } },
            body: { text: 'Our menu' },
            footer: { text: 'Prices include VAT' },
            action: { buttons: [{ id: 'order', type: 'reply', title: 'Order' }] },
          },
        },
      },
      'message part 0 (interactive)',
    );
    expect(first).toEqual({
      type: 'file',
      file: {
        files: [{ contentType: 'application/pdf', mediaUrl: 'https://cdn.example.com/menu.pdf' }],
      },
    });
    expect(second).toMatchObject({ text: { text: 'Our menu\n\nPrices include VAT' } });
    const [withTitle] = toBird(
      {
        type: 'interactive',
        content: {
          interactive: {
            type: 'button',
            header: { type: 'text', text: 'Menu' },
            body: { text: 'Pick' },
            action: { buttons: [{ id: 'a', type: 'reply', title: 'A' }] },
          },
        },
      },
      'part',
    );
    expect(withTitle).toMatchObject({ text: { text: '*Menu*\n\nPick' } });
  });

  it('keeps the Conversations API parts unchanged (no extra field on a media part)', () => {
    const [part] = toMessageBird({
      type: 'message',
      attachments: [
        { contentType: 'application/pdf', contentUrl: 'https://x.example/a.pdf', name: 'a.pdf' },
      ],
    });
    expect(Object.keys(part as object)).toEqual(['type', 'content']);
  });

  it('checks template params before any request', () => {
    expect(() =>
      wire().parts({
        type: 'message',
        channelData: { template: { name: 'order_update', params: ['Ana'] } },
      }),
    ).toThrow(TemplateError);
  });
});
