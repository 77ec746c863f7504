import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotSupportedError } from '../../src/adapter/index.js';
import { type BotStack, startBotStack } from '../support/bot-stack.js';
import { type Listening, listen } from '../support/servers.js';

const PHOTO = Buffer.from('not really a jpeg, but bytes the bot must save as they are');

/**
 * A bot written as Microsoft's sample 15 is: it saves every attachment it gets under
 * `path.join(dir, attachment.name)`, and on "3" uploads a file through the Bot Connector it finds
 * in turnState.
 */
class AttachmentsBot extends ActivityHandler {
  constructor(dir: string) {
    super();
    this.onMessage(async (context, next) => {
      for (const attachment of context.activity.attachments ?? []) {
        const response = await fetch(attachment.contentUrl as string);
        const local = join(dir, attachment.name as string);
        writeFileSync(local, Buffer.from(await response.arrayBuffer()));
        await context.sendActivity(`Attachment "${attachment.name}" saved.`);
      }
      if (context.activity.text === '3') {
        const adapter = context.adapter as unknown as { ConnectorFactoryKey: symbol };
        const factory = context.turnState.get(adapter.ConnectorFactoryKey);
        const connector = await factory.create(context.activity.serviceUrl);
        await connector.conversations.uploadAttachment(context.activity.conversation.id, {
          name: 'architecture.png',
          originalBase64: PHOTO,
          type: 'image/png',
        });
      }
      await next();
    });
  }
}

let stack: BotStack;
let media: Listening;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mbwa-attachments-'));
  media = await listen((_req, res) => res.end(PHOTO));
  const bot = new AttachmentsBot(dir);
  stack = await startBotStack((context: TurnContext) => bot.run(context));
});
afterAll(async () => {
  await stack.close();
  await media.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a bot that saves attachments and uploads through the Bot Connector', () => {
  it('saves a WhatsApp photo (whose URL has no file name) under a name of its own', async () => {
    const phone = '+31612340101';
    const photo = stack.sim.inbound({
      from: phone,
      type: 'image',
      content: { image: { url: `${media.url}/v1/media/4e5f6071` } },
    });
    await stack.sim.idle();
    const name = `${photo.id}.jpg`;
    expect((await stack.sent(phone)).map((m) => (m.content as { text?: string }).text)).toEqual([
      `Attachment "${name}" saved.`,
    ]);
    expect(readFileSync(join(dir, name))).toEqual(PHOTO);
    expect(stack.turnErrors).toEqual([]);
  });

  it('gets a NotSupportedError that says what to do from the connector’s upload', async () => {
    await stack.say('+31612340102', '3');
    const [error] = stack.turnErrors;
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as NotSupportedError).code).toBe('NOT_SUPPORTED');
    expect((error as Error).message).toBe(
      'connector.conversations.uploadAttachment is not possible: WhatsApp has no attachment store: host the file at a public https URL and send it as the attachment’s contentUrl',
    );
  });
});
