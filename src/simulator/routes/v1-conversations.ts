import { Hono } from 'hono';
import {
  ReplyRequest,
  StartConversationRequest,
  UpdateConversationRequest,
} from '../../messagebird/requests.js';
import type { Engine } from '../engine.js';
import { ApiError, SIM_ERROR_CODES } from '../errors.js';
import { baseUrl, body, page, pageParams } from '../http.js';
import { renderMessage } from '../render.js';
import { conversationView } from './views.js';

/**
 * The conversations routes. Status codes where MessageBird's are not confirmed (our choice):
 * start answers 201 when it opened a conversation and 200 when it resumed the active one; a reply
 * answers 201 with the message (`direction:"sent"`, `status:"pending"`); reads and PATCH answer 200.
 * Lists: conversations by `lastReceivedDatetime`, messages by creation; both newest first.
 */
export function v1ConversationRoutes(engine: Engine): Hono {
  const app = new Hono();
  const find = (id: string) => {
    const conversation = engine.store.conversations.get(id);
    if (!conversation) throw new ApiError(404, SIM_ERROR_CODES.notFound, 'Conversation not found');
    return conversation;
  };

  app.post('/conversations/start', async (c) => {
    const request = await body(c, StartConversationRequest);
    const { conversation, created } = engine.start(request);
    return c.json(conversationView(engine, conversation, baseUrl(c)), created ? 201 : 200);
  });

  app.get('/conversations', (c) => {
    const { offset, limit } = pageParams(c);
    const status = c.req.query('status');
    const all = engine.store
      .listConversations()
      .filter((x) => !status || status === 'all' || x.status === status);
    const base = baseUrl(c);
    const { items, ...rest } = page(all, offset, limit);
    return c.json({ ...rest, items: items.map((x) => conversationView(engine, x, base)) }, 200);
  });

  app.get('/conversations/:id', (c) => {
    return c.json(conversationView(engine, find(c.req.param('id')), baseUrl(c)), 200);
  });

  app.patch('/conversations/:id', async (c) => {
    const id = c.req.param('id');
    find(id);
    const request = await body(c, UpdateConversationRequest);
    const conversation = engine.updateConversation(id, request.status);
    return c.json(conversationView(engine, conversation, baseUrl(c)), 200);
  });

  app.post('/conversations/:id/messages', async (c) => {
    const id = c.req.param('id');
    find(id);
    const request = await body(c, ReplyRequest);
    return c.json(renderMessage(engine.reply(id, request)), 201);
  });

  app.get('/conversations/:id/messages', (c) => {
    const conversation = find(c.req.param('id'));
    const { offset, limit } = pageParams(c);
    const newestFirst = engine.store.messagesOf(conversation.id).reverse();
    const { items, ...rest } = page(newestFirst, offset, limit);
    return c.json({ ...rest, items: items.map(renderMessage) }, 200);
  });

  return app;
}
