import {
  createClock,
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator/index.js';
import { IDS } from '../payloads/index.js';

/** Virtual time every in-process test starts at. */
export const START = '2026-03-02T09:00:00Z';
/** The simulator's default access key. */
export const ACCESS_KEY = 'test_simulator_access_key';
/** The signing key the tests configure. */
export const SIGNING_KEY = 'sim-test-signing-key';
/** A webhook URL for in-process deliveries (never called over a network). */
export const HOOK_URL = 'https://bot.example.com/api/messagebird?tenant=acme';

/** One webhook call captured by the fake fetch. */
export interface CapturedCall {
  url: string;
  headers: Headers;
  body: string;
  payload: any;
}

/** A fetch that records webhook calls and answers with the given status (200 by default). */
export function fakeFetch(answer: (call: CapturedCall, n: number) => number = () => 200) {
  const calls: CapturedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = String(init?.body ?? '');
    const call = {
      url: String(input),
      headers: new Headers(init?.headers),
      body,
      payload: JSON.parse(body),
    };
    calls.push(call);
    return new Response('ok', { status: answer(call, calls.length) });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** An in-process simulator on a manual clock, playing the example channel and business number. */
export function manualSimulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({
    clock: createClock({ mode: 'manual', start: START }),
    channelId: IDS.channelId,
    businessNumber: IDS.businessPhone,
    signingKey: SIGNING_KEY,
    webhookRetry: { attempts: 3, baseDelayMs: 5, timeoutMs: 2000 },
    ...options,
  });
}

/** A parsed answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Calls the app with the access key (unless `auth: false`) and parses the JSON answer. */
export async function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  init: { auth?: boolean | string; raw?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.auth !== false) {
    headers.Authorization = `AccessKey ${typeof init.auth === 'string' ? init.auth : ACCESS_KEY}`;
  }
  const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await sim.app.request(path, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** The contact writes a text. */
export function inboundText(sim: Simulator, text = 'Hi there', from: string = IDS.phone) {
  return call(sim, 'POST', '/_sim/inbound', { from, type: 'text', content: { text } });
}

/** Subscribes a webhook to every event on the simulator's channel. */
export function subscribe(sim: Simulator, url = HOOK_URL) {
  return call(sim, 'POST', '/v1/webhooks', {
    channelId: sim.channelId,
    url,
    events: ['message.created', 'message.updated', 'conversation.created', 'conversation.updated'],
  });
}

/** Submits a template and approves it. */
export async function approvedTemplate(
  sim: Simulator,
  name: string,
  language: string,
  content: string,
  namespace = '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
) {
  await call(sim, 'POST', '/_sim/templates', {
    name,
    language,
    category: 'UTILITY',
    content,
    namespace,
  });
  return call(sim, 'POST', `/_sim/templates/${name}/${language}/approve`);
}

/** Ids (random in every run: messages', contacts', WhatsApp's wamids) numbered in order of appearance. */
export function normalised(value: unknown): string {
  const ids = new Map<string, string>();
  return JSON.stringify(value).replace(
    /[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|wamid\.[A-Za-z0-9+/=]+/g,
    (id) => {
      if (!ids.has(id)) ids.set(id, `id${ids.size}`);
      return ids.get(id) as string;
    },
  );
}
