import type { Activity, Attachment } from 'botbuilder';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { UnsupportedActivityError } from '../../src/adapter/index.js';
import { type ToMessageBirdOptions, toMessageBird } from '../../src/core/to-messagebird.js';
import { SendRequest } from '../../src/messagebird/requests.js';
import { CARDS, IDS } from '../payloads/index.js';

const STRICT: ToMessageBirdOptions = { cards: 'strict' };

/** The parts of an activity, each checked to be a body MessageBird's API accepts. */
const render = (activity: Partial<Activity>, options: ToMessageBirdOptions = {}) => {
  const parts = toMessageBird({ type: 'message', ...activity }, undefined, options);
  for (const part of parts) {
    const result = v.safeParse(SendRequest, { to: IDS.phone, from: IDS.channelId, ...part });
    expect(result.success, JSON.stringify(result.issues ?? part)).toBe(true);
  }
  return parts;
};
const renderCard = (card: Attachment, options: ToMessageBirdOptions = {}) =>
  render({ attachments: [card] }, options);

const refusal = (activity: Partial<Activity>, options: ToMessageBirdOptions = {}) => {
  try {
    toMessageBird({ type: 'message', ...activity }, undefined, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedActivityError);
    return error as UnsupportedActivityError;
  }
  throw new Error('expected an UnsupportedActivityError');
};
const cardRefusal = (card: Attachment, options: ToMessageBirdOptions = {}) =>
  refusal({ attachments: [card] }, options);

const card = (kind: string, content: unknown): Attachment => ({
  contentType: `application/vnd.microsoft.card.${kind}`,
  content,
});
const adaptive = (content: Record<string, unknown>) =>
  card('adaptive', { type: 'AdaptiveCard', version: '1.5', ...content });
const text = (value: string) => ({ type: 'text', content: { text: value } });
const image = (url: string, caption?: string) => ({
  type: 'image',
  content: { image: caption === undefined ? { url } : { url, caption } },
});
const buttons = (interactive: Record<string, unknown>) => ({
  type: 'interactive',
  content: { interactive: { type: 'button', ...interactive } },
});
const reply = (id: string, title: string) => ({ id, type: 'reply', title });
const imBack = (title: string, value = title) => ({ type: 'imBack', title, value });

