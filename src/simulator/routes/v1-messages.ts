import { Hono } from 'hono';
import { SendRequest } from '../../messagebird/requests.js';
import type { Engine } from '../engine.js';
import { ApiError, SIM_ERROR_CODES } from '../errors.js';
import { fastSendRequest } from '../fast-send.js';
import { body } from '../http.js';
import { renderMessage } from '../render.js';

/**
 * `POST /v1/send` (202 `{id, status:"accepted"}`) and `GET /v1/messages/{id}`. A body breaking one
 * of WhatsApp's limits (src/whatsapp, enforced by src/messagebird's schemas: text 4096, caption
 * 1024, interactive body, header, footer, buttons and lists) is refused at once with a 422 naming
 * the parameter, such as `content.text` (our reading: request validation, as MessageBird refuses
 * any invalid parameter); the window and the template's parameter count are delivery failures
 * (see lifecycle.ts).
 */
export function v1MessageRoutes(engine: Engine): Hono {
  const app = new Hono();
  app.post('/send', async (c) => {
    const request = await body(c, SendRequest, fastSendRequest);
    return c.json(engine.send(request), 202);
  });
  app.get('/messages/:id', (c) => {
    const message = engine.store.messages.get(c.req.param('id'));
    if (!message) throw new ApiError(404, SIM_ERROR_CODES.notFound, 'Message not found');
    return c.json(renderMessage(message), 200);
  });
  return app;
}
