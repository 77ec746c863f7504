import { Hono } from 'hono';
import { SendRequest } from '../../messagebird/requests.js';
import type { Engine } from '../engine.js';
import { ApiError, SIM_ERROR_CODES } from '../errors.js';
import { body } from '../http.js';
import { renderMessage } from '../render.js';

/** `POST /v1/send` (202 `{id, status:"accepted"}`) and `GET /v1/messages/{id}`. */
export function v1MessageRoutes(engine: Engine): Hono {
  const app = new Hono();
  app.post('/send', async (c) => {
    const request = await body(c, SendRequest);
    return c.json(engine.send(request), 202);
  });
  app.get('/messages/:id', (c) => {
    const message = engine.store.messages.get(c.req.param('id'));
    if (!message) throw new ApiError(404, SIM_ERROR_CODES.notFound, 'Message not found');
    return c.json(renderMessage(message), 200);
  });
  return app;
}