describe('hero and thumbnail cards', () => {
  it('shows a hero card with an openUrl button as a captioned image with the link', () => {
    expect(renderCard(CARDS.hero())).toEqual([
      image(
        'https://cdn.example.com/cards/hero.jpg',
        '*Acme hero card*\n\nGet started: https://acme.example.com/start',
      ),
    ]);
  });

  it('shows a thumbnail card as a captioned image: title, subtitle, text, link', () => {
    expect(renderCard(CARDS.thumbnail())).toEqual([
      image(
        'https://cdn.example.com/cards/thumbnail.jpg',
        '*Acme thumbnail card*\nYour orders, wherever you chat.\nTrack parcels, change deliveries and ask questions from WhatsApp.\n\nGet started: https://acme.example.com/start',
      ),
    ]);
  });

  it('keeps reply buttons as buttons and puts links, calls and downloads in the body', () => {
    const parts = renderCard(
      card('hero', {
        title: 'Order #4711',
        text: 'Arrives **tomorrow**.',
        images: [{ url: 'https://cdn.example.com/parcel.jpg' }],
        buttons: [
          imBack('Track', 'track'),
          { type: 'openUrl', title: 'Details', value: 'https://acme.example.com/o/4711' },
          { type: 'call', title: 'Call us', value: 'tel:+31201234567' },
          { type: 'downloadFile', title: 'Invoice', value: 'https://cdn.example.com/i.pdf' },
          { type: 'postBack', title: 'Talk to us', value: { intent: 'human' } },
        ],
      }),
    );
    expect(parts).toEqual([
      buttons({
        header: { type: 'image', image: { url: 'https://cdn.example.com/parcel.jpg' } },
        body: {
          text: '*Order #4711*\nArrives *tomorrow*.\n\nDetails: https://acme.example.com/o/4711\nCall us: +31201234567\nInvoice: https://cdn.example.com/i.pdf',
        },
        action: {
          buttons: [reply('track', 'Track'), reply('{"intent":"human"}', 'Talk to us')],
        },
      }),
    ]);
  });

  it('sends the image first when the choices need a list (a list header is text only)', () => {
    const choices = ['Monday', 'Tuesday', 'Wednesday', 'Thursday'].map((d) => imBack(d));
    const hero = card('hero', {
      title: 'Delivery day',
      images: [{ url: 'https://cdn.example.com/van.jpg' }],
      buttons: choices,
    });
    const list = {
      type: 'interactive',
      content: {
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Delivery day' },
          body: { text: '*Delivery day*' },
          action: {
            button: 'Choose',
            sections: [{ rows: choices.map((c) => ({ id: c.value, title: c.title })) }],
          },
        },
      },
    };
    expect(renderCard(hero)).toEqual([image('https://cdn.example.com/van.jpg'), list]);
    // Strict mode keeps the earlier behaviour: the list alone.
    expect(renderCard(hero, STRICT)).toEqual([list]);
  });

  it('gives buttons without any text the list button label as their body', () => {
    const hero = card('hero', {
      images: [{ url: 'https://cdn.example.com/van.jpg' }],
      buttons: [imBack('Yes'), imBack('No')],
    });
    expect(render({ attachments: [hero], channelData: { listButton: 'Pick one' } })).toEqual([
      buttons({
        header: { type: 'image', image: { url: 'https://cdn.example.com/van.jpg' } },
        body: { text: 'Pick one' },
        action: { buttons: [reply('Yes', 'Yes'), reply('No', 'No')] },
      }),
    ]);
    expect(cardRefusal(hero, STRICT).field).toBe('attachments[0].content.text');
  });

  it('refuses openUrl buttons in strict mode, as before', () => {
    const error = cardRefusal(CARDS.hero(), STRICT);
    expect(error.field).toBe('attachments[0].content.buttons[0].type');
    expect(error.message).toMatch(/WhatsApp buttons can only reply/);
  });

  it('refuses an action type that is neither a reply nor a link, naming it', () => {
    const error = cardRefusal(
      card('hero', { title: 'Pay', buttons: [{ type: 'payment', title: 'Pay', value: {} }] }),
    );
    expect(error.field).toBe('attachments[0].content.buttons[0].type');
    expect(error.message).toMatch(/"payment" action cannot be shown/);
  });

  it('refuses an openUrl button without a URL, naming its value', () => {
    const error = cardRefusal(card('hero', { title: 'Go', buttons: [{ type: 'openUrl' }] }));
    expect(error.field).toBe('attachments[0].content.buttons[0].value');
  });
});

describe('animation, video and audio cards', () => {
  it('sends an animation GIF as an image captioned with the title and subtitle', () => {
    expect(renderCard(CARDS.animation())).toEqual([
      image('https://cdn.example.com/animations/wave.gif', '*Acme assistant*\nAnimation card'),
    ]);
  });

  it('sends an animation MP4 as a video', () => {
    const parts = renderCard(
      card('animation', { media: [{ url: 'https://cdn.example.com/wave.mp4?v=2' }] }),
    );
    expect(parts).toEqual([
      { type: 'video', content: { video: { url: 'https://cdn.example.com/wave.mp4?v=2' } } },
    ]);
  });

  it('sends a video card as a video captioned with its text and links', () => {
    expect(renderCard(CARDS.video())).toEqual([
      {
        type: 'video',
        content: {
          video: {
            url: 'https://cdn.example.com/howto/returns.mp4',
            caption:
              '*How returns work*\nby Acme\nTwo minutes on sending a parcel back for free.\n\nLearn more: https://acme.example.com/returns',
          },
        },
      },
    ]);
  });

  it('puts a video card with reply buttons in one message with a video header', () => {
    const parts = renderCard(
      card('video', {
        title: 'Returns',
        media: [{ url: 'https://cdn.example.com/howto/returns.mp4' }],
        buttons: [imBack('Start a return', 'return')],
      }),
    );
    expect(parts).toEqual([
      buttons({
        header: { type: 'video', video: { url: 'https://cdn.example.com/howto/returns.mp4' } },
        body: { text: '*Returns*' },
        action: { buttons: [reply('return', 'Start a return')] },
      }),
    ]);
  });

  it('sends an audio card as the audio, then its text (audio takes no caption)', () => {
    expect(renderCard(CARDS.audio())).toEqual([
      { type: 'audio', content: { audio: { url: 'https://cdn.example.com/voice/welcome.mp3' } } },
      text(
        '*Welcome message*\nAcme customer service\nOur founder explains how Acme ships every order within a day.\n\nRead more: https://acme.example.com/about',
      ),
    ]);
  });

  it('sends an audio card with reply buttons as the audio, then the buttons under its text', () => {
    const parts = renderCard(
      card('audio', {
        title: 'Voicemail',
        media: [{ url: 'https://cdn.example.com/voice/vm.ogg' }],
        buttons: [imBack('Call back', 'call-back')],
      }),
    );
    expect(parts).toEqual([
      { type: 'audio', content: { audio: { url: 'https://cdn.example.com/voice/vm.ogg' } } },
      buttons({
        body: { text: '*Voicemail*' },
        action: { buttons: [reply('call-back', 'Call back')] },
      }),
    ]);
  });

  it('refuses a media card without a media URL, or with a data: URL', () => {
    expect(cardRefusal(card('video', { title: 'x' })).field).toBe('attachments[0].content.media');
    expect(
      cardRefusal(card('audio', { media: [{ url: 'data:audio/ogg;base64,AAAA' }] })).field,
    ).toBe('attachments[0].content.media[0].url');
  });

  it.each(['animation', 'video', 'audio', 'receipt', 'signin', 'oauth'])(
    'refuses a %s card by content type in strict mode',
    (kind) => {
      const make = CARDS[kind as keyof typeof CARDS];
      expect(cardRefusal(make(), STRICT).field).toBe('attachments[0].contentType');
    },
  );
});

