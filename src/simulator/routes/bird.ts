import { Hono } from 'hono';
import { BirdSendRequest } from '../../bird/send.js';
import { BirdCreateSubscription } from '../../bird/subscription.js';
import { toE164 } from '../../messagebird/phone.js';
import { birdInvalid, birdNotFound } from '../bird/errors.js';
import { birdGuardAnswer, birdRateLimitCheck } from '../bird/guards.js';
import { birdPage, birdPageParams } from '../bird/page.js';
import { renderBirdChannel, renderSubscription } from '../bird/render.js';
import type { Engine } from '../engine.js';
import { fastBirdSendRequest } from '../fast-send.js';
import { body } from '../http.js';
import type { ResolvedChannel } from '../options.js';
import { guards, type RateLimiter } from '../v1-guards.js';

/**
 * The guards of a Bird base path, as `/v1`'s: injected faults, the access key (Bird's
 * `AccessKey` header, the same key), the limit set by `PUT /_sim/rate-limit`, then Bird's own
 * documented limits; every refusal and failure in Bird's error body (failures through the app's
 * onError, app.ts).
 */
function guarded(engine: Engine, limiter: RateLimiter): Hono {
  const app = new Hono();
  // One middleware, in this order: injected faults, the access key, the /_sim limit, Bird's limits.
  app.use(
    '*',
    guards({
      faults: engine.faults,
      accessKey: engine.options.accessKey,
      limiter,
      more: birdRateLimitCheck(engine.options),
      answer: birdGuardAnswer,
    }),
  );
  // Errors are answered in Bird's body by the app's onError, which knows Bird's paths: an onError
  // here would wrap every route and middleware of the face in a composer of its own.
  return app;
}

/** The workspace of the path, or a 404: the simulator plays one. */
const workspace = (engine: Engine, id: string): void => {
  if (id.toLowerCase() !== engine.options.bird.workspaceId) throw birdNotFound(`workspace ${id}`);
};

/**
 * `/workspaces/{ws}/channels/{ch}…`: the channel (a credentials check), sends (202 with the
 * ChannelMessage, `status: 'accepted'`), the channel's messages newest first
 * (`?limit&pageToken`, `?phonenumber=` as one code base filters) and one message.
 */
export function birdWorkspaceRoutes(engine: Engine, limiter: RateLimiter): Hono {
  const app = guarded(engine, limiter);
  const createdAt = engine.clock.now();
  const channelOf = (ws: string, ch: string): ResolvedChannel => {
    workspace(engine, ws);
    const channel = engine.bird.channel(ch);
    if (!channel) throw birdNotFound(`channel ${ch} in workspace ${ws}`);
    return channel;
  };

  app.get('/:workspaceId/channels/:channelId', (c) => {
    const channel = channelOf(c.req.param('workspaceId'), c.req.param('channelId'));
    return c.json(renderBirdChannel(channel, engine.options.bird.connectorId, createdAt), 200);
  });

  app.post('/:workspaceId/channels/:channelId/messages', async (c) => {
    const channel = channelOf(c.req.param('workspaceId'), c.req.param('channelId'));
    const request = await body(c, BirdSendRequest, fastBirdSendRequest);
    const message = engine.sendBird(channel, request);
    // The answer is the message as it was accepted, whatever the lifecycle did at once since.
    return c.json(engine.bird.render(message, channel, true), 202);
  });

  app.get('/:workspaceId/channels/:channelId/messages', (c) => {
    const channel = channelOf(c.req.param('workspaceId'), c.req.param('channelId'));
    const params = birdPageParams(c);
    let phone: string | undefined;
    const filter = c.req.query('phonenumber');
    if (filter) {
      try {
        phone = toE164(filter);
      } catch {
        throw birdInvalid('phonenumber', 'give an E.164 number such as +31612345678 (as %2B31…)');
      }
    }
    const items = engine.bird.messagesOf(channel, phone);
    return c.json(
      birdPage(
        items,
        params,
        (m) => m.id,
        (m) => engine.bird.render(m, channel),
      ),
      200,
    );
  });

  app.get('/:workspaceId/channels/:channelId/messages/:messageId', (c) => {
    const channel = channelOf(c.req.param('workspaceId'), c.req.param('channelId'));
    const id = c.req.param('messageId');
    const message = engine.bird.message(id, channel);
    if (!message) throw birdNotFound(`message ${id}`);
    return c.json(engine.bird.render(message, channel), 200);
  });

  return app;
}

/**
 * `/organizations/{org}/workspaces/{ws}/webhook-subscriptions`: create (201, echoing the signing
 * key as the docs' answer does), list in creation order (`{results, nextPageToken?}`), get (404
 * when unknown; reads leave the signing key out) and delete (204, a reading).
 */
export function birdOrganizationRoutes(engine: Engine, limiter: RateLimiter): Hono {
  const app = guarded(engine, limiter);
  const base = '/:organizationId/workspaces/:workspaceId/webhook-subscriptions';
  const scope = (org: string, ws: string): void => {
    if (org.toLowerCase() !== engine.options.bird.organizationId) {
      throw birdNotFound(`organization ${org}`);
    }
    workspace(engine, ws);
  };
  const find = (id: string) => {
    const subscription = engine.store.birdSubscriptions.get(id.toLowerCase());
    if (!subscription) throw birdNotFound(`webhook subscription ${id}`);
    return subscription;
  };

  app.post(base, async (c) => {
    scope(c.req.param('organizationId'), c.req.param('workspaceId'));
    const request = await body(c, BirdCreateSubscription);
    for (const [i, filter] of (request.eventFilters ?? []).entries()) {
      if (filter.key === 'channelId' && !engine.bird.channel(filter.value)) {
        throw birdInvalid(
          `eventFilters.${i}.value`,
          `no channel ${filter.value} in workspace ${engine.options.bird.workspaceId}`,
        );
      }
    }
    const channelFilters = (request.eventFilters ?? []).filter((f) => f.key === 'channelId');
    if (channelFilters.length > 1) {
      throw birdInvalid('eventFilters', 'one channelId filter per subscription');
    }
    return c.json(renderSubscription(engine.createBirdSubscription(request), true), 201);
  });

  app.get(base, (c) => {
    scope(c.req.param('organizationId'), c.req.param('workspaceId'));
    const params = birdPageParams(c);
    const items = engine.store.listBirdSubscriptions();
    return c.json(
      birdPage(
        items,
        params,
        (s) => s.id,
        (s) => renderSubscription(s),
      ),
      200,
    );
  });

  app.get(`${base}/:subscriptionId`, (c) => {
    scope(c.req.param('organizationId'), c.req.param('workspaceId'));
    return c.json(renderSubscription(find(c.req.param('subscriptionId'))), 200);
  });

  app.delete(`${base}/:subscriptionId`, (c) => {
    scope(c.req.param('organizationId'), c.req.param('workspaceId'));
    const id = c.req.param('subscriptionId');
    if (!engine.deleteBirdSubscription(id)) throw birdNotFound(`webhook subscription ${id}`);
    return c.body(null, 204);
  });

  return app;
}
