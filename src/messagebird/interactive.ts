import * as v from 'valibot';
import { NonEmptyString } from './ids.js';

/** WhatsApp's limits on interactive messages. */
export const INTERACTIVE_LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
} as const;

const Text = v.object({ text: NonEmptyString });
const MediaRef = v.looseObject({ url: NonEmptyString });

/** The optional header of an interactive message. */
export const InteractiveHeader = v.variant('type', [
  v.object({ type: v.literal('text'), text: NonEmptyString }),
  v.object({ type: v.literal('image'), image: MediaRef }),
  v.object({ type: v.literal('video'), video: MediaRef }),
  v.object({
    type: v.literal('document'),
    document: v.looseObject({ url: NonEmptyString, filename: v.optional(v.string()) }),
  }),
]);

/** One reply button: an id the reply carries back, and a title of at most 20 characters. */
export const ReplyButton = v.object({
  id: NonEmptyString,
  type: v.literal('reply'),
  title: v.pipe(
    NonEmptyString,
    v.maxLength(INTERACTIVE_LIMITS.buttonTitle, 'button titles are at most 20 characters'),
  ),
});

/** One list row. */
export const ListRow = v.object({
  id: NonEmptyString,
  title: NonEmptyString,
  description: v.optional(v.string()),
});

const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

/** An outbound `interactive` of type `button`: up to 3 reply buttons with distinct ids. */
export const InteractiveButtons = v.object({
  type: v.literal('button'),
  header: v.optional(InteractiveHeader),
  body: Text,
  footer: v.optional(Text),
  action: v.object({
    buttons: v.pipe(
      v.array(ReplyButton),
      v.minLength(1, 'give at least one button'),
      v.maxLength(INTERACTIVE_LIMITS.buttons, 'WhatsApp shows at most 3 reply buttons: use a list'),
      v.check((b) => uniqueIds(b.map((x) => x.id)), 'button ids must be distinct'),
    ),
  }),
});

/** An outbound `interactive` of type `list`: a button label and sections of at most 10 rows in all. */
export const InteractiveList = v.object({
  type: v.literal('list'),
  header: v.optional(v.object({ type: v.literal('text'), text: NonEmptyString })),
  body: Text,
  footer: v.optional(Text),
  action: v.object({
    button: NonEmptyString,
    sections: v.pipe(
      v.array(
        v.object({
          title: v.optional(v.string()),
          rows: v.pipe(v.array(ListRow), v.minLength(1, 'a section needs at least one row')),
        }),
      ),
      v.minLength(1, 'give at least one section'),
      v.check(
        (s) => s.reduce((n, x) => n + x.rows.length, 0) <= INTERACTIVE_LIMITS.listRows,
        'WhatsApp shows at most 10 list rows in all sections together',
      ),
      v.check(
        (s) => uniqueIds(s.flatMap((x) => x.rows.map((r) => r.id))),
        'list row ids must be distinct',
      ),
    ),
  }),
});

/**
 * An inbound reply to an interactive message: `button_reply` (documented) or `list_reply` (by
 * analogy, not confirmed; it may add `description`). Other reply kinds pass through unchanged.
 */
export const InteractiveReply = v.looseObject({
  type: v.pipe(v.string(), v.regex(/_reply$/, 'expected a reply type such as button_reply')),
  reply: v.looseObject({
    id: v.string(),
    text: v.optional(v.string()),
    title: v.optional(v.string()),
    description: v.optional(v.string()),
  }),
});

/** What the bot may send as `content.interactive`. */
export const OutboundInteractive = v.variant('type', [InteractiveButtons, InteractiveList]);

/** Reply buttons content. */
export type InteractiveButtons = v.InferOutput<typeof InteractiveButtons>;
/** List content. */
export type InteractiveList = v.InferOutput<typeof InteractiveList>;
/** Outbound interactive content. */
export type OutboundInteractive = v.InferOutput<typeof OutboundInteractive>;
/** An inbound interactive reply. */
export type InteractiveReply = v.InferOutput<typeof InteractiveReply>;