describe('receipt cards', () => {
  it('shows title, facts, items, tax and total as formatted text, buttons as links', () => {
    expect(renderCard(CARDS.receipt())).toEqual([
      text(
        [
          '*Ada Jansen*',
          '',
          '*Order Number*: 4711',
          '*Payment Method*: iDEAL',
          '',
          'Blue mug × 2 — €25.00',
          'Earl Grey × 1 — €6.95',
          '',
          'Tax: €6.71',
          '*Total: €31.95*',
          '',
          'More information: https://acme.example.com/orders/4711',
        ].join('\n'),
      ),
    ]);
  });

  it('puts a receipt with reply buttons above the buttons, with VAT and item subtitles', () => {
    const parts = renderCard(
      card('receipt', {
        title: 'Order 4711',
        items: [{ title: 'Mug', subtitle: 'blue', price: '€12.50' }],
        vat: '€2.17',
        total: '€12.50',
        buttons: [imBack('Pay now', 'pay')],
      }),
    );
    expect(parts).toEqual([
      buttons({
        body: { text: '*Order 4711*\n\nMug — €12.50\nblue\n\nVAT: €2.17\n*Total: €12.50*' },
        action: { buttons: [reply('pay', 'Pay now')] },
      }),
    ]);
  });
});

describe('sign-in and OAuth cards', () => {
  it('sends a sign-in card as its text and the sign-in link', () => {
    expect(renderCard(CARDS.signin())).toEqual([
      text('Sign in\n\nAcme sign-in card: https://login.example.com'),
    ]);
  });

  it('labels a sign-in link without a title "Sign in"', () => {
    const signin = card('signin', {
      text: 'Please sign in to see your orders.',
      buttons: [{ type: 'signin', value: 'https://login.example.com/?s=1' }],
    });
    expect(renderCard(signin)).toEqual([
      text('Please sign in to see your orders.\n\nSign in: https://login.example.com/?s=1'),
    ]);
  });

  it('sends an OAuth card that has a sign-in link like a sign-in card', () => {
    const oauth = card('oauth', {
      connectionName: 'AcmeAAD',
      text: 'Sign in to continue',
      buttons: [{ type: 'signin', title: 'Sign In', value: 'https://login.example.com/oauth' }],
    });
    expect(renderCard(oauth)).toEqual([
      text('Sign in to continue\n\nSign In: https://login.example.com/oauth'),
    ]);
  });

  it('refuses an OAuth card without a link: WhatsApp has no token service', () => {
    const error = cardRefusal(CARDS.oauth());
    expect(error.field).toBe('attachments[0].content.buttons[0].value');
    expect(error.message).toMatch(/token service/);
    expect(error.message).toMatch(/OAuthPrompt cannot complete/);
  });
});

