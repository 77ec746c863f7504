import { MatchersV3 } from '@pact-foundation/pact';
import { BIRD_IDS } from '../../payloads/index.js';
import { RFC3339, shapeOf, UUID } from './shape.js';

const { like, regex } = MatchersV3;

/**
 * Keys whose values are the meaning of a Bird payload, kept literally beside shapeOf's (`type`,
 * `status`, `direction`, `code`…): the webhook's `service` and `event`, how a contact is addressed
 * (`identifierKey`), what a file is (`contentType`: a document, audio or video) and which template
 * variable a parameter fills (`key`).
 */
const BIRD_EXACT_KEYS = new Set(['service', 'event', 'identifierKey', 'contentType', 'key']);

/**
 * shapeOf for Bird's payloads: the same matchers (UUIDs, E.164 numbers and timestamps by regex,
 * other strings and numbers by type, arrays element by element), and BIRD_EXACT_KEYS literally.
 */
export function birdShapeOf(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => birdShapeOf(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, birdShapeOf(v, k)]));
  }
  if (key !== undefined && BIRD_EXACT_KEYS.has(key)) return value;
  return shapeOf(value, key);
}

/** A Bird id (a message, channel, contact): a dashed UUID. */
export const birdId = (example: string) => regex(UUID, example);

/** A Bird time (`createdAt`, `lastStatusAt`): RFC 3339. */
export const birdTime = (example: string) => regex(RFC3339, example);

/**
 * What the adapter needs of every ChannelMessage Bird answers (its schema's required fields): the
 * id it returns for the sent activity, the channel, sender and receiver objects, a status, the
 * direction and the creation time. Nothing else is asked of Bird.
 */
export function channelMessageShape(id: string, createdAt: string) {
  return {
    id: birdId(id),
    channelId: birdId(BIRD_IDS.channelId),
    sender: like({}),
    receiver: like({}),
    status: like('accepted'),
    direction: regex('^(incoming|outgoing)$', 'outgoing'),
    createdAt: birdTime(createdAt),
  };
}
