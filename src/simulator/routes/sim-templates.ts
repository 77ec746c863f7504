import { Hono } from 'hono';
import type { Engine } from '../engine.js';
import { body } from '../http.js';
import { renderTemplate } from '../render.js';
import { RejectTemplateRequest, SubmitTemplateRequest } from '../templates.js';

/**
 * Templates: submit (201, PENDING unless approveTemplatesOnSubmit; `warnings` when an older
 * category name was used), list, get, approve and reject.
 */
export function simTemplateRoutes(engine: Engine): Hono {
  const app = new Hono();
  app.get('/templates', (c) => {
    const items = [...engine.store.templates.values()].map(renderTemplate);
    return c.json({ count: items.length, items }, 200);
  });
  app.post('/templates', async (c) => {
    const request = await body(c, SubmitTemplateRequest);
    const { template, warnings } = engine.submitTemplate(request);
    return c.json({ ...renderTemplate(template), warnings }, 201);
  });
  app.get('/templates/:name/:language', (c) => {
    const template = engine.findTemplate(c.req.param('name'), c.req.param('language'));
    return c.json(renderTemplate(template), 200);
  });
  app.post('/templates/:name/:language/approve', (c) => {
    const { name, language } = c.req.param();
    return c.json(renderTemplate(engine.reviewTemplate(name, language, true)), 200);
  });
  app.post('/templates/:name/:language/reject', async (c) => {
    const { name, language } = c.req.param();
    const request = await body(c, RejectTemplateRequest);
    return c.json(
      renderTemplate(engine.reviewTemplate(name, language, false, request?.reason)),
      200,
    );
  });
  return app;
}