describe('adaptive cards', () => {
  it('shows an itinerary card as text in reading order, icons left out', () => {
    expect(renderCard(CARDS.adaptiveItinerary())).toEqual([
      text(
        [
          '*Travellers*',
          '',
          'Ada Jansen',
          'Piet de Vries',
          '',
          '*Direct*',
          '*Mon, March 2 9:12 AM*',
          '',
          'Amsterdam',
          '*ASD*',
          'Utrecht',
          '*UT*',
          '',
          'Total · *€18.40*',
        ].join('\n'),
      ),
    ]);
  });

  it('shows a welcome card as its image captioned with the text and the links', () => {
    expect(renderCard(CARDS.adaptiveWelcome())).toEqual([
      image(
        'https://cdn.example.com/welcome/banner.png',
        [
          '*Welcome to Acme!*',
          'Follow the links below to learn what this assistant can do for your orders.',
          '',
          'Get an overview: https://acme.example.com/help',
          'Ask a question: https://acme.example.com/ask',
          'Track a parcel: https://acme.example.com/track?lang=en',
        ].join('\n'),
      ),
    ]);
  });

  it('turns Action.Submit into reply buttons carrying their data, facts and rich text into the body', () => {
    expect(renderCard(CARDS.adaptiveOrder())).toEqual([
      buttons({
        body: {
          text: [
            '*Your basket*',
            '*Blue mug*: 2 × €12.50',
            '*Earl Grey*: 1 × €6.95',
            'Delivery *tomorrow*, _free_ instead of ~€4.95~',
            '',
            'Terms: https://acme.example.com/terms',
          ].join('\n'),
        },
        action: {
          buttons: [
            reply('{"action":"order","basket":"b-4711"}', 'Order now'),
            reply('{"action":"empty"}', 'Empty basket'),
          ],
        },
      }),
    ]);
  });

  it('sends an Action.ShowCard card after the card, headed by the action title', () => {
    expect(renderCard(CARDS.adaptiveShowCard())).toEqual([
      text('Parcel 4711 is out for delivery.'),
      buttons({
        body: { text: '*Change delivery*\n\nWe can leave it with a neighbour.' },
        action: { buttons: [reply('{"action":"neighbour"}', 'Neighbour')] },
      }),
    ]);
  });

  it('uses the first large image as the header and sends further images after the card', () => {
    const parts = renderCard(
      adaptive({
        body: [
          { type: 'Image', url: 'https://cdn.example.com/logo.png', size: 'small' },
          { type: 'TextBlock', text: 'Our new mugs' },
          {
            type: 'ImageSet',
            images: [
              { type: 'Image', url: 'https://cdn.example.com/mug-1.jpg' },
              { type: 'Image', url: 'https://cdn.example.com/mug-2.jpg' },
            ],
          },
        ],
        actions: [{ type: 'Action.Submit', title: 'Buy', data: { sku: 'mug' } }],
      }),
    );
    expect(parts).toEqual([
      buttons({
        header: { type: 'image', image: { url: 'https://cdn.example.com/mug-1.jpg' } },
        body: { text: 'Our new mugs' },
        action: { buttons: [reply('{"sku":"mug"}', 'Buy')] },
      }),
      image('https://cdn.example.com/mug-2.jpg'),
    ]);
  });

  it('renders fallbacks, leaves out hidden elements, and formats dates, tables and headings', () => {
    const parts = renderCard(
      adaptive({
        body: [
          { type: 'TextBlock', text: 'Opening hours', style: 'heading' },
          { type: 'TextBlock', text: 'secret', isVisible: false },
          {
            type: 'Table',
            rows: [
              {
                type: 'TableRow',
                cells: [
                  { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Mon' }] },
                  { type: 'TableCell', items: [{ type: 'TextBlock', text: '9–18' }] },
                ],
              },
            ],
          },
          {
            type: 'Rating',
            value: 4,
            fallback: { type: 'TextBlock', text: 'Rated 4 of 5' },
          },
          { type: 'Carousel', fallback: 'drop', text: 'never shown' },
          { type: 'Badge', text: 'New' },
          { type: 'TextBlock', text: 'Updated {{DATE(2026-03-02T09:30:00Z, SHORT)}}' },
        ],
      }),
    );
    expect(parts).toEqual([
      text('*Opening hours*\nMon · 9–18\nRated 4 of 5\nNew\nUpdated 2026-03-02'),
    ]);
  });

  it('gives an Action.Submit without data its title as the id', () => {
    const parts = renderCard(
      adaptive({
        body: [{ type: 'TextBlock', text: 'Happy?' }],
        actions: [
          { type: 'Action.Submit', title: 'Yes' },
          { type: 'Action.Execute', title: 'No', verb: 'rate', data: 'unhappy' },
        ],
      }),
    );
    expect(parts).toEqual([
      buttons({
        body: { text: 'Happy?' },
        action: { buttons: [reply('Yes', 'Yes'), reply('unhappy', 'No')] },
      }),
    ]);
  });

  it.each([
    ['render', {}],
    ['strict', STRICT],
  ] as [string, ToMessageBirdOptions][])(
    'refuses an input element naming it (%s)',
    (_mode, options) => {
      const error = cardRefusal(CARDS.adaptiveForm(), options);
      expect(error.field).toBe('attachments[0].content.body[2]');
      expect(error.message).toMatch(/Input\.Text cannot be shown on WhatsApp/);
    },
  );

  it('finds an input inside a column or a shown card', () => {
    const nested = adaptive({
      body: [
        {
          type: 'ColumnSet',
          columns: [{ type: 'Column', items: [{ type: 'Input.ChoiceSet', id: 'size' }] }],
        },
      ],
    });
    expect(cardRefusal(nested).field).toBe('attachments[0].content.body[0].columns[0].items[0]');
    expect(cardRefusal(nested).message).toMatch(/Input\.ChoiceSet/);
    const shown = adaptive({
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'Rate',
          card: { type: 'AdaptiveCard', body: [{ type: 'Input.Number', id: 'stars' }] },
        },
      ],
    });
    expect(cardRefusal(shown).field).toBe('attachments[0].content.actions[0].card.body[0]');
  });

  it('refuses an adaptive card by content type in strict mode when it has no input', () => {
    expect(cardRefusal(CARDS.adaptiveWelcome(), STRICT).field).toBe('attachments[0].contentType');
  });

  it('refuses data too long for a button id, naming the data', () => {
    const error = cardRefusal(
      adaptive({
        body: [{ type: 'TextBlock', text: 'Go?' }],
        actions: [{ type: 'Action.Submit', title: 'Go', data: { note: 'x'.repeat(260) } }],
      }),
    );
    expect(error.field).toBe('attachments[0].content.actions[0].data');
    expect(error.message).toMatch(/at most 256 characters/);
  });

  it('refuses two buttons that would carry back the same reply', () => {
    const error = cardRefusal(
      adaptive({
        body: [{ type: 'TextBlock', text: 'Sure?' }],
        actions: [
          { type: 'Action.Submit', title: 'Yes', data: { ok: true } },
          { type: 'Action.Submit', title: 'Yes!', data: { ok: true } },
        ],
      }),
    );
    expect(error.field).toBe('attachments[0].content.actions[1].data');
  });

  it('refuses a large image without an http(s) URL, and a card with nothing to show', () => {
    const inline = adaptive({ body: [{ type: 'Image', url: 'data:image/png;base64,AAAA' }] });
    expect(cardRefusal(inline).field).toBe('attachments[0].content.body[0].url');
    expect(cardRefusal(adaptive({ body: [] })).field).toBe('attachments[0].content');
    expect(cardRefusal(card('adaptive', 'not a card')).field).toBe('attachments[0].content');
  });
});

