/**
 * How a card action's data travels through WhatsApp, which carries back only the tapped button's
 * (or list row's) `id` and title. A JSON object (Action.Submit/Action.Execute `data`, a
 * postBack/messageBack object `value`) becomes its compact JSON as the id, and an inbound id that
 * is a JSON object is decoded back into `activity.value`, as Bot Framework channels deliver an
 * Action.Submit. A string is the id as it is (and arrives as today's `ReplyValue`); numbers,
 * booleans and arrays travel as their JSON text and are not decoded.
 */
export function replyIdOf(data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data === '' ? undefined : data;
  return JSON.stringify(data);
}

/**
 * The object a reply id stands for: the id is decoded only when it is exactly a JSON object
 * (starts with `{`, ends with `}`, parses, and is neither null nor an array); any other id,
 * such as `track-order` or `[1,2]`, gives undefined.
 */
export function dataOfReplyId(id: string): Record<string, unknown> | undefined {
  if (!id.startsWith('{') || !id.endsWith('}')) return undefined;
  try {
    const data: unknown = JSON.parse(id);
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
