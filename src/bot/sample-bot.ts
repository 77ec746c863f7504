import {
  type Activity,
  ActivityHandler,
  ConversationState,
  MemoryStorage,
  MessageFactory,
  type Storage,
  TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { type MessageBirdAdapter, STATUS_EVENT_NAME, type StatusValue } from '../adapter/index.js';
import { type BusinessClock, realClock } from './business-clock.js';
import { ORDER_DIALOG, OrderDialog } from './order-dialog.js';
import { type Reminder, Reminders } from './reminders.js';
import {
  COFFEE_BAR,
  type Command,
  coffeeBarLocation,
  commandOf,
  distanceKm,
  featureList,
  formattingDemo,
  greeting,
  menuCard,
  menuFile,
  photo,
  receiptCard,
  SPECIAL_ORDER,
  specialCard,
} from './replies.js';
import { statusLine } from './status-line.js';
import { REMINDER_TEMPLATE } from './templates.js';

/** A day and five minutes: just after the 24-hour window of the message that asked. */
export const DEFAULT_REMINDER_DELAY_MS = (24 * 60 + 5) * 60 * 1000;

/** What the sample bot needs. */
export interface SampleBotOptions {
  /** The adapter, for templates and proactive turns. */
  adapter: MessageBirdAdapter;
  /** Where the bot's own pictures and documents are served, such as `http://127.0.0.1:3978/media`. */
  mediaBaseUrl: string;
  /** The clock reminders run on; the simulator's virtual clock locally. Real time by default. */
  clock?: BusinessClock;
  /** How long after asking a reminder comes; a day and five minutes by default. */
  reminderDelayMs?: number;
  /** Whether the reminder template is configured (it needs the account's template namespace). */
  reminderTemplate?: boolean;
  /** Where the bot writes what happens (statuses, reminders, errors); `console.log` by default. */
  log?: (line: string) => void;
  /** Conversation state storage; in memory by default. */
  storage?: Storage;
}

interface StatusSeen {
  messageId: string;
  status: string;
  error?: StatusValue['error'];
}

const TERMINAL = new Set(['delivered', 'read', 'failed', 'rejected', 'deleted']);
const WINDOW_FAILURE = 470;

/**
 * The sample bot: a greeting for new contacts, WhatsApp formatting, a hero card with buttons, a
 * list, media and locations both ways, a coffee order dialog (botbuilder-dialogs), delivery
 * statuses logged, and a reminder that falls back to an approved template once the contact's
 * 24-hour window has closed.
 *
 * @example
 * const bot = new SampleBot({ adapter, mediaBaseUrl: 'http://127.0.0.1:3978/media' });
 * app.post('/api/messages', (c) => adapter.handle(c.req.raw, (context) => bot.run(context)));
 */
export class SampleBot extends ActivityHandler {
  readonly #options: Required<Omit<SampleBotOptions, 'storage'>>;
  readonly #state: ConversationState;
  readonly #dialogs: DialogSet;
  readonly #reminders: Reminders;
  /** Reminders sent free-form, by message id, until their fate is known. */
  readonly #awaiting = new Map<string, Reminder>();
  /** The latest statuses per conversation, for the `statuses` command. */
  readonly #statuses = new Map<string, StatusSeen[]>();

  constructor(options: SampleBotOptions) {
    super();
    this.#options = {
      clock: realClock,
      reminderDelayMs: DEFAULT_REMINDER_DELAY_MS,
      reminderTemplate: true,
      log: (line) => console.log(line),
      ...options,
    };
    this.#state = new ConversationState(options.storage ?? new MemoryStorage());
    this.#dialogs = new DialogSet(this.#state.createProperty<DialogState>('dialogs'));
    this.#dialogs.add(new OrderDialog());
    this.#reminders = new Reminders(this.#options.clock, (reminder) => {
      this.#remind(reminder).catch((error: Error) =>
        this.#options.log(`[reminder] could not be sent: ${error.message}`),
      );
    });

    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        this.#options.log(`[conversation] new contact ${member.id} (${member.name ?? 'no name'})`);
        await context.sendActivity(greeting(firstName(member.name ?? member.id)));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      this.#options.log(`[message] ${context.activity.from.id}: ${describe(context.activity)}`);
      const dc = await this.#dialogs.createContext(context);
      const text = (context.activity.text ?? '').trim().toLowerCase();
      if (dc.activeDialog && /^(cancel|stop|quit)$/.test(text)) {
        await dc.cancelAllDialogs();
        await context.sendActivity('Cancelled. Say **hi** for the menu.');
      } else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await this.#answer(context, dc);
      }
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === STATUS_EVENT_NAME) await this.#onStatus(context);
      await next();
    });

    this.onDialog(async (context, next) => {
      await this.#state.saveChanges(context, false);
      await next();
    });
  }

  /** Cancels waiting reminders; call it when shutting down. */
  close(): void {
    this.#reminders.close();
  }

  async #answer(context: TurnContext, dc: Awaited<ReturnType<DialogSet['createContext']>>) {
    const activity = context.activity;
    const media = activity.attachments?.find((a) => a.contentUrl);
    if (media) {
      const kind = media.contentType.split('/')[0] ?? 'file';
      await context.sendActivity(
        `Thanks for the ${kind === 'application' ? 'file' : kind}${media.name ? ` **${media.name}**` : ''} (${media.contentType}). Here it is back:`,
      );
      await context.sendActivity({
        type: 'message',
        attachments: [
          {
            contentType: media.contentType,
            contentUrl: media.contentUrl,
            ...(media.name ? { name: media.name } : {}),
          },
        ],
      });
      return;
    }
    const geo = activity.entities?.find((e) => e.type === 'GeoCoordinates') as
      | { latitude: number; longitude: number }
      | undefined;
    if (geo) {
      const km = distanceKm(geo, COFFEE_BAR);
      await context.sendActivity(
        `Got your location: ${geo.latitude.toFixed(5)}, ${geo.longitude.toFixed(5)}. That is **${km < 10 ? km.toFixed(1) : Math.round(km)} km** from ${COFFEE_BAR.name}.`,
      );
      await context.sendActivity(coffeeBarLocation('Here is where to find us:'));
      return;
    }
    if ((activity.value as { action?: unknown } | undefined)?.action === SPECIAL_ORDER.action) {
      await context.sendActivity(`One **${SPECIAL_ORDER.drink}** with oat milk, coming up!`);
      return;
    }
    const command = commandOf(activity);
    if (command) {
      await this.#run(command, context, dc);
      return;
    }
    await context.sendActivity(
      MessageFactory.text(`You wrote: “${activity.text ?? ''}”. Say **hi** for the menu.`),
    );
  }

  async #run(
    command: Command,
    context: TurnContext,
    dc: Awaited<ReturnType<DialogSet['createContext']>>,
  ) {
    const base = this.#options.mediaBaseUrl;
    switch (command) {
      case 'menu':
        await context.sendActivity(menuCard(base));
        return;
      case 'order':
        await dc.beginDialog(ORDER_DIALOG);
        return;
      case 'features':
        await context.sendActivity(featureList());
        return;
      case 'formatting':
        await context.sendActivity(formattingDemo());
        return;
      case 'photo':
        await context.sendActivity(photo(base));
        return;
      case 'file':
        await context.sendActivity(menuFile(base));
        return;
      case 'location':
        await context.sendActivity(coffeeBarLocation());
        return;
      case 'remind':
        await this.#scheduleReminder(context);
        return;
      case 'statuses':
        await context.sendActivity(this.#statusReport(context.activity.conversation.id));
        return;
      case 'cards':
        await context.sendActivity(specialCard(base));
        await context.sendActivity(receiptCard(base));
        return;
    }
  }

  async #scheduleReminder(context: TurnContext) {
    const reminder = this.#reminders.schedule({
      reference: TurnContext.getConversationReference(context.activity),
      name: firstName(context.activity.from.name ?? 'there'),
      about: 'your coffee order',
      delayMs: this.#options.reminderDelayMs,
    });
    const hours = Math.round(this.#options.reminderDelayMs / 360_000) / 10;
    this.#options.log(
      `[reminder] due ${new Date(reminder.at).toISOString()} for ${context.activity.from.id}`,
    );
    await context.sendActivity(
      `OK, I will remind you in ${hours} hours. By then your 24-hour window has closed, so WhatsApp will refuse a normal message and I will send the approved template \`${REMINDER_TEMPLATE}\` instead.\n_In the simulator, advance the clock by 25 hours to see it._`,
    );
  }

  /** A due reminder: free-form first (the adapter may still think the window open), else the template. */
  async #remind(reminder: Reminder) {
    await this.#options.adapter.continueConversationAsync(
      '',
      reminder.reference,
      async (context) => {
        try {
          const sent = await context.sendActivity(
            `**Reminder:** ${reminder.about}. Say **order** to order again.`,
          );
          if (sent?.id) this.#awaiting.set(sent.id, reminder);
          this.#options.log(
            '[reminder] sent as a normal message; if the window has closed it fails',
          );
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'WINDOW_CLOSED') throw error;
          this.#options.log(
            '[reminder] the adapter knows the window is closed: sending the template',
          );
          await this.#sendReminderTemplate(context, reminder);
        }
      },
    );
  }

  async #sendReminderTemplate(context: TurnContext, reminder: Reminder) {
    if (!this.#options.reminderTemplate) {
      this.#options.log(
        `[reminder] no template configured: set MESSAGEBIRD_TEMPLATE_NAMESPACE (on Bird, BIRD_TEMPLATE_PROJECT_ID) to send ${REMINDER_TEMPLATE}`,
      );
      return;
    }
    await this.#options.adapter.sendTemplate(context, {
      name: REMINDER_TEMPLATE,
      params: [reminder.name, reminder.about],
    });
    this.#options.log(`[reminder] template ${REMINDER_TEMPLATE} sent`);
  }

  async #onStatus(context: TurnContext) {
    const status = context.activity.value as StatusValue;
    this.#options.log(statusLine(status));
    const seen = this.#statuses.get(context.activity.conversation.id) ?? [];
    const previous = seen.findIndex((s) => s.messageId === status.messageId);
    if (previous >= 0) seen.splice(previous, 1);
    seen.push({ messageId: status.messageId, status: status.status, error: status.error });
    this.#statuses.set(context.activity.conversation.id, seen.slice(-10));

    const reminder = this.#awaiting.get(status.messageId);
    if (!reminder) return;
    if (TERMINAL.has(status.status)) this.#awaiting.delete(status.messageId);
    if (status.error?.code === WINDOW_FAILURE) {
      this.#options.log(
        '[reminder] WhatsApp refused it (470, window closed): sending the template',
      );
      await this.#sendReminderTemplate(context, reminder);
    }
  }

  #statusReport(conversationId: string): Partial<Activity> {
    const seen = this.#statuses.get(conversationId) ?? [];
    if (seen.length === 0) return MessageFactory.text('No delivery statuses yet.');
    const lines = seen.map(
      (s) =>
        `• \`${s.messageId.slice(0, 8)}\` ${s.status}${s.error ? ` (error ${s.error.code})` : ''}`,
    );
    return MessageFactory.text(
      `**The last statuses MessageBird reported for my messages:**\n${lines.join('\n')}`,
    );
  }
}

function firstName(name: string): string {
  return name.startsWith('+') ? name : (name.split(/\s+/)[0] ?? name);
}

function describe(activity: Partial<Activity>): string {
  if (activity.attachments?.length) {
    return activity.attachments.map((a) => `${a.contentType} ${a.contentUrl ?? ''}`).join(', ');
  }
  const geo = activity.entities?.find((e) => e.type === 'GeoCoordinates');
  if (geo) return `location ${geo.latitude}, ${geo.longitude}`;
  const value = activity.value as { id?: string } | undefined;
  return value?.id ? `tapped “${activity.text}” (${value.id})` : `“${activity.text ?? ''}”`;
}
