import { Activity } from '@microsoft/agents-activity';
import type { Activity as CoreActivity } from '../core/activity.js';

/**
 * The Agents SDK's `Activity` for an activity the core made. The SDK parses with zod and refuses
 * an empty string in nearly every optional field (`id`, `replyToId`, `name`, `conversation.name`,
 * `from.id`, an attachment's `name`…), where botbuilder took anything: such fields are left out
 * here, so every webhook the core turns into an activity (messages with attachments, entities and
 * values, delivery statuses and conversation events, `conversationUpdate` with `membersAdded`)
 * becomes a turn. `text` and the accounts' `name`, which the SDK allows empty, are kept as they
 * are. Unknown nested fields would be dropped by the SDK; the core makes none.
 */
export function toAgentsActivity(activity: CoreActivity): Activity {
  const plain = withoutEmpty(activity, KEEP_EMPTY_TOP) as Record<string, unknown>;
  if (activity.conversation) plain.conversation = withoutEmpty(activity.conversation);
  if (activity.from) plain.from = withoutEmpty(activity.from, KEEP_EMPTY_ACCOUNT);
  if (activity.recipient) plain.recipient = withoutEmpty(activity.recipient, KEEP_EMPTY_ACCOUNT);
  if (activity.membersAdded) {
    plain.membersAdded = activity.membersAdded.map((m) => withoutEmpty(m, KEEP_EMPTY_ACCOUNT));
  }
  if (activity.attachments) {
    plain.attachments = activity.attachments.map((a) => ({
      ...withoutEmpty(a),
      contentType: a.contentType || 'application/octet-stream',
    }));
  }
  if (activity.entities) plain.entities = activity.entities.filter((e) => e.type);
  return Activity.fromObject(plain);
}

/** Top-level fields the SDK accepts empty. */
const KEEP_EMPTY_TOP = new Set(['text']);
/** Account fields the SDK accepts empty. */
const KEEP_EMPTY_ACCOUNT = new Set(['name']);

/** A shallow copy of `value` without its undefined and empty-string fields (except `keep`). */
export function withoutEmpty<T extends object>(
  value: T,
  keep: ReadonlySet<string> = new Set(),
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || (field === '' && !keep.has(key))) continue;
    out[key] = field;
  }
  return out as Partial<T>;
}
