import type { ConversationReference } from '@microsoft/agents-activity';
import {
  AgentApplication,
  CardFactory,
  MemoryStorage,
  MessageFactory,
  type Storage,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import {
  type MessageBirdAgentsAdapter,
  STATUS_EVENT_NAME,
  type StatusValue,
} from '../agents/index.js';
import { type BusinessClock, realClock } from './business-clock.js';
import { type Reminder, Reminders } from './reminders.js';
import { statusLine } from './status-line.js';
import { REMINDER_TEMPLATE } from './templates.js';

/** What the Agents SDK sample needs. */
export interface AgentsSampleOptions {
  /** The adapter, for templates and proactive turns. */
  adapter: MessageBirdAgentsAdapter;
  /** Where the bot's own pictures are served, such as `http://127.0.0.1:3978/media`. */
  mediaBaseUrl: string;
  /** The clock reminders run on; the simulator's virtual clock locally. */
  clock?: BusinessClock;
  /** How long after asking a reminder comes; a day and five minutes by default. */
  reminderDelayMs?: number;
  /** Where the bot writes what happens; `console.log` by default. */
  log?: (line: string) => void;
  /** Conversation state storage; in memory by default. */
  storage?: Storage;
}

/** The order the contact is putting together, kept in conversation state between turns. */
interface Order {
  step: 'drink' | 'size' | 'name' | 'confirm';
  drink?: string;
  size?: string;
  name?: string;
}

/** The sample's conversation state. */
interface SampleConversation {
  order?: Order;
}

/** The turn state of the sample: conversation state with the order. */
type SampleState = TurnState<SampleConversation>;

const DRINKS = ['Espresso', 'Cappuccino', 'Flat white', 'Tea'];
const SIZES = ['Small', 'Medium', 'Large'];
const REMINDER_DELAY_MS = (24 * 60 + 5) * 60 * 1000;

/**
 * The sample bot written as an Agents SDK `AgentApplication`: a greeting for new contacts, a hero
 * card menu, a list, a photo, a coffee order over several turns in conversation state (a list,
 * reply buttons, free text, a yes/no), delivery statuses logged, and a reminder that falls back to
 * the approved template once the contact's 24-hour window has closed.
 *
 * @example
 * const app = agentsSampleApp({ adapter, mediaBaseUrl: 'http://127.0.0.1:3978/media' });
 * server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => app.run(context)));
 */
export function agentsSampleApp(options: AgentsSampleOptions): {
  app: AgentApplication<SampleState>;
  close(): void;
} {
  const { adapter, mediaBaseUrl } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const app = new AgentApplication<SampleState>({
    adapter,
    storage: options.storage ?? new MemoryStorage(),
  });
  // The SDK 1.8 saves turn state only when an afterTurn handler is registered.
  app.onTurn('afterTurn', async () => true);

  const reminders = new Reminders<ConversationReference>(options.clock ?? realClock, (reminder) => {
    remind(reminder).catch((error: Error) => log(`[reminder] could not be sent: ${error.message}`));
  });

  /** Reminders sent free-form, by message id, until WhatsApp says whether they arrived. */
  const awaiting = new Map<string, Reminder<ConversationReference>>();

  async function sendReminderTemplate(
    context: TurnContext,
    reminder: Reminder<ConversationReference>,
  ): Promise<void> {
    await adapter.sendTemplate(context, {
      name: REMINDER_TEMPLATE,
      params: [reminder.name, reminder.about],
    });
    log(`[reminder] template ${REMINDER_TEMPLATE} sent`);
  }

  /** A due reminder: free-form first (the adapter may think the window open), else the template. */
  async function remind(reminder: Reminder<ConversationReference>): Promise<void> {
    await adapter.continueConversation('', reminder.reference, async (context) => {
      try {
        const sent = await context.sendActivity(
          `**Reminder:** ${reminder.about}. Say **order** to order again.`,
        );
        // If the window has closed, WhatsApp fails it with 470: the status event below sees it.
        if (sent?.id) awaiting.set(sent.id, reminder);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'WINDOW_CLOSED') throw error;
        log('[reminder] the adapter knows the window is closed: sending the template');
        await sendReminderTemplate(context, reminder);
      }
    });
  }

  app.onConversationUpdate('membersAdded', async (context) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id === context.activity.recipient?.id) continue;
      await context.sendActivity(
        `**Welcome, ${firstName(member.name ?? member.id ?? 'there')}!** I am the sample bot, on the Microsoft 365 Agents SDK. Say **hi** for the menu.`,
      );
    }
  });

  app.onActivity('event', async (context) => {
    if (context.activity.name !== STATUS_EVENT_NAME) return;
    const status = context.activity.value as StatusValue;
    log(statusLine(status));
    const reminder = awaiting.get(status.messageId);
    if (!reminder || !['delivered', 'read', 'failed', 'rejected'].includes(status.status)) return;
    awaiting.delete(status.messageId);
    if (status.error?.code === 470) {
      log('[reminder] WhatsApp refused it (470, window closed): sending the template');
      await sendReminderTemplate(context, reminder);
    }
  });

  app.onActivity('message', async (context, state) => {
    const text = (context.activity.text ?? '').trim();
    const order = state.conversation.order;
    if (order) {
      await takeOrder(context, state, order, text);
      return;
    }
    const command = commandOf(context, text);
    if (command === 'menu') {
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.heroCard(
            'Sample Coffee Bar',
            'What would you like to do?',
            [`${mediaBaseUrl}/coffee.png`],
            [
              { type: 'postBack', title: 'Order coffee', value: 'order' },
              { type: 'postBack', title: 'See features', value: 'features' },
              { type: 'postBack', title: 'Remind me tomorrow', value: 'remind' },
            ],
          ),
        ),
      );
    } else if (command === 'features') {
      await context.sendActivity(
        MessageFactory.suggestedActions(
          ['A photo', 'Order coffee', 'Remind me tomorrow', 'Menu'],
          'Here is what I can show. Pick one:',
        ),
      );
    } else if (command === 'photo') {
      await context.sendActivity(
        MessageFactory.contentUrl(
          `${mediaBaseUrl}/coffee.png`,
          'image/png',
          'coffee.png',
          'Freshly made ☕',
        ),
      );
    } else if (command === 'order') {
      state.conversation.order = { step: 'drink' } satisfies Order;
      await context.sendActivity(
        MessageFactory.suggestedActions(DRINKS, 'What would you like to drink?'),
      );
    } else if (command === 'remind') {
      const reference = context.activity.getConversationReference();
      const delayMs = options.reminderDelayMs ?? REMINDER_DELAY_MS;
      reminders.schedule({
        reference,
        name: firstName(context.activity.from?.name ?? 'there'),
        about: 'your coffee order',
        delayMs,
      });
      const hours = Math.round(delayMs / 360_000) / 10;
      await context.sendActivity(
        `OK, I will remind you in ${hours} hours. By then your window has closed, so I will send the approved template ${REMINDER_TEMPLATE}.`,
      );
    } else if (context.activity.attachments?.length) {
      const media = context.activity.attachments[0];
      await context.sendActivity(
        `Thanks for the ${media?.contentType ?? 'file'} **${media?.name ?? ''}**.`,
      );
    } else {
      await context.sendActivity(`You wrote: “${text}”. Say **hi** for the menu.`);
    }
  });

  async function takeOrder(context: TurnContext, state: SampleState, order: Order, text: string) {
    if (order.step === 'drink') {
      const drink = DRINKS.find((d) => d.toLowerCase() === text.toLowerCase());
      if (!drink) {
        await context.sendActivity(MessageFactory.suggestedActions(DRINKS, 'Please pick a drink:'));
        return;
      }
      state.conversation.order = { ...order, drink, step: 'size' } satisfies Order;
      await context.sendActivity(MessageFactory.suggestedActions(SIZES, `A ${drink}. Which size?`));
    } else if (order.step === 'size') {
      const size = SIZES.find((s) => s.toLowerCase() === text.toLowerCase());
      if (!size) {
        await context.sendActivity(MessageFactory.suggestedActions(SIZES, 'Please pick a size:'));
        return;
      }
      state.conversation.order = { ...order, size, step: 'name' } satisfies Order;
      await context.sendActivity('And what name shall we write on the cup?');
    } else if (order.step === 'name') {
      state.conversation.order = { ...order, name: text, step: 'confirm' } satisfies Order;
      await context.sendActivity(
        MessageFactory.suggestedActions(
          ['Yes', 'No'],
          `A **${order.size?.toLowerCase()} ${order.drink?.toLowerCase()}** for **${text}**. Shall I place the order?`,
        ),
      );
    } else {
      state.conversation.order = undefined;
      await context.sendActivity(
        /^y(es)?$/i.test(text)
          ? `☕ **Order placed!** One ${order.size?.toLowerCase()} ${order.drink?.toLowerCase()} for ${order.name}, ready in 5 minutes.`
          : 'No problem, I cancelled the order.',
      );
    }
  }

  return { app, close: () => reminders.close() };
}

/** The command a message asks for: a tapped button's value, else a keyword in the text. */
function commandOf(context: TurnContext, text: string): string | undefined {
  const value = context.activity.value as { id?: unknown } | undefined;
  const said = (typeof value?.id === 'string' ? value.id : text).toLowerCase();
  if (/^(hi|hello|hey|menu|help)\b/.test(said)) return 'menu';
  if (/\border\b|coffee/.test(said)) return 'order';
  if (/features?|list/.test(said)) return 'features';
  if (/photo|picture/.test(said)) return 'photo';
  if (/remind/.test(said)) return 'remind';
  return undefined;
}

function firstName(name: string): string {
  return name.startsWith('+') ? name : (name.split(/\s+/)[0] ?? name);
}
