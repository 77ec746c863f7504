import { MessageFactory } from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  type FoundChoice,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';

/** The id of the coffee order dialog. */
export const ORDER_DIALOG = 'order';

/** What the order dialog collects. */
interface Order {
  drink?: string;
  size?: string;
  name?: string;
}

const DRINKS = ['Espresso', 'Cappuccino', 'Flat white', 'Tea'];
const SIZES = ['Small', 'Medium', 'Large'];

/**
 * A multi-turn coffee order with botbuilder-dialogs: a drink from a list (four choices), a size
 * from reply buttons (three), a name as free text, then a yes/no confirmation.
 *
 * @example
 * const dialogs = new DialogSet(conversationState.createProperty('dialogs')).add(new OrderDialog());
 */
export class OrderDialog extends ComponentDialog {
  constructor() {
    super(ORDER_DIALOG);
    const confirm = new ConfirmPrompt('confirm');
    confirm.style = ListStyle.suggestedAction; // Yes / No as reply buttons
    this.addDialog(new ChoicePrompt('choice'))
      .addDialog(new TextPrompt('text'))
      .addDialog(confirm)
      .addDialog(
        new WaterfallDialog('steps', [
          (step) =>
            step.prompt('choice', {
              prompt: 'What would you like to drink?',
              retryPrompt: 'Please pick a drink from the list.',
              choices: DRINKS,
              style: ListStyle.suggestedAction,
            }),
          (step) => {
            order(step).drink = (step.result as FoundChoice).value;
            return step.prompt('choice', {
              prompt: `A ${order(step).drink}. Which size?`,
              retryPrompt: 'Please tap Small, Medium or Large.',
              choices: SIZES,
              style: ListStyle.suggestedAction,
            });
          },
          (step) => {
            order(step).size = (step.result as FoundChoice).value;
            return step.prompt('text', 'And what name shall we write on the cup?');
          },
          (step) => {
            order(step).name = String(step.result).trim();
            const { drink, size, name } = order(step);
            return step.prompt('confirm', {
              prompt: `A **${size?.toLowerCase()} ${drink?.toLowerCase()}** for **${name}**. Shall I place the order?`,
            });
          },
          async (step) => {
            const { drink, size, name } = order(step);
            await step.context.sendActivity(
              step.result
                ? MessageFactory.text(
                    `☕ **Order placed!** One ${size?.toLowerCase()} ${drink?.toLowerCase()} for ${name}, ready in 5 minutes.`,
                  )
                : 'No problem, I cancelled the order.',
            );
            return step.endDialog(step.result ? order(step) : undefined);
          },
        ]),
      );
    this.initialDialogId = 'steps';
  }
}

function order(step: WaterfallStepContext): Order {
  return step.values as Order;
}
