import {
  ActivityHandler,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  UserState,
} from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageBirdAdapter } from '../../src/adapter/index.js';
import { formatDatetime } from '../../src/messagebird/datetime.js';
import { IDS, INBOUND_EVENTS } from '../payloads/index.js';
import { KEYS, testAdapter } from '../support/adapter.js';
import { type FakeMessageBird, startFakeMessageBird } from '../support/fake-messagebird.js';
import { type Listening, listen } from '../support/servers.js';
import { postWebhook } from '../support/webhooks.js';

// ---- A bot written for CloudAdapter, as the Bot Framework samples write it. ----

class OrderDialog extends ComponentDialog {
  constructor() {
    super('order');
    this.addDialog(new TextPrompt('name'))
      .addDialog(new ChoicePrompt('size'))
      .addDialog(new ConfirmPrompt('confirm'))
      .addDialog(
        new WaterfallDialog('steps', [
          async (step: WaterfallStepContext) => step.prompt('name', 'What is your name?'),
          async (step: WaterfallStepContext) => {
            (step.values as Record<string, unknown>).name = step.result;
            return step.prompt('size', {
              prompt: `Thanks ${step.result}! Which size?`,
              choices: ['Small', 'Medium', 'Large'],
              style: ListStyle.suggestedAction,
            });
          },
          async (step: WaterfallStepContext) => {
            (step.values as Record<string, unknown>).size = step.result.value;
            return step.prompt(
              'confirm',
              `A ${step.result.value} for ${(step.values as { name: string }).name}. Confirm?`,
            );
          },
          async (step: WaterfallStepContext) => {
            await step.context.sendActivity(
              step.result ? '**Ordered!** See you soon.' : 'Cancelled.',
            );
            return step.endDialog();
          },
        ]),
      );
    this.initialDialogId = 'steps';
  }
}

class DialogBot extends ActivityHandler {
  constructor(conversationState: ConversationState, userState: UserState, dialog: OrderDialog) {
    super();
    const dialogState: StatePropertyAccessor<DialogState> =
      conversationState.createProperty('DialogState');
    const dialogs = new DialogSet(dialogState).add(dialog);
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id)
          await context.sendActivity('Welcome! Say hi to order.');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('order');
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await userState.saveChanges(context, false);
      await next();
    });
  }
}

// ---- The only line that differs from a CloudAdapter bot is the adapter. ----

let fake: FakeMessageBird;
let adapter: MessageBirdAdapter;
let server: Listening;

beforeAll(async () => {
  fake = await startFakeMessageBird();
  adapter = testAdapter(fake.apiBaseUrl);
  adapter.onTurnError = async (context, error) => {
    await context.sendActivity(`Sorry: ${error.message}`);
  };
  const storage = new MemoryStorage();
  const bot = new DialogBot(
    new ConversationState(storage),
    new UserState(storage),
    new OrderDialog(),
  );
  const app = express();
  app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
  await adapter.close();
  await fake.close();
});

let sequence = 0;
/** The contact writes (or taps a button), and we collect what the bot answered. */
async function say(content: { text: string } | { reply: { id: string; text: string } }) {
  sequence++;
  const event = structuredClone(INBOUND_EVENTS.text) as any;
  event.message.id = `${sequence.toString(16).padStart(4, '0')}${'b'.repeat(28)}`;
  event.message.createdDatetime = formatDatetime(Date.now());
  if ('text' in content) {
    event.message.content = { text: content.text };
  } else {
    event.message.type = 'interactive';
    event.message.content = { interactive: { type: 'button_reply', reply: content.reply } };
  }
  const before = fake.sends().length;
  const { status } = await postWebhook(`${server.url}/api/messages`, event, KEYS.signingKey);
  expect(status).toBe(200);
  return fake.sends().slice(before);
}

describe('a botbuilder-dialogs bot through the adapter', () => {
  it('finishes a multi-turn order: text, choice buttons and confirm prompts', async () => {
    expect(await say({ text: 'hi' })).toEqual([
      expect.objectContaining({
        to: IDS.phone,
        type: 'text',
        content: { text: 'What is your name?' },
      }),
    ]);

    const [sizePrompt] = await say({ text: 'Ada' });
    expect(sizePrompt).toMatchObject({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'Thanks Ada! Which size?' },
          action: {
            buttons: [
              { id: 'Small', type: 'reply', title: 'Small' },
              { id: 'Medium', type: 'reply', title: 'Medium' },
              { id: 'Large', type: 'reply', title: 'Large' },
            ],
          },
        },
      },
    });

    const [confirm] = await say({ reply: { id: 'Medium', text: 'Medium' } });
    // ConfirmPrompt's default style: Yes/No reply buttons on WhatsApp (installWhatsAppChoices).
    expect(confirm).toMatchObject({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'A Medium for Ada. Confirm?' },
          action: {
            buttons: [
              { id: 'Yes', type: 'reply', title: 'Yes' },
              { id: 'No', type: 'reply', title: 'No' },
            ],
          },
        },
      },
    });

    expect(await say({ text: 'yes' })).toEqual([
      expect.objectContaining({ type: 'text', content: { text: '*Ordered!* See you soon.' } }),
    ]);
  });

  it('re-prompts on an answer the choice prompt does not recognise, then goes on', async () => {
    await say({ text: 'hi' });
    await say({ text: 'Bram' });
    const [again] = await say({ text: 'gigantic' });
    expect(again?.type).toBe('interactive');
    const [confirm] = await say({ reply: { id: 'Large', text: 'Large' } });
    expect(confirm?.content.interactive.body.text).toBe('A Large for Bram. Confirm?');
    expect(await say({ text: 'no' })).toEqual([
      expect.objectContaining({ content: { text: 'Cancelled.' } }),
    ]);
  });
});
