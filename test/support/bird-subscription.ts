import type { TestChat, TestChatAdapter } from '../../src/testing/index.js';

/**
 * Adds a Bird webhook subscription to a test chat's simulator, to the bot's URL with the bot's
 * signing key unless given (the kit makes those of `whatsapp.inbound` and `whatsapp.outbound`);
 * answers the simulator's status.
 */
export async function addBirdSubscription(
  chat: TestChat<Pick<TestChatAdapter, 'options'>>,
  subscription: { event: string; signingKey?: string; channelId?: string },
): Promise<number> {
  const { organizationId, workspaceId } = chat.simulator.bird;
  const { accessKey, webhookUrl, signingKey } = chat.adapter.options;
  const response = await chat.simulator.app.request(
    `/organizations/${organizationId}/workspaces/${workspaceId}/webhook-subscriptions`,
    {
      method: 'POST',
      headers: { Authorization: `AccessKey ${accessKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        service: 'channels',
        event: subscription.event,
        url: webhookUrl,
        signingKey: subscription.signingKey ?? signingKey,
        ...(subscription.channelId
          ? { eventFilters: [{ key: 'channelId', value: subscription.channelId }] }
          : {}),
      }),
    },
  );
  return response.status;
}
