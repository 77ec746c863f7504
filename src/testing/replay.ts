import type { TranscriptActivity } from '../simulator/transcript.js';
import type { FrontAdapter, FrontName } from './fronts.js';
import {
  type AgentsTestChatOptions,
  type BotbuilderTestChatOptions,
  createTestChat,
  type TestChat,
  type TestContact,
} from './test-chat.js';

/** What a replay adds to `createTestChat`'s options. */
interface ReplaySetUp<F extends FrontName> {
  /**
   * Called with the chat before the first message: make here a bot that needs the adapter or the
   * virtual clock (proactive messages, reminders). What it answers (a function) is called before
   * the chat closes, to stop the bot's own timers.
   */
  prepare?: (chat: TestChat<FrontAdapter<F>>) => unknown;
}

/** What `replayTranscript` takes: the bot, as `createTestChat` takes it, and an optional `prepare`. */
export type ReplayOptions =
  | (Omit<BotbuilderTestChatOptions, 'sockets'> & ReplaySetUp<'botbuilder'>)
  | (Omit<AgentsTestChatOptions, 'sockets'> & ReplaySetUp<'agents'>);

/** A bot's message as the replay compares it: what the contact sees, nothing that changes per run. */
export interface ReplayedActivity {
  /** The WhatsApp message type (`text`, `interactive`, `hsm`…). */
  type: string;
  text?: string;
  attachments?: { contentType: string; contentUrl?: string }[];
  /** The titles of the suggested actions (reply buttons or list rows). */
  actions?: string[];
}

/** The outcome: `ok`, or the first step after which the bot answered differently. */
export type ReplayResult =
  | { ok: true }
  | {
      ok: false;
      /** The 1-based number of the user's message after which the bot's answers differ. */
      step: number;
      expected: ReplayedActivity[];
      actual: ReplayedActivity[];
      /** The error the step failed with, if it failed rather than answered differently. */
      error?: unknown;
    };

function replayed(activity: TranscriptActivity): ReplayedActivity {
  const out: ReplayedActivity = { type: activity.channelData?.type ?? 'text' };
  if (activity.text !== undefined) out.text = activity.text;
  if (activity.attachments?.length) {
    out.attachments = activity.attachments.map((a) => ({
      contentType: a.contentType,
      ...(a.contentUrl !== undefined ? { contentUrl: a.contentUrl } : {}),
    }));
  }
  if (activity.suggestedActions?.actions.length) {
    out.actions = activity.suggestedActions.actions.map((a) => a.title);
  }
  return out;
}

const isUser = (activity: TranscriptActivity) => activity.from?.role === 'user';

/** Plays one user message of a transcript as the contact. */
function play(contact: TestContact, activity: TranscriptActivity): Promise<unknown> {
  const data = activity.channelData;
  if (!data) return contact.says(activity.text ?? '');
  if (data.type === 'text') return contact.says(String(data.content.text ?? activity.text ?? ''));
  const interactive = data.content.interactive as { reply?: { text?: string; title?: string } };
  if (data.type === 'interactive' && interactive?.reply) {
    return contact.taps(interactive.reply.text ?? interactive.reply.title ?? '');
  }
  return contact.sends(data.type, data.content);
}

/**
 * Plays the user's side of a recorded transcript (from `chat.transcript()` or the chat page's
 * Download transcript) against a bot, on a fresh simulator whose clock starts at the transcript's
 * first timestamp and moves as the transcript's did, and compares the bot's answers after each
 * user message (type, text, attachments, suggested actions).
 *
 * @example
 * const result = await replayTranscript(recorded, { logic: (context) => bot.run(context) });
 * expect(result).toEqual({ ok: true });
 */
export async function replayTranscript(
  transcript: readonly TranscriptActivity[] | string,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const activities: TranscriptActivity[] =
    typeof transcript === 'string' ? JSON.parse(transcript) : [...transcript];
  if (!Array.isArray(activities))
    throw new TypeError('replayTranscript: give an array of activities');
  const messages = activities.filter((a) => a.type === 'message');
  const users = messages.filter(isUser);
  const first = users[0];
  if (!first) return { ok: true };
  const start = messages[0]?.timestamp ?? first.timestamp;
  const { prepare, ...chatOptions } = options;
  const chat = (await createTestChat({
    ...chatOptions,
    simulator: { ...options.simulator, ...(start ? { start } : {}) },
  } as BotbuilderTestChatOptions)) as TestChat<unknown>;
  let stop: unknown;
  try {
    stop = await (prepare as ((chat: TestChat<unknown>) => unknown) | undefined)?.(chat);
    const contact = chat.contact(first.from.id, { name: first.from.name });
    for (let step = 1; step <= users.length; step += 1) {
      const user = users[step - 1] as TranscriptActivity;
      const from = messages.indexOf(user);
      const next = users[step];
      const until = next ? messages.indexOf(next) : messages.length;
      const expected = messages
        .slice(from + 1, until)
        .filter((a) => !isUser(a))
        .map(replayed);
      const before = chat.transcript(contact).length;
      let error: unknown;
      try {
        const at = Date.parse(user.timestamp);
        const now = chat.clock.now();
        if (Number.isFinite(at) && at > now) await chat.advance({ seconds: (at - now) / 1000 });
        await play(contact, user);
        // What the bot does before the next message (reminders) belongs to this step; after the
        // last message, what it did until the transcript's end.
        const nextAt = next
          ? Date.parse(next.timestamp) - 1
          : Date.parse(messages.at(-1)?.timestamp ?? '');
        const later = chat.clock.now();
        if (Number.isFinite(nextAt) && nextAt > later) {
          await chat.advance({ seconds: (nextAt - later) / 1000 });
        }
      } catch (caught) {
        error = caught;
      }
      const actual = chat
        .transcript(contact)
        .slice(before)
        .filter((a) => !isUser(a))
        .map(replayed);
      if (error !== undefined || JSON.stringify(expected) !== JSON.stringify(actual)) {
        return { ok: false, step, expected, actual, ...(error !== undefined ? { error } : {}) };
      }
    }
    return { ok: true };
  } finally {
    if (typeof stop === 'function') await stop();
    await chat.close();
  }
}
