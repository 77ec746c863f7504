import type { TurnContext } from '@microsoft/agents-hosting';
import {
  type MessageBirdAdapterOptions,
  MessageBirdAgentsAdapter,
} from '../../src/agents/index.js';
import type { Logger } from '../../src/core/logger.js';
import { createClock } from '../../src/simulator/clock.js';
import type { RenderedMessage } from '../../src/simulator/render.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import { listen } from '../support/servers.js';

/** An agent as the Agents SDK runs it: `(context) => app.run(context)`. */
export type AgentLogic = (context: TurnContext) => Promise<unknown>;

/** The simulator and an agent behind the Agents SDK front, on sockets of 127.0.0.1. */
export interface AgentsStack {
  sim: RunningSimulator;
  adapter: MessageBirdAgentsAdapter;
  /** What the adapter logged at `error` level (a failed turn is logged with its stack). */
  errors: { message: string; data?: Record<string, unknown> }[];
  /** The contact writes `text`; resolves once every webhook it caused was delivered. */
  say(phone: string, text: string): Promise<RenderedMessage>;
  /** The contact sends any WhatsApp message type (`image`, `location`…). */
  send(phone: string, type: string, content: Record<string, unknown>): Promise<RenderedMessage>;
  /** The contact taps a reply button (or list row) of the interactive message `replyTo`. */
  tap(phone: string, replyTo: RenderedMessage, title: string): Promise<RenderedMessage>;
  /** What the contact sees from the agent (sent messages), oldest first. */
  sent(phone: string): Promise<RenderedMessage[]>;
  /** Registers and approves a template in the simulator, in its account namespace. */
  approveTemplate(name: string, language: string, content: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the simulator (a real socket, a manual clock, statuses stopping at `delivered`) and the
 * agent on `adapter.process` behind a node:http server, with the options a README user has (plus
 * test keys and quick retries), and registers the agent's webhook for every event. The adapter's
 * `onTurnError` is left as the adapter sets it (rethrow: the webhook is answered 500).
 * `options` may be a function of the simulator's template namespace.
 */
export async function startAgentsStack(
  logic: AgentLogic,
  options:
    | Partial<MessageBirdAdapterOptions>
    | ((namespace: string) => Partial<MessageBirdAdapterOptions>) = {},
): Promise<AgentsStack> {
  const sim = await startSimulator({
    ...KEYS,
    channelId: IDS.channelId,
    channelName: 'Acme Support',
    clock: createClock({ mode: 'manual' }),
    schedule: { read: null },
    webhookRetry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 5_000 },
  });
  let adapter: MessageBirdAgentsAdapter | undefined;
  const server = await listen((req, res) => {
    void adapter?.process(req, res, async (context) => {
      await logic(context);
    });
  });
  const errors: AgentsStack['errors'] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, data) => errors.push({ message, data }),
  };
  adapter = new MessageBirdAgentsAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    channelName: 'Acme Support',
    apiBaseUrl: `${sim.url}/v1`,
    webhookUrl: `${server.url}/api/messages`,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
    logger,
    ...(typeof options === 'function' ? options(sim.templateNamespace) : options),
  });
  const registered = await simCall(sim.url, 'POST', '/v1/webhooks', {
    channelId: IDS.channelId,
    url: `${server.url}/api/messages`,
    events: ['message.created', 'message.updated', 'conversation.created', 'conversation.updated'],
  });
  if (registered.status !== 201) throw new Error(`webhook: ${await registered.text()}`);
  const ready = adapter;

  const write = async (
    phone: string,
    type: string,
    content: Record<string, unknown>,
    replyTo?: string,
  ) => {
    const message = sim.inbound({ from: phone, displayName: 'Ada', type, content, replyTo });
    await sim.idle();
    return message;
  };
  return {
    sim,
    adapter: ready,
    errors,
    say: (phone, text) => write(phone, 'text', { text }),
    send: (phone, type, content) => write(phone, type, content),
    tap(phone, replyTo, title) {
      const interactive = (replyTo.content as { interactive: InteractiveContent }).interactive;
      const choices =
        interactive.type === 'button'
          ? (interactive.action.buttons ?? []).map((b) => ({ id: b.id, title: b.title }))
          : (interactive.action.sections ?? []).flatMap((s) => s.rows);
      const choice = choices.find((c) => c.title === title);
      if (!choice) throw new Error(`no button "${title}" in ${JSON.stringify(choices)}`);
      const reply = { id: choice.id, text: choice.title };
      const type = interactive.type === 'button' ? 'button_reply' : 'list_reply';
      return write(phone, 'interactive', { interactive: { type, reply } }, replyTo.id);
    },
    async sent(phone) {
      const response = await fetch(
        `${sim.url}/_sim/messages?contact=${encodeURIComponent(phone)}&direction=sent`,
      );
      return ((await response.json()) as { items: RenderedMessage[] }).items;
    },
    async approveTemplate(name, language, content) {
      const submitted = await simCall(sim.url, 'POST', '/_sim/templates', {
        name,
        language,
        category: 'UTILITY',
        content,
      });
      if (submitted.status !== 201) throw new Error(`template: ${await submitted.text()}`);
      const approved = await simCall(
        sim.url,
        'POST',
        `/_sim/templates/${name}/${language}/approve`,
      );
      if (!approved.ok) throw new Error(`approve: ${await approved.text()}`);
    },
    async close() {
      await server.close();
      await ready.close();
      await sim.close();
    },
  };
}

/** A call to the simulator's API (`/v1`, with the access key) or control routes (`/_sim`). */
function simCall(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The interactive content the adapter sends, as far as tapping needs it. */
interface InteractiveContent {
  type: 'button' | 'list';
  action: {
    buttons?: { id: string; title: string }[];
    sections?: { rows: { id: string; title: string }[] }[];
  };
}
