import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BirdInboundWebhook } from '../../src/bird/index.js';
import {
  BirdFieldError,
  birdBodyToContent,
  mediaTypeOf,
} from '../../src/simulator/bird/content-in.js';
import { birdBodyOf, contentTypeOf } from '../../src/simulator/bird/content-out.js';
import { fromBirdId, toBirdId } from '../../src/simulator/bird/ids.js';
import type { Simulator } from '../../src/simulator/index.js';
import { BIRD_BODIES, BIRD_IDS, birdSend } from '../payloads/index.js';
import {
  birdSendCall,
  birdSimulator,
  birdSubscribe,
  channelPath,
  contactWrites,
} from './bird-helpers.js';
import { call, fakeFetch } from './helpers.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

type Body = Parameters<typeof birdBodyToContent>[0];

describe('Bird bodies as WhatsApp content, and back (pure)', () => {
  it('turns each body type into the WhatsApp content the engine keeps', () => {
    expect(birdBodyToContent(BIRD_BODIES.text() as Body)).toEqual({
      type: 'text',
      content: { text: 'Your parcel arrives tomorrow between 9 and 12.' },
    });
    expect(birdBodyToContent(BIRD_BODIES.postbackButtons() as Body)).toEqual({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'Confirm your order?' },
          action: {
            buttons: [
              { type: 'reply', id: 'confirm-order-1042', title: 'Yes' },
              { type: 'reply', id: 'cancel-order-1042', title: 'No' },
            ],
          },
        },
      },
    });
    // A reply action has no payload: its text is the button's id.
    const reply = birdBodyToContent(BIRD_BODIES.replyButtons() as Body);
    expect(
      (reply.content.interactive as { action: { buttons: unknown[] } }).action.buttons,
    ).toEqual([
      { type: 'reply', id: 'Tomorrow', title: 'Tomorrow' },
      { type: 'reply', id: 'Friday', title: 'Friday' },
    ]);
    expect(birdBodyToContent(BIRD_BODIES.image() as Body)).toEqual({
      type: 'image',
      content: {
        image: { url: 'https://cdn.example.com/receipts/1042.png', caption: 'Your receipt' },
      },
    });
    expect(
      birdBodyToContent({
        type: 'image',
        image: { images: [{ mediaUrl: 'https://cdn.example.com/a.png' }], text: { text: 'obj' } },
      } as Body).content,
    ).toEqual({ image: { url: 'https://cdn.example.com/a.png', caption: 'obj' } });
    expect(birdBodyToContent(BIRD_BODIES.document() as Body)).toEqual({
      type: 'file',
      content: {
        file: { url: 'https://cdn.example.com/invoices/INV-1042.pdf', caption: 'Your invoice' },
      },
    });
    expect(birdBodyToContent(BIRD_BODIES.video() as Body).type).toBe('video');
    expect(birdBodyToContent(BIRD_BODIES.audio() as Body)).toEqual({
      type: 'audio',
      content: { audio: { url: 'https://cdn.example.com/jingles/thanks.mp3' } },
    });
    expect(birdBodyToContent(BIRD_BODIES.location() as Body)).toEqual({
      type: 'location',
      content: { location: { latitude: 52.370216, longitude: 4.895168 } },
    });
    expect(birdBodyToContent(BIRD_BODIES.list() as Body)).toEqual({
      type: 'interactive',
      content: {
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Delivery slot' },
          body: { text: 'Pick a time slot' },
          action: {
            button: 'Time slots',
            sections: [
              { title: 'Morning', rows: [{ id: 'slot-0900', title: '09:00-12:00' }] },
              {
                title: 'Afternoon',
                rows: [
                  { id: 'slot-1200', title: '12:00-15:00' },
                  { id: 'slot-1500', title: '15:00-18:00' },
                ],
              },
            ],
          },
        },
      },
    });
  });

  it('reads audio, video and documents from the contentType', () => {
    expect(mediaTypeOf('audio/ogg; codecs=opus')).toBe('audio');
    expect(mediaTypeOf('video/mp4')).toBe('video');
    expect(mediaTypeOf('application/pdf')).toBe('file');
    expect(mediaTypeOf('image/png')).toBe('file');
  });

  it('refuses what WhatsApp cannot show with the Bird field to fix', () => {
    const list = BIRD_BODIES.list();
    const untitled = {
      ...list,
      list: { ...list.list, items: list.list.items.map(({ actions }) => ({ actions })) },
    };
    expect(() => birdBodyToContent(untitled as Body)).toThrow(
      new BirdFieldError(
        'body.list.items.0.title',
        'a list with several items needs a title on every item',
      ),
    );
    const eleven = {
      type: 'list',
      list: {
        text: 'Pick',
        items: [
          {
            actions: Array.from({ length: 11 }, (_, i) => ({
              type: 'postback',
              postback: { text: `Row ${i}`, payload: `r${i}` },
            })),
          },
        ],
      },
    };
    expect(() => birdBodyToContent(eleven as Body)).toThrow(
      /body\.list\.items: WhatsApp shows at most 10 rows/,
    );
    const twins = {
      type: 'text',
      text: {
        text: 'Pick',
        actions: [
          { type: 'postback', postback: { text: 'A', payload: 'same' } },
          { type: 'postback', postback: { text: 'B', payload: 'same' } },
        ],
      },
    };
    expect(() => birdBodyToContent(twins as Body)).toThrow(
      /body\.text\.actions: two buttons have the same payload/,
    );
    const label = { ...list, list: { ...list.list, altText: 'A label far too long for it' } };
    expect(() => birdBodyToContent(label as Body)).toThrow(/body\.list\.altText/);
  });

  it('turns each body back into the Bird body it came from (what WhatsApp keeps of it)', () => {
    const sent = (body: Body) => birdBodyOf({ ...birdBodyToContent(body), direction: 'sent' });
    expect(sent(BIRD_BODIES.text() as Body)).toEqual(BIRD_BODIES.text());
    expect(sent(BIRD_BODIES.postbackButtons() as Body)).toEqual(BIRD_BODIES.postbackButtons());
    expect(sent(BIRD_BODIES.list() as Body)).toEqual(BIRD_BODIES.list());
    expect(sent(BIRD_BODIES.image() as Body)).toEqual({
      type: 'image',
      image: {
        images: [{ mediaUrl: 'https://cdn.example.com/receipts/1042.png' }],
        text: 'Your receipt',
      },
    });
    expect(sent(BIRD_BODIES.document() as Body)).toEqual({
      type: 'file',
      file: {
        files: [
          {
            contentType: 'application/pdf',
            mediaUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
          },
        ],
        text: 'Your invoice',
      },
    });
    expect(sent(BIRD_BODIES.video() as Body)).toEqual(BIRD_BODIES.video());
    expect(sent(BIRD_BODIES.audio() as Body)).toEqual(BIRD_BODIES.audio());
    expect(sent(BIRD_BODIES.location() as Body)).toEqual({
      type: 'location',
      location: { coordinates: BIRD_BODIES.location().location.coordinates },
    });
  });

  it('guesses a media type from the URL, or the usual one for its kind', () => {
    expect(contentTypeOf('https://cdn.example.com/a/voice.opus?x=1', 'audio')).toBe('audio/ogg');
    expect(contentTypeOf('https://cdn.example.com/a/clip.MOV', 'video')).toBe('video/quicktime');
    expect(contentTypeOf('data:image/png;base64,AAAA', 'file')).toBe('image/png');
    expect(contentTypeOf('https://cdn.example.com/a/blob', 'audio')).toBe('audio/ogg');
    expect(contentTypeOf('https://cdn.example.com/a/blob', 'file')).toBe(
      'application/octet-stream',
    );
  });

  it('shows a record id as a dashed UUID and reads it back', () => {
    const hex = '0d15ea5e0d15ea5e0d15ea5e0d15ea5e';
    expect(toBirdId(hex)).toBe('0d15ea5e-0d15-ea5e-0d15-ea5e0d15ea5e');
    expect(fromBirdId(toBirdId(hex))).toBe(hex);
    expect(fromBirdId(hex)).toBeUndefined();
  });
});

