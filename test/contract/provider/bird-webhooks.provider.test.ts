import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { BIRD_IDS } from '../../payloads/index.js';
import { BIRD_SIGNING_KEY } from '../support/bird-adapter.js';
import {
  BIRD_SUBSCRIPTIONS_PATH,
  birdCall,
  startBirdContractSimulator,
} from '../support/bird-contract-simulator.js';
import { birdWebhookProvider } from '../support/bird-webhook-provider.js';
import { PROVIDERS } from '../support/pact-names.js';
import { verifyPact } from '../support/verify.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let sim: RunningSimulator;
let receiver: WebhookReceiver;
beforeAll(async () => {
  sim = await startBirdContractSimulator();
  receiver = await startWebhookReceiver({
    path: '/webhooks/bird',
    describe: (b) => `${b.event}/${b.payload?.body?.type ?? b.payload?.status}`,
  });
  // As a bot developer subscribes: each event of the channel, with a signing key.
  for (const event of ['whatsapp.inbound', 'whatsapp.outbound']) {
    await birdCall(sim, 'POST', BIRD_SUBSCRIPTIONS_PATH, {
      service: 'channels',
      event,
      url: receiver.url,
      signingKey: BIRD_SIGNING_KEY,
      eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
    });
  }
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('the simulator as Bird’s webhook provider', () => {
  it('delivers every message of the adapter’s Bird webhook pact as the pact says, signed as Bird signs', async () => {
    const { stateHandlers, messageProviders } = birdWebhookProvider(sim, receiver);
    await expect(
      verifyPact(PROVIDERS.birdWebhooks, { stateHandlers, messageProviders }, { publish: true }),
    ).resolves.toBeDefined();
  }, 60_000);
});
