import { ActionTypes, type Activity, CardFactory, MessageFactory } from 'botbuilder';

/** Where the sample coffee bar is: Amsterdam Centraal. */
export const COFFEE_BAR = { latitude: 52.37911, longitude: 4.90035, name: 'Sample Coffee Bar' };

/** The commands the sample bot understands; button and list ids are these names too. */
export const COMMANDS = [
  'menu',
  'order',
  'features',
  'formatting',
  'photo',
  'file',
  'location',
  'remind',
  'statuses',
  'cards',
] as const;

/** One of the sample bot's commands. */
export type Command = (typeof COMMANDS)[number];

const KEYWORDS: [RegExp, Command][] = [
  [/^(hi|hello|hey|hallo|start|menu|help)\b/, 'menu'],
  [/\b(order|coffee)\b/, 'order'],
  [/\b(features?|list|options)\b/, 'features'],
  [/\bformat/, 'formatting'],
  [/\b(photo|picture|image)\b/, 'photo'],
  [/\b(file|pdf|document)\b/, 'file'],
  [/\b(where|location|address)\b/, 'location'],
  [/\bremind/, 'remind'],
  [/\bstatus/, 'statuses'],
  [/\bcards?\b/, 'cards'],
];

/** The command a message asks for: a tapped button's id, else a keyword in the text. */
export function commandOf(activity: Partial<Activity>): Command | undefined {
  const id = (activity.value as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && (COMMANDS as readonly string[]).includes(id)) return id as Command;
  const text = (activity.text ?? '').trim().toLowerCase();
  return KEYWORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The greeting on `conversationUpdate`. */
export function greeting(name: string): Partial<Activity> {
  return MessageFactory.text(
    `**Welcome, ${name}!**\nI am the sample bot of _botbuilder-adapter-messagebird-whatsapp_. Say **hi** for the menu, or send me a photo or your location.`,
  );
}

/** The main menu: a hero card with a picture and three reply buttons. */
export function menuCard(mediaBaseUrl: string): Partial<Activity> {
  const card = CardFactory.heroCard(
    'Sample Coffee Bar',
    'What would you like to do?',
    [`${mediaBaseUrl}/coffee.png`],
    [
      { type: ActionTypes.PostBack, title: 'Order coffee', value: 'order' },
      { type: ActionTypes.PostBack, title: 'See features', value: 'features' },
      { type: ActionTypes.PostBack, title: 'Remind me tomorrow', value: 'remind' },
    ],
  );
  return MessageFactory.attachment(card);
}

/** What the adaptive card's button sends back as the activity's `value`. */
export const SPECIAL_ORDER = { action: 'order-special', drink: 'flat white' } as const;

/**
 * Today's special as an adaptive card, the kind Microsoft's samples greet with: a picture, a
 * heading, text, facts, a submit button and a link. The adapter shows it as WhatsApp can.
 */
export function specialCard(mediaBaseUrl: string): Partial<Activity> {
  return MessageFactory.attachment(
    CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'Image', url: `${mediaBaseUrl}/coffee.png`, altText: 'A cup of coffee' },
        { type: 'TextBlock', text: "Today's special", size: 'large', weight: 'bolder' },
        {
          type: 'TextBlock',
          text: 'A **flat white** with oat milk, made by our barista.',
          wrap: true,
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'Price', value: '€3.20' },
            { title: 'Ready in', value: '5 minutes' },
          ],
        },
      ],
      actions: [
        { type: 'Action.Submit', title: 'Order the special', data: SPECIAL_ORDER },
        { type: 'Action.OpenUrl', title: 'Our website', url: 'https://example.com/coffee' },
      ],
    }),
  );
}

/** A receipt card: the order's items, tax and total. */
export function receiptCard(mediaBaseUrl: string): Partial<Activity> {
  return MessageFactory.attachment({
    contentType: CardFactory.contentTypes.receiptCard,
    content: {
      title: 'Your order',
      facts: [
        { key: 'Order', value: '#4711' },
        { key: 'Paid with', value: 'Card ending 4242' },
      ],
      items: [
        {
          title: 'Flat white',
          subtitle: 'Oat milk',
          price: '€3.20',
          quantity: '1',
          image: { url: `${mediaBaseUrl}/coffee.png` },
        },
        { title: 'Croissant', price: '€2.10', quantity: '1' },
      ],
      tax: '€0.48',
      total: '€5.30',
    },
  });
}

/** Every feature, as suggested actions: more than three become a WhatsApp list. */
export function featureList(): Partial<Activity> {
  const rows: [Command, string][] = [
    ['formatting', 'Formatting'],
    ['photo', 'A photo'],
    ['file', 'The menu (PDF)'],
    ['location', 'Our location'],
    ['order', 'Order coffee'],
    ['remind', 'Remind me tomorrow'],
    ['statuses', 'Delivery statuses'],
    ['cards', 'Cards'],
  ];
  const activity = MessageFactory.suggestedActions(
    rows.map(([value, title]) => ({ type: ActionTypes.PostBack, title, value })),
    'Here is everything I can show. Pick one:',
  );
  activity.channelData = { listButton: 'Features' };
  return activity;
}

/** Bot Framework markdown, which the adapter turns into WhatsApp's formatting. */
export function formattingDemo(): Partial<Activity> {
  return MessageFactory.text(
    [
      '# Formatting',
      '**Bold**, _italic_, ~~struck through~~ and `monospace`.',
      'Links become text with the URL: [MessageBird](https://developers.messagebird.com).',
      '```',
      'const reply = "fenced code stays as it is";',
      '```',
    ].join('\n'),
  );
}

/** A picture with a caption. */
export function photo(mediaBaseUrl: string): Partial<Activity> {
  return MessageFactory.contentUrl(
    `${mediaBaseUrl}/coffee.png`,
    'image/png',
    'coffee.png',
    'Freshly made ☕',
  );
}

/** A document; its name shows as the file name. */
export function menuFile(mediaBaseUrl: string): Partial<Activity> {
  return MessageFactory.contentUrl(`${mediaBaseUrl}/menu.pdf`, 'application/pdf', 'menu.pdf');
}

/** A location: text, then the pin. */
export function coffeeBarLocation(intro = `**${COFFEE_BAR.name}** is here:`): Partial<Activity> {
  const activity = MessageFactory.text(intro);
  activity.entities = [
    { type: 'GeoCoordinates', latitude: COFFEE_BAR.latitude, longitude: COFFEE_BAR.longitude },
  ];
  return activity;
}

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
