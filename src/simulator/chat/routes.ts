import { Hono } from 'hono';
import type { Engine } from '../engine.js';
import { envelope } from '../http.js';
import { buildTranscript } from '../transcript.js';
import { CHAT_ASSETS, chatAsset, isChatAsset } from './assets.js';
import { PayloadLog } from './payload-log.js';
import { chatConversation, chatMessageDetail, chatState } from './views.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The chat page, where the developer plays the WhatsApp user: `GET /` serves it (plain HTML, CSS
 * and JavaScript; no build step), `GET /chat/{file}` its files, and `GET /chat/api/…` the views it
 * draws. It writes through `POST /_sim/inbound`, moves the clock with `POST /_sim/clock/advance`
 * and follows `GET /_sim/events`.
 *
 * @example
 * app.route('/', chatRoutes(engine));
 */
export function chatRoutes(engine: Engine): Hono {
  const app = new Hono();
  const payloads = new PayloadLog(engine.events);
  const asset = (name: keyof typeof CHAT_ASSETS) =>
    new Response(chatAsset(name), {
      status: 200,
      headers: { 'Content-Type': CHAT_ASSETS[name], ...NO_STORE },
    });

  app.get('/', () => asset('index.html'));
  app.get('/chat/api/state', (c) => c.json(chatState(engine), 200, NO_STORE));
  app.get('/chat/api/conversations/:id', (c) => {
    const conversation = engine.store.conversations.get(c.req.param('id'));
    if (!conversation) return envelope(c, 404, 20, 'Conversation not found');
    return c.json(chatConversation(engine, conversation), 200, NO_STORE);
  });
  app.get('/chat/api/conversations/:id/transcript', (c) => {
    const conversation = engine.store.conversations.get(c.req.param('id'));
    if (!conversation) return envelope(c, 404, 20, 'Conversation not found');
    const transcript = buildTranscript(engine, engine.store.messagesOf(conversation.id));
    return new Response(JSON.stringify(transcript, null, 2), {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        'Content-Disposition': `attachment; filename="whatsapp-${conversation.id}.transcript"`,
        ...NO_STORE,
      },
    });
  });
  app.get('/chat/api/messages/:id', (c) => {
    const message = engine.store.messages.get(c.req.param('id'));
    if (!message) return envelope(c, 404, 20, 'Message not found');
    return c.json(chatMessageDetail(engine, message, payloads), 200, NO_STORE);
  });
  app.get('/chat/:file', (c) => {
    const file = c.req.param('file');
    if (!isChatAsset(file)) return envelope(c, 404, 20, `No chat page file ${file}`);
    return asset(file);
  });
  return app;
}
