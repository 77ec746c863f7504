import type { ConversationReference } from 'botbuilder';
import type { BusinessClock } from './business-clock.js';

/** A reminder a contact asked for; `R` is the SDK's conversation reference (botbuilder's by default). */
export interface Reminder<R = Partial<ConversationReference>> {
  id: number;
  reference: R;
  /** The contact's name, for the template's first parameter. */
  name: string;
  /** What to remind them of. */
  about: string;
  /** When it is due, epoch milliseconds on the business clock. */
  at: number;
}

/**
 * Reminders on the business clock: `schedule` one, and `fire` runs when it is due. Advancing the
 * simulator's clock past a reminder fires it at once.
 *
 * @example
 * const reminders = new Reminders(realClock, (r) => sendReminder(r));
 * reminders.schedule({ reference, name: 'Ada', about: 'your coffee', delayMs: 24 * 3600_000 });
 */
export class Reminders<R = Partial<ConversationReference>> {
  readonly #timers = new Map<number, () => void>();
  #next = 1;

  constructor(
    private readonly clock: BusinessClock,
    private readonly fire: (reminder: Reminder<R>) => void,
  ) {}

  /** Plans a reminder `delayMs` from now. */
  schedule(input: Omit<Reminder<R>, 'id' | 'at'> & { delayMs: number }): Reminder<R> {
    const { delayMs, ...rest } = input;
    const reminder: Reminder<R> = { ...rest, id: this.#next++, at: this.clock.now() + delayMs };
    const cancel = this.clock.setTimer(reminder.at, () => {
      this.#timers.delete(reminder.id);
      this.fire(reminder);
    });
    this.#timers.set(reminder.id, cancel);
    return reminder;
  }

  /** How many reminders are waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Cancels every waiting reminder. */
  close(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }
}
