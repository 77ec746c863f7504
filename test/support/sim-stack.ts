import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClock } from '../../src/simulator/clock.js';
import type { RenderedMessage } from '../../src/simulator/render.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from './adapter.js';
import { listen } from './servers.js';

/** Where a stack's adapter points: the simulator's API, the bot's webhook, the template namespace. */
export interface StackUrls {
  apiBaseUrl: string;
  webhookUrl: string;
  templateNamespace: string;
}

/** A front's adapter, as a stack makes it, and how a node:http request reaches it. */
export interface StackFront<A> {
  adapter: A;
  process(req: IncomingMessage, res: ServerResponse): void;
}

/** The simulator and a bot behind either front's adapter, as a user runs them, on 127.0.0.1 sockets. */
export interface SimStack<A> {
  sim: RunningSimulator;
  adapter: A;
  /** The contact writes `text`; resolves once every webhook it caused was delivered. */
  say(phone: string, text: string): Promise<RenderedMessage>;
  /** The contact sends any WhatsApp message type (`image`, `location`…). */
  send(phone: string, type: string, content: Record<string, unknown>): Promise<RenderedMessage>;
  /** The contact taps a reply button (or list row) of the interactive message `replyTo`. */
  tap(phone: string, replyTo: RenderedMessage, title: string): Promise<RenderedMessage>;
  /** What the contact sees from the bot (sent messages), oldest first. */
  sent(phone: string): Promise<RenderedMessage[]>;
  /** Registers and approves a template in the simulator, in its account namespace. */
  approveTemplate(name: string, language: string, content: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the simulator (a real socket, a manual clock, statuses stopping at `delivered`) and a
 * node:http server handing every request to the adapter `makeFront` makes (its `process`), and
 * registers the bot's webhook for every event. Contacts are named Ada.
 */
export async function startSimStack<A extends { close(): Promise<void> }>(
  makeFront: (urls: StackUrls) => StackFront<A>,
  simulator: { channelName?: string } = {},
): Promise<SimStack<A>> {
  const sim = await startSimulator({
    ...KEYS,
    channelId: IDS.channelId,
    ...simulator,
    clock: createClock({ mode: 'manual' }),
    schedule: { read: null },
    webhookRetry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 5_000 },
  });
  let front: StackFront<A> | undefined;
  const server = await listen((req, res) => front?.process(req, res));
  const webhookUrl = `${server.url}/api/messages`;
  front = makeFront({
    apiBaseUrl: `${sim.url}/v1`,
    webhookUrl,
    templateNamespace: sim.templateNamespace,
  });
  const { adapter } = front;
  const registered = await simCall(sim.url, 'POST', '/v1/webhooks', {
    channelId: IDS.channelId,
    url: webhookUrl,
    events: ['message.created', 'message.updated', 'conversation.created', 'conversation.updated'],
  });
  if (registered.status !== 201) throw new Error(`webhook: ${await registered.text()}`);

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
    adapter,
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
      await adapter.close();
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
