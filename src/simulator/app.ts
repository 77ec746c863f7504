import { type Context, Hono, type Next } from 'hono';
import type { H, RouterRoute } from 'hono/types';
import { birdErrorResponse } from './bird/errors.js';
import { chatRoutes } from './chat/index.js';
import type { Engine } from './engine.js';
import { errorResponse } from './http.js';
import { quietLogger } from './logger.js';
import { MemoRouter } from './memo-router.js';
import { requestLog } from './request-log.js';
import { birdOrganizationRoutes, birdWorkspaceRoutes } from './routes/bird.js';
import { isBirdPath, notFoundHandler, type RouteEntry, routeTable } from './routes/fallback.js';
import { simControlRoutes } from './routes/sim-control.js';
import { type StreamHub, simEventRoutes } from './routes/sim-events.js';
import { simInboundRoutes } from './routes/sim-inbound.js';
import { simTemplateRoutes } from './routes/sim-templates.js';
import { v1ConversationRoutes } from './routes/v1-conversations.js';
import { v1MessageRoutes } from './routes/v1-messages.js';
import { v1WebhookRoutes } from './routes/v1-webhooks.js';
import { foldGuards, guards, type RateLimiter } from './v1-guards.js';

/**
 * The Hono app: `/v1` (injected faults first, as an outage would be, then the access key, then the
 * rate limit, then MessageBird's routes), Bird's Channels API under `/workspaces` and
 * `/organizations` (the same guards, answered in Bird's error body), `/_sim` (control routes;
 * never faulted or limited) and the chat page at `/`.
 */
export function buildApp(engine: Engine, limiter: RateLimiter, hub: StreamHub): Hono {
  // Routes are matched once per method and path (memo-router.ts): the sends are the hot paths.
  const router = new MemoRouter<[H, RouterRoute]>();
  const app = new Hono({ router });
  let routes: RouteEntry[] = [];

  // The quiet logger drops every line: no need to time and word them.
  if (engine.options.logger !== quietLogger) app.use('*', requestLog(engine.options.logger));
  // One middleware, in this order: injected faults, the access key, the rate limit.
  app.use('/v1/*', guards({ faults: engine.faults, accessKey: engine.options.accessKey, limiter }));

  const v1 = new Hono();
  v1.route('/', v1MessageRoutes(engine));
  v1.route('/', v1ConversationRoutes(engine));
  v1.route('/', v1WebhookRoutes(engine));
  app.route('/v1', v1);

  // Bird's Channels API, over the same engine: its own guards and error bodies (routes/bird.ts).
  app.route('/workspaces', birdWorkspaceRoutes(engine, limiter));
  app.route('/organizations', birdOrganizationRoutes(engine, limiter));

  const sim = new Hono();
  sim.get('/', (c) =>
    c.json(
      {
        channels: engine.options.channels,
        templateNamespace: engine.options.templateNamespace,
        apis: {
          conversations: { basePath: '/v1', channelId: engine.options.channels[0]?.id },
          bird: {
            basePath: '/',
            workspaceId: engine.options.bird.workspaceId,
            organizationId: engine.options.bird.organizationId,
            channelId: engine.options.channels[0]?.birdChannelId,
            messages: `/workspaces/${engine.options.bird.workspaceId}/channels/${engine.options.channels[0]?.birdChannelId}/messages`,
            webhookSubscriptions: `/organizations/${engine.options.bird.organizationId}/workspaces/${engine.options.bird.workspaceId}/webhook-subscriptions`,
          },
        },
        routes: routes.map((r) => `${r.method} ${r.path}`),
      },
      200,
    ),
  );
  sim.route('/', simInboundRoutes(engine));
  sim.route('/', simControlRoutes(engine, limiter));
  sim.route('/', simTemplateRoutes(engine));
  sim.route('/', simEventRoutes(engine, hub));
  app.route('/_sim', sim);
  app.route('/', chatRoutes(engine));

  routes = routeTable(app);
  app.notFound(notFoundHandler(() => routes));
  // Failures on Bird's paths in Bird's error body, elsewhere in MessageBird's envelope.
  const onError = (error: Error, c: Context) =>
    isBirdPath(c.req.path)
      ? birdErrorResponse(c, error, engine.options.logger)
      : errorResponse(c, error, engine.options.logger);
  app.onError(onError);
  // A route whose only middleware is its API's guards (/v1 and Bird's, without a request log) is
  // answered by one handler running both: Hono then skips its middleware chain.
  const folded = new WeakMap<RouteFn, RouteFn>();
  router.fold = (result) => {
    const [entries] = result;
    if (entries.length !== 2) return result;
    const [[[guard]], [[handler, route], params]] = entries as [
      [[RouteFn, RouterRoute], unknown],
      [[RouteFn, RouterRoute], unknown],
    ];
    let one = folded.get(handler);
    if (!one) {
      one = foldGuards(guard, handler, onError);
      if (!one) return result;
      folded.set(handler, one);
    }
    return [[[[one, route], params]], ...result.slice(1)] as unknown as typeof result;
  };
  return app;
}

type RouteFn = (c: Context, next: Next) => unknown;