describe("WhatsApp's limits", () => {
  const long = 'word '.repeat(230).trim(); // 1149 characters

  it('sends a body over 1024 characters as its own text before the buttons (render)', () => {
    const hero = card('hero', { title: 'Terms', text: long, buttons: [imBack('Accept')] });
    expect(renderCard(hero)).toEqual([
      text(`*Terms*\n${long}`),
      buttons({ body: { text: '*Terms*' }, action: { buttons: [reply('Accept', 'Accept')] } }),
    ]);
    const error = cardRefusal(hero, STRICT);
    expect(error.field).toBe('attachments[0].content.text');
    expect(error.message).toMatch(/at most 1024 characters/);
  });

  it('sends a caption over 1024 characters as a text after the image (render)', () => {
    const hero = card('hero', { text: long, images: [{ url: 'https://cdn.example.com/a.jpg' }] });
    expect(renderCard(hero)).toEqual([image('https://cdn.example.com/a.jpg'), text(long)]);
    expect(cardRefusal(hero, STRICT).field).toBe('attachments[0].content.text');
  });

  it('leaves a title over 60 characters out of a list header (render), refuses it (strict)', () => {
    const title = 'A title that is far too long for the header of a WhatsApp list';
    const hero = card('hero', {
      title,
      buttons: ['One', 'Two', 'Three', 'Four'].map((t) => imBack(t)),
    });
    const [part] = renderCard(hero);
    const interactive = ((part?.content ?? {}) as any).interactive;
    expect(interactive.type).toBe('list');
    expect(interactive.header).toBeUndefined();
    expect(interactive.body).toEqual({ text: `*${title}*` });
    expect(cardRefusal(hero, STRICT).field).toBe('attachments[0].content.title');
  });

  it('refuses a list button label over 20 characters', () => {
    const error = refusal({
      text: 'Pick',
      suggestedActions: { to: [], actions: ['1', '2', '3', '4'].map((t) => imBack(t)) as any },
      channelData: { listButton: 'Choose one of these please' },
    });
    expect(error.field).toBe('channelData.listButton');
  });

  it('refuses data over 200 characters in a list row, which a button could carry', () => {
    const data = { note: 'x'.repeat(200) };
    const actions = ['A', 'B', 'C', 'D'].map((title, i) => ({
      type: 'Action.Submit',
      title,
      data: i === 3 ? data : { i },
    }));
    const error = cardRefusal(adaptive({ body: [{ type: 'TextBlock', text: 'Pick' }], actions }));
    expect(error.field).toBe('attachments[0].content.actions[3].data');
    expect(error.message).toMatch(/at most 200 characters from a list row/);
  });

  it('sends the text beside a single image separately when it is too long for a caption', () => {
    const parts = render({
      text: long,
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://cdn.example.com/p.jpg' }],
    });
    expect(parts).toEqual([image('https://cdn.example.com/p.jpg'), text(long)]);
  });
});

