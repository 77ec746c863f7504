import type { Attachment } from 'botbuilder';

/** An attachment of a Bot Framework card type, as `CardFactory` makes it. */
const card = (kind: string, content: Record<string, unknown>): Attachment => ({
  contentType: `application/vnd.microsoft.card.${kind}`,
  content,
});

/**
 * Example cards of every kind a Bot Framework bot sends, as `CardFactory` makes them, in the
 * shapes Microsoft's samples use (06.using-cards: one of each card and a carousel; 13.core-bot: a
 * welcome adaptive card). The data is ours: an Acme shop on example.com.
 */
export const CARDS = {
  /** An adaptive card like a travel itinerary: bold headings, a separator, column sets with small icons, a total row. */
  adaptiveItinerary: (): Attachment =>
    card('adaptive', {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.0',
      speak: 'Your train to Utrecht leaves on Monday at 9:12',
      body: [
        { type: 'TextBlock', text: 'Travellers', weight: 'bolder', isSubtle: false },
        { type: 'TextBlock', text: 'Ada Jansen', separator: true },
        { type: 'TextBlock', text: 'Piet de Vries', spacing: 'none' },
        { type: 'TextBlock', text: 'Direct', weight: 'bolder', spacing: 'medium' },
        { type: 'TextBlock', text: 'Mon, March 2 9:12 AM', weight: 'bolder', spacing: 'none' },
        {
          type: 'ColumnSet',
          separator: true,
          columns: [
            {
              type: 'Column',
              width: 1,
              items: [
                { type: 'TextBlock', text: 'Amsterdam', isSubtle: true },
                {
                  type: 'TextBlock',
                  size: 'extraLarge',
                  color: 'accent',
                  text: 'ASD',
                  spacing: 'none',
                },
              ],
            },
            {
              type: 'Column',
              width: 'auto',
              items: [
                { type: 'TextBlock', text: ' ' },
                {
                  type: 'Image',
                  url: 'http://cdn.example.com/icons/train.png',
                  size: 'small',
                  spacing: 'none',
                },
              ],
            },
            {
              type: 'Column',
              width: 1,
              items: [
                {
                  type: 'TextBlock',
                  horizontalAlignment: 'right',
                  text: 'Utrecht',
                  isSubtle: true,
                },
                {
                  type: 'TextBlock',
                  horizontalAlignment: 'right',
                  size: 'extraLarge',
                  color: 'accent',
                  text: 'UT',
                  spacing: 'none',
                },
              ],
            },
          ],
        },
        {
          type: 'ColumnSet',
          spacing: 'medium',
          columns: [
            {
              type: 'Column',
              width: '1',
              items: [{ type: 'TextBlock', text: 'Total', size: 'medium', isSubtle: true }],
            },
            {
              type: 'Column',
              width: 1,
              items: [
                {
                  type: 'TextBlock',
                  horizontalAlignment: 'right',
                  text: '€18.40',
                  size: 'medium',
                  weight: 'bolder',
                },
              ],
            },
          ],
        },
      ],
    }),

  /** A welcome adaptive card like 13.core-bot's: an image, two text blocks, three Action.OpenUrl. */
  adaptiveWelcome: (): Attachment =>
    card('adaptive', {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.0',
      body: [
        { type: 'Image', url: 'https://cdn.example.com/welcome/banner.png', size: 'stretch' },
        {
          type: 'TextBlock',
          spacing: 'medium',
          size: 'default',
          weight: 'bolder',
          text: 'Welcome to Acme!',
          wrap: true,
          maxLines: 0,
        },
        {
          type: 'TextBlock',
          size: 'default',
          isSubtle: true,
          text: 'Follow the links below to learn what this assistant can do for your orders.',
          wrap: true,
          maxLines: 0,
        },
      ],
      actions: [
        { type: 'Action.OpenUrl', title: 'Get an overview', url: 'https://acme.example.com/help' },
        { type: 'Action.OpenUrl', title: 'Ask a question', url: 'https://acme.example.com/ask' },
        {
          type: 'Action.OpenUrl',
          title: 'Track a parcel',
          url: 'https://acme.example.com/track?lang=en',
        },
      ],
    }),

  /** An adaptive card with facts, rich text and Action.Submit buttons whose data the bot reads back. */
  adaptiveOrder: (): Attachment =>
    card('adaptive', {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Your basket', size: 'large' },
        {
          type: 'FactSet',
          facts: [
            { title: 'Blue mug', value: '2 × €12.50' },
            { title: 'Earl Grey', value: '1 × €6.95' },
          ],
        },
        {
          type: 'RichTextBlock',
          inlines: [
            'Delivery ',
            { type: 'TextRun', text: 'tomorrow', weight: 'bolder' },
            ', ',
            { type: 'TextRun', text: 'free', italic: true },
            ' instead of ',
            { type: 'TextRun', text: '€4.95', strikethrough: true },
          ],
        },
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Submit',
              title: 'Order now',
              data: { action: 'order', basket: 'b-4711' },
            },
          ],
        },
      ],
      actions: [
        { type: 'Action.Submit', title: 'Empty basket', data: { action: 'empty' } },
        { type: 'Action.OpenUrl', title: 'Terms', url: 'https://acme.example.com/terms' },
        { type: 'Action.ToggleVisibility', title: 'Details', targetElements: ['details'] },
      ],
    }),

  /** An adaptive card whose Action.ShowCard holds a second card with its own button. */
  adaptiveShowCard: (): Attachment =>
    card('adaptive', {
      type: 'AdaptiveCard',
      version: '1.2',
      body: [{ type: 'TextBlock', text: 'Parcel 4711 is out for delivery.' }],
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'Change delivery',
          card: {
            type: 'AdaptiveCard',
            body: [{ type: 'TextBlock', text: 'We can leave it with a neighbour.' }],
            actions: [{ type: 'Action.Submit', title: 'Neighbour', data: { action: 'neighbour' } }],
          },
        },
      ],
    }),

  /** An adaptive card with a form: an Input.Text at body[2]. */
  adaptiveForm: (): Attachment =>
    card('adaptive', {
      type: 'AdaptiveCard',
      version: '1.3',
      body: [
        { type: 'TextBlock', text: 'Where should we deliver?', weight: 'bolder' },
        { type: 'TextBlock', text: 'We deliver between 9:00 and 18:00.' },
        { type: 'Input.Text', id: 'address', placeholder: 'Street and number' },
      ],
      actions: [{ type: 'Action.Submit', title: 'Save', data: { action: 'address' } }],
    }),

  /** An animation card like 06.using-cards': a GIF, a title and a subtitle, no buttons. */
  animation: (): Attachment =>
    card('animation', {
      subtitle: 'Animation card',
      title: 'Acme assistant',
      media: [{ url: 'https://cdn.example.com/animations/wave.gif' }],
      buttons: [],
    }),

  /** An audio card like 06.using-cards': a long text, a poster image and an openUrl button. */
  audio: (): Attachment =>
    card('audio', {
      subtitle: 'Acme customer service',
      text: 'Our founder explains how Acme ships every order within a day.',
      image: { url: 'https://cdn.example.com/voice/poster.jpg' },
      title: 'Welcome message',
      media: [{ url: 'https://cdn.example.com/voice/welcome.mp3' }],
      buttons: [{ type: 'openUrl', title: 'Read more', value: 'https://acme.example.com/about' }],
    }),

  /** A hero card like 06.using-cards': a title, an image and an openUrl button. */
  hero: (): Attachment =>
    card('hero', {
      title: 'Acme hero card',
      images: [{ url: 'https://cdn.example.com/cards/hero.jpg' }],
      buttons: [{ type: 'openUrl', title: 'Get started', value: 'https://acme.example.com/start' }],
    }),

  /** An OAuth card like 06.using-cards' (and OAuthPrompt's): a connection name, no sign-in link. */
  oauth: (): Attachment =>
    card('oauth', {
      buttons: [{ type: 'signin', title: 'Sign In' }],
      connectionName: 'AcmeAAD',
      text: 'Acme OAuth card',
    }),

  /** A receipt card like 06.using-cards': facts, two items with images, tax, total, an openUrl button. */
  receipt: (): Attachment =>
    card('receipt', {
      title: 'Ada Jansen',
      facts: [
        { key: 'Order Number', value: '4711' },
        { key: 'Payment Method', value: 'iDEAL' },
      ],
      items: [
        {
          title: 'Blue mug',
          price: '€25.00',
          quantity: 2,
          image: { url: 'https://cdn.example.com/icons/mug.png' },
        },
        {
          title: 'Earl Grey',
          price: '€6.95',
          quantity: 1,
          image: { url: 'https://cdn.example.com/icons/tea.png' },
        },
      ],
      tax: '€6.71',
      total: '€31.95',
      buttons: [
        {
          type: 'openUrl',
          title: 'More information',
          value: 'https://acme.example.com/orders/4711',
        },
      ],
    }),

  /** A sign-in card made as 06.using-cards makes it: `signinCard(title, url, text)`. */
  signin: (): Attachment =>
    card('signin', {
      buttons: [{ type: 'signin', title: 'Acme sign-in card', value: 'https://login.example.com' }],
      text: 'Sign in',
    }),

  /** A thumbnail card like 06.using-cards': title, subtitle, text, image, an openUrl button. */
  thumbnail: (): Attachment =>
    card('thumbnail', {
      subtitle: 'Your orders, wherever you chat.',
      text: 'Track parcels, change deliveries and ask questions from WhatsApp.',
      title: 'Acme thumbnail card',
      images: [{ url: 'https://cdn.example.com/cards/thumbnail.jpg' }],
      buttons: [{ type: 'openUrl', title: 'Get started', value: 'https://acme.example.com/start' }],
    }),

  /** A video card like 06.using-cards': an MP4, title, subtitle, text, an openUrl button. */
  video: (): Attachment =>
    card('video', {
      subtitle: 'by Acme',
      text: 'Two minutes on sending a parcel back for free.',
      title: 'How returns work',
      media: [{ url: 'https://cdn.example.com/howto/returns.mp4' }],
      buttons: [
        { type: 'openUrl', title: 'Learn more', value: 'https://acme.example.com/returns' },
      ],
    }),
};
