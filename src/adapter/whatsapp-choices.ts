import { createRequire } from 'node:module';
import { errorFields, type Logger } from '../core/logger.js';
import { CHANNEL_ID } from '../core/to-activity.js';
import { LIST_ROW_TITLE_LIMIT } from '../core/to-messagebird.js';
import { INTERACTIVE_LIMITS } from '../messagebird/interactive.js';

/**
 * The mark on a wrapped `ChoiceFactory.forChannel`; its value is the function it wraps. A
 * registered symbol, so two copies of this package in one process still wrap a copy of
 * botbuilder-dialogs once.
 */
const MARK = Symbol.for('botbuilder-adapter-messagebird-whatsapp.choices');

/** The message above the buttons when the prompt has no text: WhatsApp needs a body. */
const DEFAULT_BODY = 'Choose one:';

/** WhatsApp's limits a choice list must keep to (a list: 10 rows of at most 24 characters). */
const MAX_CHOICES = INTERACTIVE_LIMITS.listRows;
const MAX_TITLE = LIST_ROW_TITLE_LIMIT;

/** Card actions a WhatsApp reply button can stand for (the adapter refuses the others). */
const REPLY_ACTIONS = new Set(['imBack', 'postBack', 'messageBack']);

/** What we use of botbuilder-dialogs' `Choice` (after `ChoiceFactory.toChoices`). */
interface ChoiceLike {
  value?: unknown;
  action?: { type?: unknown; title?: unknown; value?: unknown; text?: unknown } | null;
}

type ForChannel = ((...args: unknown[]) => unknown) & { [MARK]?: ForChannel };

/** What we use of botbuilder-dialogs' `ChoiceFactory` class. */
interface ChoiceFactoryLike {
  forChannel: ForChannel;
  suggestedAction(choices: ChoiceLike[], text?: string, speak?: string): unknown;
  toChoices(choices: unknown): ChoiceLike[];
}

/**
 * Makes botbuilder-dialogs' choice prompts (`ChoicePrompt`, `ConfirmPrompt` with the default
 * style) show their choices on the `whatsapp` channel as WhatsApp does: reply buttons or a list.
 * Other channels are untouched. Installed once per botbuilder-dialogs copy, idempotently, by the
 * adapter's constructor; does nothing when botbuilder-dialogs is not installed. Answers whether
 * the hook is in place.
 *
 * The hook wraps the static `ChoiceFactory.forChannel`, which `ListStyle.auto` (the default of
 * both prompts) calls through `Prompt.appendChoices`. On `whatsapp`, choices that fit a WhatsApp
 * list (1 to 10 choices, titles of 1 to 24 characters, reply actions, distinct ids) come out as
 * suggested actions, which the adapter sends as reply buttons (up to 3 titles of up to 20
 * characters) or a list; a prompt without text gets the body "Choose one:". Anything else, and
 * every other channel, gets botbuilder-dialogs' own rendering.
 */
export function installWhatsAppChoices(logger?: Logger): boolean {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('botbuilder-dialogs');
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'MODULE_NOT_FOUND') return false;
    return warn(logger, 'botbuilder-dialogs could not be found', error);
  }
  let factory: ChoiceFactoryLike | undefined;
  try {
    factory = (require('botbuilder-dialogs') as { ChoiceFactory?: ChoiceFactoryLike })
      .ChoiceFactory;
  } catch (error) {
    return warn(logger, 'botbuilder-dialogs failed to load', error);
  }
  if (
    typeof factory?.forChannel !== 'function' ||
    typeof factory.suggestedAction !== 'function' ||
    typeof factory.toChoices !== 'function'
  ) {
    return warn(logger, 'botbuilder-dialogs has no ChoiceFactory.forChannel we know');
  }
  if (factory.forChannel[MARK]) return true;

  const choiceFactory = factory;
  const original = factory.forChannel;
  const forChannel: ForChannel = function forChannel(this: unknown, ...args: unknown[]) {
    const [channelOrContext, choices, text, speak] = args;
    if (channelIdOf(channelOrContext) === CHANNEL_ID && Array.isArray(choices)) {
      const list = fitting(choiceFactory, choices);
      if (list) {
        const body = typeof text === 'string' && text.trim() !== '' ? text : DEFAULT_BODY;
        return choiceFactory.suggestedAction(
          list,
          body,
          typeof speak === 'string' ? speak : undefined,
        );
      }
    }
    return original.apply(this, args);
  };
  Object.defineProperty(forChannel, MARK, { value: original });
  choiceFactory.forChannel = forChannel;
  return true;
}

/** The channel id as `forChannel` reads it: a string, or a TurnContext's activity's. */
function channelIdOf(channelOrContext: unknown): unknown {
  if (typeof channelOrContext === 'string') return channelOrContext;
  return (channelOrContext as { activity?: { channelId?: unknown } } | null | undefined)?.activity
    ?.channelId;
}

/** The normalised choices when WhatsApp can show them all as buttons or a list, else undefined. */
function fitting(factory: ChoiceFactoryLike, choices: unknown[]): ChoiceLike[] | undefined {
  if (choices.length === 0 || choices.length > MAX_CHOICES) return undefined;
  if (choices.some((c) => typeof c !== 'string' && (typeof c !== 'object' || c === null))) {
    return undefined;
  }
  const list = factory.toChoices(choices);
  if (list.length === 0 || list.length > MAX_CHOICES) return undefined;
  const ids = new Set<string>();
  for (const choice of list) {
    const action = choice.action ?? undefined;
    if (action && !REPLY_ACTIONS.has(action.type as string)) return undefined;
    const title = action?.title || choice.value;
    if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
      return undefined;
    }
    // The id the adapter gives the button: the action's value (or text, or title), else the value.
    const raw = action ? (action.value ?? action.text ?? action.title) : choice.value;
    const id = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (!id || ids.has(id)) return undefined;
    ids.add(id);
  }
  return list;
}

/** Logs why the hook is not in place (no keys are involved) and answers false. */
function warn(logger: Logger | undefined, why: string, error?: unknown): false {
  logger?.warn(
    `${why}; choice prompts show their choices as text on WhatsApp`,
    error === undefined ? undefined : errorFields(error),
  );
  return false;
}
