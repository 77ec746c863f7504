import * as v from 'valibot';
import { BirdTime, HttpUrl, NonEmpty } from './common.js';
import { BirdWebhookEvent } from './webhook.js';

/**
 * An event filter: `{key, value}`, such as `{key: 'channelId', value}`. Filters are ANDed, one
 * channelId per subscription (create-a-webhook-subscription); `messageStatus` filters on
 * `whatsapp.outbound` come from one code base only.
 */
export const BirdEventFilter = v.looseObject({ key: NonEmpty, value: NonEmpty });

/**
 * `POST /organizations/{org}/workspaces/{ws}/webhook-subscriptions`. Source:
 * create-a-webhook-subscription and message-status-and-interactions. Without `signingKey` Bird
 * signs nothing. Bird's docs demand an `https://` url; `http://` is accepted here so a local
 * simulator can call a bot on 127.0.0.1. `template` is optional and passed on as given.
 *
 * @example
 * v.parse(BirdCreateSubscription, {
 *   service: 'channels', event: 'whatsapp.inbound', url: 'https://bots.example.org/api/bird',
 *   signingKey, eventFilters: [{ key: 'channelId', value: channelId }],
 * });
 */
export const BirdCreateSubscription = v.looseObject({
  service: v.literal('channels', 'expected service "channels"'),
  event: BirdWebhookEvent,
  url: HttpUrl,
  signingKey: v.optional(NonEmpty),
  eventFilters: v.optional(v.array(BirdEventFilter)),
  template: v.optional(v.unknown()),
});

/**
 * A webhook subscription as Bird answers it (201 on create, and on get and list):
 * `{id, organizationId, workspaceId, service, event, eventFilters, url, status, createdAt,
 * updatedAt}`. `signingKey` is optional: the create answer echoes it, a field report says reads do
 * not expose it. `status` is `active` in every sample.
 */
export const BirdSubscription = v.looseObject({
  id: NonEmpty,
  organizationId: v.optional(v.string()),
  workspaceId: v.optional(v.string()),
  service: v.string(),
  event: v.string(),
  eventFilters: v.optional(v.array(BirdEventFilter), []),
  template: v.optional(v.unknown()),
  url: v.string(),
  signingKey: v.optional(v.string()),
  status: v.optional(v.string()),
  createdAt: BirdTime,
  updatedAt: v.nullish(BirdTime),
});

/** An event filter. */
export type BirdEventFilter = v.InferOutput<typeof BirdEventFilter>;
/** A create-subscription body. */
export type BirdCreateSubscription = v.InferOutput<typeof BirdCreateSubscription>;
/** A subscription. */
export type BirdSubscription = v.InferOutput<typeof BirdSubscription>;
