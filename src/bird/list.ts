import * as v from 'valibot';

/**
 * The envelope of every list answer: `{results, nextPageToken?}`, `nextPageToken` present when
 * there are more (query `limit`, 10 by default and at most 100, and `pageToken`). Source:
 * docs.bird.com api-access/common-api-usage; list-webhook-subscriptions.
 *
 * @example
 * const page = v.parse(birdListOf(BirdChannelMessage), await response.json());
 */
export function birdListOf<S extends v.GenericSchema>(item: S) {
  return v.looseObject({
    results: v.array(item),
    nextPageToken: v.nullish(v.string()),
  });
}

/** A parsed list page. */
export type BirdListPage<T> = { results: T[]; nextPageToken?: string | null | undefined };

/** The most items one list page holds (`limit` at most 100). */
export const BIRD_LIST_MAX_LIMIT = 100;
/** The items of a list page when no `limit` is given. */
export const BIRD_LIST_DEFAULT_LIMIT = 10;
