import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toActivity } from '../../src/core/to-activity.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import { IDS, INBOUND_EVENTS, inbound, messageEvent } from '../payloads/index.js';

const channel = {
  channelId: IDS.channelId,
  channelName: 'Acme',
  serviceUrl: 'http://127.0.0.1/v1',
};
const attachmentOf = (body: unknown) =>
  toActivity(v.parse(WebhookPayload, body), body, channel)?.attachments?.[0];

describe('inbound attachments have a name a bot can save under', () => {
  it.each([
    ['image', `${IDS.messageId}.jpg`],
    ['video', `${IDS.messageId}.mp4`],
    ['audio', `${IDS.messageId}.ogg`],
    ['sticker', `${IDS.messageId}.webp`],
    ['file', 'invoice-2026-03.pdf'],
  ] as const)('%s: %s', (kind, name) => {
    // MessageBird's media URLs end in a bare id; a file's name comes as its caption.
    expect(attachmentOf(INBOUND_EVENTS[kind])?.name).toBe(name);
  });

  it('keeps a URL that ends in a file name, and adds the MIME type’s extension to a bare file name', () => {
    const photo = inbound('image', { image: { url: 'https://cdn.example.com/p/holiday.png' } });
    expect(attachmentOf(messageEvent('message.created', photo))?.name).toBe('holiday.png');
    const noted = inbound('file', {
      file: { url: 'https://media.messagebird.com/v1/media/5f6071a2', caption: 'Contract' },
    });
    expect(attachmentOf(messageEvent('message.created', noted))?.name).toBe('Contract.bin');
  });

  it('never lets a sender’s file name leave the folder it is saved in', () => {
    for (const caption of ['../../etc/passwd', '..\\..\\boot.ini', '.bashrc', '/', '...']) {
      const file = inbound('file', {
        file: { url: 'https://media.messagebird.com/v1/media/5f6071a2', caption },
      });
      const name = attachmentOf(messageEvent('message.created', file))?.name ?? '';
      expect(name, caption).not.toMatch(/[\\/]|^\./);
      expect(join('/srv/uploads', name).startsWith('/srv/uploads/'), caption).toBe(true);
    }
  });
});
