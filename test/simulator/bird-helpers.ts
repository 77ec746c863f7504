import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';
import { BIRD_IDS } from '../payloads/index.js';
import { type Answer, call, manualSimulator } from './helpers.js';

/** An in-process simulator on a manual clock whose Bird face plays the example ids. */
export function birdSimulator(options: SimulatorOptions = {}): Simulator {
  return manualSimulator({
    birdWorkspaceId: BIRD_IDS.workspaceId,
    birdOrganizationId: BIRD_IDS.organizationId,
    birdChannelId: BIRD_IDS.channelId,
    birdConnectorId: BIRD_IDS.connectorId,
    businessNumber: BIRD_IDS.businessPhone,
    ...options,
  });
}

/** `/workspaces/{ws}/channels/{ch}` of the simulator's Bird face. */
export const channelPath = (sim: Simulator) =>
  `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}`;

/** `/organizations/{org}/workspaces/{ws}/webhook-subscriptions`. */
export const subscriptionsPath = (sim: Simulator) =>
  `/organizations/${sim.bird.organizationId}/workspaces/${sim.bird.workspaceId}/webhook-subscriptions`;

/** Sends through Bird's `POST …/messages`. */
export function birdSendCall(sim: Simulator, request: unknown): Promise<Answer> {
  return call(sim, 'POST', `${channelPath(sim)}/messages`, request);
}

/** Subscribes `url` to one Bird event on the simulator's channel. */
export function birdSubscribe(
  sim: Simulator,
  event: string,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  return call(sim, 'POST', subscriptionsPath(sim), {
    service: 'channels',
    event,
    url,
    eventFilters: [{ key: 'channelId', value: sim.bird.channelId }],
    ...extra,
  });
}

/** The contact writes a text through `/_sim/inbound` (as the chat page does). */
export function contactWrites(sim: Simulator, text = 'Hi', from: string = BIRD_IDS.phone) {
  return call(sim, 'POST', '/_sim/inbound', { from, type: 'text', content: { text } });
}

/** Submits a template with a Bird project and variables, and approves it (unless told not to). */
export async function birdProjectTemplate(
  sim: Simulator,
  options: {
    name?: string;
    language?: string;
    content?: string;
    variables?: string[];
    projectId?: string;
    version?: string;
    approve?: boolean;
  } = {},
): Promise<Answer> {
  const name = options.name ?? 'order_update';
  const language = options.language ?? 'en';
  const submitted = await call(sim, 'POST', '/_sim/templates', {
    name,
    language,
    category: 'UTILITY',
    content: options.content ?? 'Hello {{1}}, your order {{2}} is on its way.',
    projectId: options.projectId ?? BIRD_IDS.projectId,
    variables: options.variables ?? ['name', 'order'],
    ...(options.version ? { version: options.version } : {}),
  });
  if (options.approve === false) return submitted;
  return call(sim, 'POST', `/_sim/templates/${name}/${language}/approve`);
}
