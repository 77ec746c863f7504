import type { Activity } from '@microsoft/agents-activity';
import type { CardAction, OutboundActivity } from '../core/activity.js';

/**
 * The outbound activity as the core should read it. The Agents SDK's
 * `MessageFactory.suggestedActions(['Yes', 'No'])` gives `imBack` actions whose value is
 * `{ text: 'Yes' }` (botbuilder's gives `'Yes'`); the core would make that object the button's id
 * (its JSON) and hand it back as `activity.value` on the tap. An `imBack` value that is exactly
 * `{ text: string }` is taken as that string here, so the button id is `Yes` and the tap comes back
 * as `text: 'Yes'`, as on other channels. Any other value (postBack data, a `{ text, more }`
 * object) travels unchanged. The SDK's activity is not changed.
 */
export function forWhatsApp(activity: Activity): OutboundActivity {
  const actions = activity.suggestedActions?.actions;
  if (!actions?.some(isTextValue)) return activity;
  const mapped: CardAction[] = actions.map((action) =>
    isTextValue(action) ? { ...action, value: action.value.text } : action,
  );
  // The core reads the fields it sends, never `channelId` (an accessor the spread leaves out).
  return { ...activity, suggestedActions: { actions: mapped } };
}

/** An `imBack` action whose value is `{ text: string }` and nothing else. */
function isTextValue(action: {
  type: string;
  value?: unknown;
}): action is { type: string; title: string; value: { text: string } } {
  if (action.type !== 'imBack') return false;
  const value = action.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 && keys[0] === 'text' && typeof (value as { text: unknown }).text === 'string'
  );
}
