import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageBirdAdapter } from '../../src/adapter/index.js';
import { SampleBot } from '../../src/bot/sample-bot.js';
import { sampleBirdTemplates, sampleTemplates } from '../../src/bot/templates.js';
import { createTestChat, type TestChat, type TestContact } from '../../src/testing/index.js';

/**
 * The sample bot (`npm start`), tested with nothing but the kit, as a user tests their bot: the
 * same test over MessageBird's Conversations API and over Bird's Channels API.
 */
describe.each(['conversations', 'bird'] as const)(
  'the sample bot, through the test kit, on the %s API',
  (api) => {
    let chat: TestChat<MessageBirdAdapter>;
    let bot: SampleBot;
    let ana: TestContact;
    const log: string[] = [];

    beforeAll(async () => {
      chat = await createTestChat({
        logic: (context) => bot.run(context),
        adapter:
          api === 'bird'
            ? {
                api,
                channelName: 'Sample Coffee Bar',
                templates: sampleBirdTemplates('5b0e7c2a-9d41-4f63-8a1e-6c3d2b7f9e04'),
              }
            : { channelName: 'Sample Coffee Bar', templates: sampleTemplates('sample_namespace') },
      });
      bot = new SampleBot({
        adapter: chat.adapter,
        mediaBaseUrl: 'https://example.org/media',
        clock: chat.clock,
        log: (line) => log.push(line),
      });
      ana = chat.contact('+5511987654321', { name: 'Ana Souza' });
    });
    afterAll(async () => {
      bot.close();
      await chat.close();
    });

    it('greets a new contact and shows the menu as a hero card with buttons', async () => {
      const replies = await ana.says('hi');
      expect(replies[0]?.text).toContain('*Welcome, Ana!*');
      const card = {
        type: 'interactive',
        buttons: ['Order coffee', 'See features', 'Remind me tomorrow'],
        status: 'delivered',
      };
      const picture = { url: 'https://example.org/media/coffee.png' };
      if (api === 'bird') {
        // Bird's text body has no header: the card's picture comes just before its buttons.
        expect(replies.slice(-2)).toMatchObject([{ type: 'image', media: picture }, card]);
      } else {
        expect(ana.lastMessage()).toMatchObject({ ...card, media: picture });
      }
    });

    it('shows a list, and a photo from it', async () => {
      await ana.taps('See features');
      expect(ana.lastMessage()?.rows).toContain('A photo');
      await ana.taps('A photo');
      expect(ana.lastMessage()).toMatchObject({ type: 'image' });
      await expect(ana.taps('Espresso')).rejects.toThrow(/rows .*"A photo"/);
    });

    it('takes an order in a dialog over several turns', async () => {
      await ana.says('hi');
      await ana.taps('Order coffee');
      expect(ana.lastMessage()).toMatchObject({
        text: expect.stringContaining('What would you like to drink?'),
        rows: ['Espresso', 'Cappuccino', 'Flat white', 'Tea'],
      });
      await ana.taps('Flat white');
      expect(ana.lastMessage()).toMatchObject({ buttons: ['Small', 'Medium', 'Large'] });
      await ana.taps('Large');
      expect(ana.lastMessage()?.text).toContain('what name');
      await ana.says('Ana');
      expect(ana.lastMessage()?.text).toContain('*large flat white* for *Ana*');
      await ana.taps(ana.lastMessage()?.buttons?.[0] as string);
      expect(ana.lastMessage()?.status).toBe('delivered');
      expect(chat.statuses.length).toBeGreaterThan(0);
    });

    it('answers a photo and a location', async () => {
      const photo = await ana.sendsImage('https://example.org/p.png', {
        caption: 'the broken part',
      });
      expect(photo[0]?.text).toContain('Thanks for the image');
      expect(photo[1]).toMatchObject({
        type: 'image',
        media: { url: 'https://example.org/p.png' },
      });
      const place = await ana.sendsLocation(52.37, 4.89);
      expect(place[0]?.text).toContain('Got your location: 52.37000, 4.89000');
      expect(place.at(-1)).toMatchObject({ type: 'location' });
    });

    it('sends the reminder template once the window has closed', async () => {
      await ana.says('remind me');
      expect(ana.lastMessage()?.text).toContain('I will remind you');
      const before = ana.messages.length;
      await chat.advance({ hours: 25 });
      const [reminder, template] = ana.messages.slice(before);
      expect(reminder).toMatchObject({
        text: expect.stringContaining('Reminder:'),
        status: 'failed',
        error: { code: 470, description: expect.stringContaining('more than 24 hours') },
      });
      expect(template).toMatchObject({
        type: 'hsm',
        template: { name: 'sample_reminder' },
        text: expect.stringContaining(
          'Hi Ana, here is the reminder you asked for: your coffee order.',
        ),
        status: 'delivered',
      });
      expect(chat.statuses).toContainEqual(
        expect.objectContaining({ messageId: reminder?.id, status: 'failed' }),
      );
    });

    it('gives the whole conversation as a transcript', () => {
      const transcript = chat.transcript(ana);
      expect(transcript.filter((a) => a.from.role === 'user').map((a) => a.text)).toContain(
        'remind me',
      );
      expect(transcript.at(-1)?.text).toContain(
        'Hi Ana, here is the reminder you asked for: your coffee order.',
      );
      expect(transcript.at(-2)?.channelData).toMatchObject({
        status: 'failed',
        error: { code: 470 },
      });
    });
  },
);
