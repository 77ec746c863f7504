import { Hono } from 'hono';
import { CreateWebhookRequest, UpdateWebhookRequest } from '../../messagebird/webhook.js';
import type { Engine } from '../engine.js';
import { ApiError, SIM_ERROR_CODES } from '../errors.js';
import { baseUrl, body, page, pageParams } from '../http.js';
import { renderWebhook } from '../render.js';

/** Webhook subscriptions: create 201, list, get and patch 200, delete 204 with no body. */
export function v1WebhookRoutes(engine: Engine): Hono {
  const app = new Hono();
  const find = (id: string) => {
    const webhook = engine.store.webhooks.get(id);
    if (!webhook) throw new ApiError(404, SIM_ERROR_CODES.notFound, 'Webhook not found');
    return webhook;
  };

  app.post('/webhooks', async (c) => {
    const request = await body(c, CreateWebhookRequest);
    return c.json(renderWebhook(engine.createWebhook(request), baseUrl(c)), 201);
  });

  app.get('/webhooks', (c) => {
    const { offset, limit } = pageParams(c);
    const base = baseUrl(c);
    const { items, ...rest } = page(engine.store.listWebhooks(), offset, limit);
    return c.json({ ...rest, items: items.map((w) => renderWebhook(w, base)) }, 200);
  });

  app.get('/webhooks/:id', (c) => c.json(renderWebhook(find(c.req.param('id')), baseUrl(c)), 200));

  app.patch('/webhooks/:id', async (c) => {
    const id = c.req.param('id');
    find(id);
    const request = await body(c, UpdateWebhookRequest);
    return c.json(renderWebhook(engine.updateWebhook(id, request), baseUrl(c)), 200);
  });

  app.delete('/webhooks/:id', (c) => {
    engine.deleteWebhook(c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