describe('a Bird send is one of the engine messages', () => {
  it('keeps the body as sent on Bird, WhatsApp content on /v1, and shows on the chat page', async () => {
    sim = birdSimulator();
    await contactWrites(sim);
    for (const [name, make] of Object.entries(BIRD_BODIES)) {
      const body = make();
      const sent = await birdSendCall(sim, birdSend(body));
      expect(sent.status, name).toBe(202);
      expect(sent.body.body, name).toEqual(body);
      const got = await call(sim, 'GET', `${channelPath(sim)}/messages/${sent.body.id}`);
      expect(got.body.body, name).toEqual(body);
      const conversations = await call(sim, 'GET', `/v1/messages/${fromBirdId(sent.body.id)}`);
      expect(conversations.status, name).toBe(200);
      expect(conversations.body, name).toMatchObject({
        direction: 'sent',
        channelId: sim.channelId,
        ...birdBodyToContent(body as Body),
      });
    }
    const state = await call(sim, 'GET', '/chat/api/state');
    const conversation = await call(
      sim,
      'GET',
      `/chat/api/conversations/${state.body.conversations[0].id}`,
    );
    expect(conversation.body.messages.map((m: { type: string }) => m.type)).toEqual([
      'text',
      'text',
      'interactive',
      'interactive',
      'image',
      'file',
      'video',
      'audio',
      'interactive',
      'location',
    ]);
    expect(conversation.body.contact.phone).toBe(BIRD_IDS.phone);
  });
});

