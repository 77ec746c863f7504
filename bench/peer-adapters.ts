/**
 * The peers of bench/adapter-turns, the adapters a user would pick instead: botbuilder's own
 * `CloudAdapter` and the Agents SDK's `CloudAdapter`, each with its authentication off (its
 * fastest setting: no token is checked or fetched), replying through its own connector client to
 * the same fake API. Each is mounted as a user would mount it on a Hono route: the Fetch Request's
 * JSON body and headers handed to `process` with an express-like response.
 */
import { CloudAdapter as AgentsCloudAdapter } from '@microsoft/agents-hosting';
import {
  CloudAdapter as BotbuilderCloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';

/** The express-like response both CloudAdapters write, turned into a Fetch Response at the end. */
class ResponseShim {
  headersSent = false;
  writableEnded = false;
  #status = 200;
  #body: string | undefined;
  readonly #headers: Record<string, string> = {};

  status(code: number) {
    this.#status = code;
    return this;
  }

  header(name: string, value: string) {
    this.#headers[name] = value;
    return this;
  }

  setHeader(name: string, value: string) {
    return this.header(name, value);
  }

  send(body: unknown) {
    this.#body = typeof body === 'string' ? body : JSON.stringify(body);
    return this;
  }

  end() {
    this.headersSent = true;
    this.writableEnded = true;
    return this;
  }

  toResponse(): Response {
    return new Response(this.#body ?? null, { status: this.#status, headers: this.#headers });
  }
}

/** The request as express hands it to `process` after `express.json()`. */
async function expressRequest(request: Request) {
  return {
    method: request.method,
    url: new URL(request.url).pathname,
    headers: Object.fromEntries(request.headers) as Record<string, string>,
    body: (await request.json()) as Record<string, unknown>,
  };
}

/** botbuilder's CloudAdapter with authentication off: no app id, so no token either way. */
export function botbuilderCloud() {
  const adapter = new BotbuilderCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return async (request: Request, logic: (context: TurnContext) => Promise<void>) => {
    const res = new ResponseShim();
    await adapter.process((await expressRequest(request)) as never, res as never, logic);
    return res.toResponse();
  };
}

/** The Agents SDK's logic type. */
export type AgentsLogic = Parameters<AgentsCloudAdapter['process']>[2];

/**
 * The Agents SDK's CloudAdapter with authentication off: `process` without the `authorizeJWT`
 * middleware before it, so the turn is anonymous and the connector client gets no token.
 */
export function agentsCloud() {
  const adapter = new AgentsCloudAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return async (request: Request, logic: AgentsLogic) => {
    const res = new ResponseShim();
    await adapter.process((await expressRequest(request)) as never, res as never, logic);
    return res.toResponse();
  };
}

/**
 * A Bot Connector activity as Azure Bot Service delivers a user's message: the same contact,
 * text and message id as the WhatsApp webhook the other handlers get, its replies going to
 * `serviceUrl` (the fake API).
 */
export function connectorActivity(options: {
  id: string;
  from: string;
  text: string;
  serviceUrl: string;
}) {
  const now = new Date().toISOString();
  return {
    type: 'message',
    id: options.id,
    timestamp: now,
    localTimestamp: now,
    localTimezone: 'Europe/Amsterdam',
    serviceUrl: options.serviceUrl,
    channelId: 'directline',
    from: { id: options.from, name: options.from, role: 'user' },
    conversation: { id: `conversation-${options.from.slice(1)}`, isGroup: false },
    recipient: { id: 'bench-bot', name: 'Bench Bot', role: 'bot' },
    textFormat: 'plain',
    locale: 'en-US',
    text: options.text,
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: false }],
    channelData: { clientActivityID: `${options.id}-client` },
  };
}
