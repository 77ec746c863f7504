import type { CardAction } from '../activity.js';
import { UnsupportedActivityError } from '../errors.js';
import { replyIdOf } from './reply-data.js';

/** A reply button or list row: what WhatsApp shows (`title`) and carries back (`id`). */
export interface Reply {
  /** What the tap carries back; see `replyIdOf`. */
  id: string;
  /** The button's or row's title, also the inbound activity's `text`. */
  title: string;
  /** The action's field, such as `attachments[0].content.buttons[1]`. */
  field: string;
  /** The field the id was made of, named when the id is too long. */
  idField: string;
}

/** A card action as WhatsApp shows it: a reply button, or a line of text with a link. */
export type ActionView = { reply: Reply; link?: undefined } | { link: string; reply?: undefined };

/** Card actions a reply button can stand for. */
export const REPLY_ACTIONS: ReadonlySet<string> = new Set(['imBack', 'postBack', 'messageBack']);

/** Card actions that open something: shown as "Title: url" lines in the message text. */
const LINK_ACTIONS: ReadonlySet<string> = new Set([
  'openUrl',
  'signin',
  'downloadFile',
  'playAudio',
  'playVideo',
  'showImage',
  'call',
]);

/**
 * A link as a line of text, `Title: target`, or the bare target when the title is missing or the
 * target itself. WhatsApp makes URLs and phone numbers in text tappable.
 */
export function linkLine(title: unknown, target: string): string {
  const label = typeof title === 'string' ? title.trim() : '';
  return label && label !== target ? `${label}: ${target}` : target;
}

/**
 * How a Bot Framework card action shows on WhatsApp. `imBack`, `postBack` and `messageBack` are
 * reply buttons (the id is the `value`, else `text`, else `title`; an object value is its JSON).
 * In render mode (`strict` false) `openUrl`, `signin`, `downloadFile`, `playAudio`, `playVideo`
 * and `showImage` become "Title: url" lines, and `call` a "Title: +31…" line (a `tel:` prefix
 * dropped, since WhatsApp makes bare numbers tappable); `signinTitle` names a sign-in link that
 * has no title. Strict mode and any other action type throw an UnsupportedActivityError.
 */
export function cardActionView(
  action: CardAction,
  field: string,
  strict: boolean,
  signinTitle?: string,
): ActionView {
  const type = (action as Partial<CardAction> | undefined)?.type;
  if (typeof type === 'string' && REPLY_ACTIONS.has(type)) {
    const value = action.value ?? action.text ?? action.title;
    const id = replyIdOf(value);
    const title = action.title ?? (typeof value === 'string' ? value : undefined);
    if (!id || !title) {
      throw new UnsupportedActivityError(field, 'a button needs a title or a value');
    }
    const from =
      action.value !== undefined ? 'value' : action.text !== undefined ? 'text' : 'title';
    return { reply: { id, title, field, idField: `${field}.${from}` } };
  }
  if (strict) {
    throw new UnsupportedActivityError(
      `${field}.type`,
      `WhatsApp buttons can only reply; "${type}" cannot be shown (put a link in the text instead)`,
    );
  }
  if (typeof type === 'string' && LINK_ACTIONS.has(type)) {
    const target = action.value;
    if (typeof target !== 'string' || target.trim() === '') {
      throw new UnsupportedActivityError(
        `${field}.value`,
        `a ${type} action needs its ${type === 'call' ? 'phone number' : 'URL'} as a string value`,
      );
    }
    const shown = type === 'call' ? target.trim().replace(/^tel:/i, '') : target.trim();
    const title = type === 'signin' && !action.title ? signinTitle : action.title;
    return { link: linkLine(title, shown) };
  }
  throw new UnsupportedActivityError(
    `${field}.type`,
    `a "${type}" action cannot be shown on WhatsApp: use imBack, postBack or messageBack for a reply button, or openUrl for a link`,
  );
}

/** Splits card actions into reply buttons and link lines, in order; see `cardActionView`. */
export function cardActionsView(
  actions: readonly CardAction[] | undefined,
  field: string,
  strict: boolean,
  signinTitle?: string,
): { replies: Reply[]; links: string[] } {
  const replies: Reply[] = [];
  const links: string[] = [];
  if (actions != null && !Array.isArray(actions)) {
    throw new UnsupportedActivityError(field, 'must be an array of card actions');
  }
  (actions ?? []).forEach((action, i) => {
    const view = cardActionView(action, `${field}[${i}]`, strict, signinTitle);
    if (view.reply) replies.push(view.reply);
    else links.push(view.link);
  });
  return { replies, links };
}
