import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../../src/simulator/index.js';
import { BIRD_IDS } from '../../payloads/index.js';
import { contractSimulatorOptions } from './contract-simulator.js';
import { SIM_ACCESS_KEY } from './interactions.js';

/**
 * The simulator the Bird pacts are verified against: the contract simulator (manual clock, quick
 * webhook retries) whose Bird face plays the example organization, workspace, channel and
 * connector, so the pacts' example paths name them.
 */
export function birdContractSimulatorOptions(): SimulatorOptions {
  return {
    ...contractSimulatorOptions(),
    businessNumber: BIRD_IDS.businessPhone,
    birdOrganizationId: BIRD_IDS.organizationId,
    birdWorkspaceId: BIRD_IDS.workspaceId,
    birdChannelId: BIRD_IDS.channelId,
    birdConnectorId: BIRD_IDS.connectorId,
  };
}

/** The Bird provider under verification: that simulator on a real port of 127.0.0.1. */
export function startBirdContractSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, host: '127.0.0.1', ...birdContractSimulatorOptions() });
}

/** `/workspaces/{ws}/channels/{ch}` of the example channel. */
export const BIRD_CHANNEL_PATH = `/workspaces/${BIRD_IDS.workspaceId}/channels/${BIRD_IDS.channelId}`;

/** `/organizations/{org}/workspaces/{ws}/webhook-subscriptions` of the example workspace. */
export const BIRD_SUBSCRIPTIONS_PATH = `/organizations/${BIRD_IDS.organizationId}/workspaces/${BIRD_IDS.workspaceId}/webhook-subscriptions`;

/** Calls the simulator's Bird face with the access key; answers the parsed JSON, throws on a refusal. */
export async function birdCall(
  sim: { url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `AccessKey ${SIM_ACCESS_KEY}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : undefined;
}

/** Sends through Bird's `POST …/messages` to `phone`; answers Bird's message id. */
export async function birdSend(
  sim: { url: string },
  phone: string,
  part: Record<string, unknown>,
  reference?: string,
): Promise<string> {
  const request = {
    receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: phone }] },
    ...part,
    ...(reference === undefined ? {} : { reference }),
  };
  return (await birdCall(sim, 'POST', `${BIRD_CHANNEL_PATH}/messages`, request)).id;
}
