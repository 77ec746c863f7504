import * as v from 'valibot';

/**
 * The envelope of every list answer: `{offset, limit, count, totalCount, items}`.
 *
 * @example
 * const Conversations = listOf(Conversation);
 * const page = v.parse(Conversations, await res.json());
 */
export function listOf<S extends v.GenericSchema>(item: S) {
  return v.looseObject({
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(0)),
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    totalCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
    items: v.array(item),
  });
}

/** A parsed list page. */
export type List<T> = {
  offset: number;
  limit: number;
  count: number;
  totalCount: number;
  items: T[];
};
