import { Hono } from 'hono';
import { chatRoutes } from './chat/index.js';
import type { Engine } from './engine.js';
import { errorResponse } from './http.js';
import { requestLog } from './request-log.js';
import { notFoundHandler, type RouteEntry, routeTable } from './routes/fallback.js';
import { simControlRoutes } from './routes/sim-control.js';
import { type StreamHub, simEventRoutes } from './routes/sim-events.js';
import { simInboundRoutes } from './routes/sim-inbound.js';
import { simTemplateRoutes } from './routes/sim-templates.js';
import { v1ConversationRoutes } from './routes/v1-conversations.js';
import { v1MessageRoutes } from './routes/v1-messages.js';
import { v1WebhookRoutes } from './routes/v1-webhooks.js';
import { accessKeyAuth, injectFaults, type RateLimiter, rateLimit } from './v1-guards.js';

/**
 * The Hono app: `/v1` (injected faults first, as an outage would be, then the access key, then the
 * rate limit, then MessageBird's routes), `/_sim` (control routes; never faulted or limited) and
 * the chat page at `/`.
 */
export function buildApp(engine: Engine, limiter: RateLimiter, hub: StreamHub): Hono {
  const app = new Hono();
  let routes: RouteEntry[] = [];

  app.use('*', requestLog(engine.options.logger));
  app.use('/v1/*', injectFaults(engine.faults));
  app.use('/v1/*', accessKeyAuth(engine.options.accessKey));
  app.use('/v1/*', rateLimit(limiter));

  const v1 = new Hono();
  v1.route('/', v1MessageRoutes(engine));
  v1.route('/', v1ConversationRoutes(engine));
  v1.route('/', v1WebhookRoutes(engine));
  app.route('/v1', v1);

  const sim = new Hono();
  sim.get('/', (c) =>
    c.json(
      {
        channels: engine.options.channels,
        templateNamespace: engine.options.templateNamespace,
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
  app.onError((error, c) => errorResponse(c, error, engine.options.logger));
  return app;
}