describe('suggested actions with links', () => {
  it('puts openUrl actions in the body above the reply buttons', () => {
    const parts = render({
      text: 'What now?',
      suggestedActions: {
        to: [],
        actions: [
          imBack('Track', 'track'),
          { type: 'openUrl', title: 'Help', value: 'https://acme.example.com/help' },
        ] as any,
      },
    });
    expect(parts).toEqual([
      buttons({
        body: { text: 'What now?\n\nHelp: https://acme.example.com/help' },
        action: { buttons: [reply('track', 'Track')] },
      }),
    ]);
  });

  it('sends only links as one text message', () => {
    const parts = render({
      text: 'See:',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'openUrl', title: 'Help', value: 'https://acme.example.com/help' },
        ] as any,
      },
    });
    expect(parts).toEqual([text('See:\n\nHelp: https://acme.example.com/help')]);
  });
});

describe('carousels and lists of cards', () => {
  it('sends each card of a carousel as its own messages, in order, after the text', () => {
    const parts = render({
      text: 'Here is everything:',
      attachmentLayout: 'carousel',
      attachments: [CARDS.hero(), CARDS.audio(), CARDS.receipt()],
    });
    expect(parts.map((p) => p.type)).toEqual(['text', 'image', 'audio', 'text', 'text']);
    expect(parts[0]).toEqual(text('Here is everything:'));
    expect(parts[1]).toEqual(renderCard(CARDS.hero())[0]);
    expect(parts[4]).toEqual(renderCard(CARDS.receipt())[0]);
  });

  it("refuses 06.using-cards' all-cards carousel for its OAuth card, naming it", () => {
    const all = [
      CARDS.adaptiveItinerary(),
      CARDS.animation(),
      CARDS.audio(),
      CARDS.hero(),
      CARDS.oauth(),
      CARDS.receipt(),
      CARDS.signin(),
      CARDS.thumbnail(),
      CARDS.video(),
    ];
    expect(refusal({ attachments: all, attachmentLayout: 'carousel' }).field).toBe(
      'attachments[4].content.buttons[0].value',
    );
    const withoutOAuth = all.filter((_, i) => i !== 4);
    expect(render({ attachments: withoutOAuth, attachmentLayout: 'carousel' })).toHaveLength(9);
  });
});
