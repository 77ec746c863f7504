import { Hono } from 'hono';
import * as v from 'valibot';
import { formatDatetime } from '../../messagebird/datetime.js';
import type { Engine } from '../engine.js';
import { FaultsConfig } from '../faults.js';
import { body } from '../http.js';
import { RateLimitConfig } from '../rate-limit.js';
import type { RateLimiter } from '../v1-guards.js';

const AdvanceRequest = v.strictObject({
  seconds: v.pipe(
    v.number('seconds must be a number'),
    v.minValue(0, 'seconds must be ≥ 0: the clock only moves forward'),
    v.maxValue(10 * 366 * 24 * 3600, 'seconds must be at most ten years'),
  ),
});

const ResetRequest = v.optional(
  v.strictObject({ keep: v.optional(v.array(v.picklist(['webhooks', 'templates']))) }),
);

/** The clock as `/_sim/clock` shows it. */
export function clockView(engine: Engine) {
  const now = engine.clock.now();
  return { now: formatDatetime(now), epochMs: now, mode: engine.clock.mode };
}

/** Control routes: reset, clock, faults, rate limit and the delivery log. */
export function simControlRoutes(engine: Engine, limiter: RateLimiter): Hono {
  const app = new Hono();

  app.post('/reset', async (c) => {
    const request = await body(c, ResetRequest);
    engine.reset(request?.keep ?? []);
    limiter.set(undefined);
    engine.faults.clear();
    return c.json({ reset: true, kept: request?.keep ?? [] }, 200);
  });

  app.get('/clock', (c) => c.json(clockView(engine), 200));
  app.post('/clock/advance', async (c) => {
    const { seconds } = await body(c, AdvanceRequest);
    engine.clock.advance(seconds * 1000);
    return c.json(clockView(engine), 200);
  });

  app.get('/faults', (c) => c.json(engine.faults.config, 200));
  app.put('/faults', async (c) => {
    const config = await body(c, FaultsConfig);
    engine.faults.set(config);
    engine.events.emit('faults', config);
    return c.json(config, 200);
  });
  app.delete('/faults', (c) => {
    engine.faults.clear();
    engine.events.emit('faults', {});
    return c.body(null, 204);
  });

  app.get('/rate-limit', (c) => c.json(limiter.config ?? null, 200));
  app.put('/rate-limit', async (c) => {
    const config = await body(c, RateLimitConfig);
    limiter.set(config);
    return c.json(config, 200);
  });
  app.delete('/rate-limit', (c) => {
    limiter.set(undefined);
    return c.body(null, 204);
  });

  app.get('/webhooks/deliveries', (c) => {
    const items = engine.delivery.deliveries({
      webhookId: c.req.query('webhookId'),
      event: c.req.query('event'),
      messageId: c.req.query('messageId'),
    });
    return c.json({ count: items.length, items }, 200);
  });

  return app;
}
