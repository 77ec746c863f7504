import * as v from 'valibot';
import { Datetime } from './datetime.js';
import { ChannelId, NonEmptyString } from './ids.js';
import { WebhookEvent } from './webhook-payload.js';

const WebhookUrl = v.pipe(
  v.string(),
  v.url('expected the absolute URL MessageBird should call'),
  v.regex(/^https?:\/\//i, 'expected an http(s) URL'),
);

const Events = v.pipe(v.array(WebhookEvent), v.minLength(1, 'subscribe to at least one event'));

/** Optional webhook settings (`expected_http_success_codes`, `query_params_before`, …). */
const Settings = v.nullish(v.record(v.string(), v.unknown()));

/** A webhook subscription as the API returns it. */
export const Webhook = v.looseObject({
  id: NonEmptyString,
  href: v.optional(v.string()),
  url: v.string(),
  channelId: v.string(),
  events: v.array(WebhookEvent),
  status: v.picklist(['enabled', 'disabled']),
  settings: Settings,
  createdDatetime: Datetime,
  updatedDatetime: v.nullish(Datetime),
});

/** `POST /v1/webhooks`. */
export const CreateWebhookRequest = v.object({
  channelId: ChannelId,
  events: Events,
  url: WebhookUrl,
  settings: Settings,
});

/** `PATCH /v1/webhooks/{id}`: any of the fields, at least one. */
export const UpdateWebhookRequest = v.pipe(
  v.object({
    events: v.optional(Events),
    url: v.optional(WebhookUrl),
    status: v.optional(v.picklist(['enabled', 'disabled'])),
    settings: Settings,
  }),
  v.check(
    (b) => Object.values(b).some((x) => x !== undefined),
    'give at least one of events, url, status or settings',
  ),
);

/** A webhook resource. */
export type Webhook = v.InferOutput<typeof Webhook>;
/** A create-webhook body. */
export type CreateWebhookRequest = v.InferOutput<typeof CreateWebhookRequest>;
/** An update-webhook body. */
export type UpdateWebhookRequest = v.InferOutput<typeof UpdateWebhookRequest>;
