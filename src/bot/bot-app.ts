import { Hono } from 'hono';
import type { MediaFiles } from './media.js';

/** The paths the sample bot serves. */
export const BOT_PATHS = { webhook: '/api/messages', media: '/media' } as const;

/** What the bot's HTTP app needs. */
export interface BotAppOptions {
  /** Handles a MessageBird webhook: `(request) => adapter.handle(request, logic)`. */
  webhook: (request: Request) => Promise<Response>;
  /** The files under `/media`. */
  media: MediaFiles;
}

/**
 * The sample bot's HTTP app: `POST /api/messages` (MessageBird's webhook), `GET /media/{file}`
 * (the bot's pictures and documents, which WhatsApp fetches by URL) and `GET /` (what this is).
 *
 * @example
 * const app = botApp({ webhook: (req) => adapter.handle(req, (c) => bot.run(c)), media: sampleMedia() });
 */
export function botApp(options: BotAppOptions): Hono {
  const app = new Hono();
  app.post(BOT_PATHS.webhook, (c) => options.webhook(c.req.raw));
  app.get(`${BOT_PATHS.media}/:file`, (c) => {
    const file = options.media.get(c.req.param('file'));
    if (!file) return c.text('no such file', 404);
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=3600',
    });
  });
  app.get('/', (c) =>
    c.text(
      `The MessageBird WhatsApp sample bot. MessageBird posts webhooks to ${BOT_PATHS.webhook}.\n`,
    ),
  );
  return app;
}