describe('what the contact sends, as whatsapp.inbound', () => {
  async function inboundBodies(run: (sim: Simulator) => Promise<void>) {
    const hook = fakeFetch();
    sim = birdSimulator({ fetch: hook.fetch });
    await birdSubscribe(sim, 'whatsapp.inbound', BIRD_IDS.webhookUrl);
    await run(sim);
    await sim.idle();
    return hook.calls.map((c) => v.parse(BirdInboundWebhook, c.payload).payload);
  }

  it('delivers texts, media, stickers and locations from the chat page in Bird bodies', async () => {
    const bodies = await inboundBodies(async (s) => {
      await contactWrites(s, 'Where is my parcel?');
      const media = [
        ['image', { url: 'https://media.example.com/damage.jpg', caption: 'the box' }],
        ['audio', { url: 'https://media.example.com/voice.ogg' }],
        ['video', { url: 'https://media.example.com/clip.mp4' }],
        ['file', { url: 'https://media.example.com/order.pdf', caption: 'my order' }],
        ['location', { latitude: 52.37, longitude: 4.89 }],
        ['whatsappSticker', { link: 'https://media.example.com/sticker.webp' }],
      ] as const;
      for (const [type, part] of media) {
        await call(s, 'POST', '/_sim/inbound', {
          from: BIRD_IDS.phone,
          type,
          content: { [type]: part },
        });
      }
    });
    expect(bodies.map((m) => m.body)).toEqual([
      { type: 'text', text: { text: 'Where is my parcel?' } },
      {
        type: 'image',
        image: {
          images: [{ mediaUrl: 'https://media.example.com/damage.jpg' }],
          text: { text: 'the box' },
        },
      },
      {
        type: 'file',
        file: {
          files: [{ contentType: 'audio/ogg', mediaUrl: 'https://media.example.com/voice.ogg' }],
        },
      },
      {
        type: 'file',
        file: {
          files: [{ contentType: 'video/mp4', mediaUrl: 'https://media.example.com/clip.mp4' }],
        },
      },
      {
        type: 'file',
        file: {
          files: [
            { contentType: 'application/pdf', mediaUrl: 'https://media.example.com/order.pdf' },
          ],
          text: { text: 'my order' },
        },
      },
      { type: 'location', location: { coordinates: { latitude: 52.37, longitude: 4.89 } } },
      {
        type: 'image',
        image: { images: [{ mediaUrl: 'https://media.example.com/sticker.webp' }] },
      },
    ]);
    const first = bodies[0] as (typeof bodies)[number];
    expect(first).toMatchObject({
      channelId: BIRD_IDS.channelId,
      sender: { contact: { identifierKey: 'phonenumber', identifierValue: BIRD_IDS.phone } },
      receiver: { connector: { id: BIRD_IDS.connectorId } },
      status: 'delivered',
      direction: 'incoming',
      meta: { extraInformation: { timestamp: String(Date.parse('2026-03-02T09:00:00Z') / 1000) } },
    });
  });

  it('delivers a tap on a postback button or list row as text with the postback, and on a reply button as plain text', async () => {
    const bodies = await inboundBodies(async (s) => {
      await contactWrites(s);
      const buttons = await birdSendCall(s, birdSend(BIRD_BODIES.postbackButtons()));
      const replies = await birdSendCall(s, birdSend(BIRD_BODIES.replyButtons()));
      const list = await birdSendCall(s, birdSend(BIRD_BODIES.list()));
      const tap = (sent: { body: { id: string } }, interactive: unknown) =>
        call(s, 'POST', '/_sim/inbound', {
          from: BIRD_IDS.phone,
          type: 'interactive',
          content: { interactive },
          replyTo: fromBirdId(sent.body.id),
        });
      await tap(buttons, {
        type: 'button_reply',
        reply: { id: 'confirm-order-1042', text: 'Yes' },
      });
      await tap(replies, { type: 'button_reply', reply: { id: 'Friday', text: 'Friday' } });
      await tap(list, { type: 'list_reply', reply: { id: 'slot-1500', title: '15:00-18:00' } });
    });
    expect(bodies.slice(1).map((m) => m.body)).toEqual([
      {
        type: 'text',
        text: {
          text: 'Yes',
          actions: [{ type: 'postback', postback: { text: 'Yes', payload: 'confirm-order-1042' } }],
        },
      },
      { type: 'text', text: { text: 'Friday' } },
      {
        type: 'text',
        text: {
          text: '15:00-18:00',
          actions: [{ type: 'postback', postback: { text: '15:00-18:00', payload: 'slot-1500' } }],
        },
      },
    ]);
  });

  it("carries the contact's own name as sender.contact.displayName, and none when it has only a number", async () => {
    const bodies = await inboundBodies(async (s) => {
      await contactWrites(s);
      await call(s, 'POST', '/_sim/inbound', {
        from: '+31687650012',
        displayName: 'Sanne',
        type: 'text',
        content: { text: 'Hoi' },
      });
    });
    expect(bodies[0]?.sender.contact).not.toHaveProperty('displayName');
    expect(bodies[1]?.sender.contact).toMatchObject({
      displayName: 'Sanne',
      identifierValue: '+31687650012',
    });
  });
});
