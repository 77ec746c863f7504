import * as v from 'valibot';
import {
  idsAreDistinct,
  rowsInAll,
  sectionTitlesGiven,
  WHATSAPP_LIMITS,
} from '../whatsapp/index.js';
import { NonEmptyString } from './ids.js';

/**
 * WhatsApp's limits on interactive messages, kept under the name this module has always had; every
 * limit the schemas below enforce is in `WHATSAPP_LIMITS` (src/whatsapp), each with its source.
 */
export const INTERACTIVE_LIMITS = {
  buttons: WHATSAPP_LIMITS.buttons,
  buttonTitle: WHATSAPP_LIMITS.buttonTitle,
  listRows: WHATSAPP_LIMITS.listRows,
} as const;

/** A non-empty string of at most `limit` characters; `what` names it in the message. */
const Limited = (limit: number, what: string) =>
  v.pipe(
    NonEmptyString,
    v.maxLength(limit, `WhatsApp shows at most ${limit} characters in ${what}`),
  );

/** A text of at most `limit` characters, as `{text}`. */
const Text = (limit: number, what: string) => v.object({ text: Limited(limit, what) });
const MediaRef = v.looseObject({ url: NonEmptyString });
const Body = Text(WHATSAPP_LIMITS.interactiveBody, 'the body of an interactive message');
const Footer = Text(WHATSAPP_LIMITS.footer, 'the footer of an interactive message');
const HeaderText = Limited(WHATSAPP_LIMITS.headerText, 'the text header of an interactive message');

/**
 * The optional header of an interactive message. A request breaking a limit is refused with a 422
 * naming the field (our reading: MessageBird validates before handing the message to WhatsApp).
 */
export const InteractiveHeader = v.variant('type', [
  v.object({ type: v.literal('text'), text: HeaderText }),
  v.object({ type: v.literal('image'), image: MediaRef }),
  v.object({ type: v.literal('video'), video: MediaRef }),
  v.object({
    type: v.literal('document'),
    document: v.looseObject({ url: NonEmptyString, filename: v.optional(v.string()) }),
  }),
]);

/** One reply button: an id of at most 256 characters the reply carries back, a title of at most 20. */
export const ReplyButton = v.object({
  id: Limited(WHATSAPP_LIMITS.buttonId, 'a reply button id'),
  type: v.literal('reply'),
  title: v.pipe(
    NonEmptyString,
    v.maxLength(
      WHATSAPP_LIMITS.buttonTitle,
      `button titles are at most ${WHATSAPP_LIMITS.buttonTitle} characters`,
    ),
  ),
});

/** One list row: id (200), title (24), optional description (72). */
export const ListRow = v.object({
  id: Limited(WHATSAPP_LIMITS.rowId, 'a list row id'),
  title: Limited(WHATSAPP_LIMITS.rowTitle, 'a list row title'),
  description: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(
        WHATSAPP_LIMITS.rowDescription,
        `WhatsApp shows at most ${WHATSAPP_LIMITS.rowDescription} characters in a list row description`,
      ),
    ),
  ),
});

/** One list section: an optional title (24; required when the list has more than one) and rows. */
export const ListSection = v.object({
  title: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(
        WHATSAPP_LIMITS.sectionTitle,
        `WhatsApp shows at most ${WHATSAPP_LIMITS.sectionTitle} characters in a section title`,
      ),
    ),
  ),
  rows: v.pipe(v.array(ListRow), v.minLength(1, 'a section needs at least one row')),
});

/** An outbound `interactive` of type `button`: up to 3 reply buttons with distinct ids. */
export const InteractiveButtons = v.object({
  type: v.literal('button'),
  header: v.optional(InteractiveHeader),
  body: Body,
  footer: v.optional(Footer),
  action: v.object({
    buttons: v.pipe(
      v.array(ReplyButton),
      v.minLength(1, 'give at least one button'),
      v.maxLength(
        WHATSAPP_LIMITS.buttons,
        `WhatsApp shows at most ${WHATSAPP_LIMITS.buttons} reply buttons: use a list`,
      ),
      v.check((b) => idsAreDistinct(b.map((x) => x.id)), 'button ids must be distinct'),
    ),
  }),
});

/**
 * An outbound `interactive` of type `list`: a button label (20) and up to 10 sections of at most
 * 10 rows in all, with distinct row ids; every section titled when there is more than one
 * (source: WhatsApp's documented rule).
 */
export const InteractiveList = v.object({
  type: v.literal('list'),
  header: v.optional(v.object({ type: v.literal('text'), text: HeaderText })),
  body: Body,
  footer: v.optional(Footer),
  action: v.object({
    button: Limited(WHATSAPP_LIMITS.listButton, 'the label of the button that opens a list'),
    sections: v.pipe(
      v.array(ListSection),
      v.minLength(1, 'give at least one section'),
      v.maxLength(
        WHATSAPP_LIMITS.listSections,
        `WhatsApp shows at most ${WHATSAPP_LIMITS.listSections} sections in a list`,
      ),
      v.check(
        (s) => rowsInAll(s) <= WHATSAPP_LIMITS.listRows,
        `WhatsApp shows at most ${WHATSAPP_LIMITS.listRows} list rows in all sections together`,
      ),
      v.check(
        (s) => sectionTitlesGiven(s),
        'a list with more than one section needs a title on every section',
      ),
      v.check(
        (s) => idsAreDistinct(s.flatMap((x) => x.rows.map((r) => r.id))),
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
