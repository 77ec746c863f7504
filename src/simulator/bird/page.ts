import type { Context } from 'hono';
import { BIRD_LIST_DEFAULT_LIMIT, BIRD_LIST_MAX_LIMIT } from '../../bird/list.js';
import { birdInvalid } from './errors.js';

/** `?limit` (1 to 100, 10 by default: common-api-usage) and `?pageToken`, checked. */
export function birdPageParams(c: Context): { limit: number; token: string | undefined } {
  const raw = c.req.query('limit');
  let limit = BIRD_LIST_DEFAULT_LIMIT;
  if (raw !== undefined && raw !== '') {
    limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > BIRD_LIST_MAX_LIMIT) {
      throw birdInvalid('limit', `give a whole number from 1 to ${BIRD_LIST_MAX_LIMIT}`);
    }
  }
  const token = c.req.query('pageToken');
  return { limit, token: token === '' ? undefined : token };
}

/**
 * One page of `items` (already in list order) as `{results, nextPageToken?}`. The token is opaque
 * to clients: the position (`keyOf`) of the page's last item, so items added meanwhile at the
 * head of a newest-first list do not shift the next page.
 */
export function birdPage<T, R>(
  items: readonly T[],
  params: { limit: number; token: string | undefined },
  keyOf: (item: T) => string,
  render: (item: T) => R,
): { results: R[]; nextPageToken?: string } {
  let start = 0;
  if (params.token !== undefined) {
    let after: string;
    try {
      after = Buffer.from(params.token, 'base64url').toString('utf8');
    } catch {
      after = '';
    }
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0) {
      throw birdInvalid(
        'pageToken',
        'not a token this list gave (or its item is gone): start again without it',
      );
    }
    start = index + 1;
  }
  const slice = items.slice(start, start + params.limit);
  const out: { results: R[]; nextPageToken?: string } = { results: slice.map(render) };
  const last = slice.at(-1);
  if (last !== undefined && start + slice.length < items.length) {
    out.nextPageToken = Buffer.from(keyOf(last), 'utf8').toString('base64url');
  }
  return out;
}
