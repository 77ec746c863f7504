import { Hono } from 'hono';
import * as v from 'valibot';
import { INBOUND_MESSAGE_TYPES, MESSAGE_CONTENT } from '../../messagebird/content.js';
import { ChannelId } from '../../messagebird/ids.js';
import { InteractiveReply } from '../../messagebird/interactive.js';
import type { Engine } from '../engine.js';
import { body } from '../http.js';
import { renderMessage } from '../render.js';

const INBOUND_CONTENT = {
  ...MESSAGE_CONTENT,
  /** A contact can only answer an interactive message, never send one. */
  interactive: v.looseObject({ interactive: InteractiveReply }),
};

const FIELDS = {
  from: v.union(
    [v.string(), v.number()],
    'from must be the contact phone number such as +31612345678',
  ),
  displayName: v.optional(v.pipe(v.string(), v.minLength(1))),
  replyTo: v.optional(v.pipe(v.string(), v.minLength(1))),
  channelId: v.optional(ChannelId),
};

/**
 * `POST /_sim/inbound`: `{from, displayName?, type, content, replyTo?, channelId?}`, the content
 * checked with the Message content schema of its type.
 */
export const InboundRequest = v.variant(
  'type',
  INBOUND_MESSAGE_TYPES.map((type) =>
    v.object({ ...FIELDS, type: v.literal(type), content: INBOUND_CONTENT[type] }),
  ),
  `type must be one of ${INBOUND_MESSAGE_TYPES.join(', ')}`,
);

/** The contact writes: answers 201 with the created message, after its webhooks were queued. */
export function simInboundRoutes(engine: Engine): Hono {
  const app = new Hono();
  app.post('/inbound', async (c) => {
    const request = (await body(c, InboundRequest)) as v.InferOutput<typeof InboundRequest>;
    const message = engine.inbound({
      ...request,
      content: request.content as Record<string, unknown>,
    });
    return c.json(renderMessage(message), 201);
  });
  app.get('/messages', (c) => {
    const direction = c.req.query('direction');
    const items = engine.transcript(c.req.query('contact'), direction).map(renderMessage);
    return c.json({ count: items.length, items }, 200);
  });
  return app;
}
