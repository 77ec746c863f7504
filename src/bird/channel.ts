import * as v from 'valibot';
import { NonEmpty } from './common.js';

/**
 * A channel, as `GET /workspaces/{ws}/channels/{ch}` answers it: `{id, name, platformId, status,
 * connectorId, …}`, the call that checks a key and a channel id. Source: the channels-management
 * reference (list answer) and code bases; only `id` is required, extras are kept.
 */
export const BirdChannel = v.looseObject({
  id: NonEmpty,
  name: v.nullish(v.string()),
  platformId: v.nullish(v.string()),
  status: v.nullish(v.string()),
  connectorId: v.nullish(v.string()),
});

/** A channel. */
export type BirdChannel = v.InferOutput<typeof BirdChannel>;
