import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { simCall, startContractSimulator } from '../support/contract-simulator.js';
import { PROVIDERS } from '../support/pact-names.js';
import { verifyPact } from '../support/verify.js';
import { webhookProvider } from '../support/webhook-provider.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let sim: RunningSimulator;
let receiver: WebhookReceiver;
beforeAll(async () => {
  sim = await startContractSimulator();
  receiver = await startWebhookReceiver();
  await simCall(sim, 'POST', '/v1/webhooks', {
    channelId: sim.channelId,
    url: receiver.url,
    events: ['message.created', 'message.updated', 'conversation.created', 'conversation.updated'],
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('the simulator as the webhook provider', () => {
  it('delivers every message of the adapter’s webhook pact as the pact says', async () => {
    const { stateHandlers, messageProviders } = webhookProvider(sim, receiver);
    await expect(
      verifyPact(PROVIDERS.webhooks, { stateHandlers, messageProviders }, { publish: true }),
    ).resolves.toBeDefined();
  }, 60_000);
});
