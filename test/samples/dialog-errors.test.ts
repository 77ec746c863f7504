import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogContextError,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapterError, UnsupportedActivityError } from '../../src/adapter/index.js';
import { type BotStack, startBotStack } from '../support/bot-stack.js';

/** A dialog that sends what sample 15 calls an inline attachment: a data: URL WhatsApp cannot fetch. */
class InlineDialog extends ComponentDialog {
  constructor() {
    super('inline');
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step) => {
          await step.context.sendActivity({
            type: 'message',
            text: 'This is an inline attachment.',
            attachments: [
              { contentType: 'image/png', contentUrl: 'data:image/png;base64,iVBORw0K' },
            ],
          });
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

let stack: BotStack;
beforeAll(async () => {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialog'));
  dialogs.add(new InlineDialog());
  stack = await startBotStack(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('inline');
    await state.saveChanges(context);
  });
});
afterAll(() => stack.close());

describe('an adapter error inside a dialog', () => {
  it('arrives wrapped in DialogContextError, its code on error.error and through MessageBirdAdapterError.from', async () => {
    await stack.say('+31612340201', 'hi');
    const [error] = stack.turnErrors;
    expect(error).toBeInstanceOf(DialogContextError);
    const inner = (error as DialogContextError).error as UnsupportedActivityError;
    expect(inner).toBeInstanceOf(UnsupportedActivityError);
    expect(inner.code).toBe('UNSUPPORTED_ACTIVITY');
    expect(inner.field).toBe('attachments[0].contentUrl');
    expect(MessageBirdAdapterError.from(error)).toBe(inner);
    expect(MessageBirdAdapterError.from(new Error('x', { cause: inner }))).toBe(inner);
    expect(MessageBirdAdapterError.from(new Error('unrelated'))).toBeUndefined();
  });
});
