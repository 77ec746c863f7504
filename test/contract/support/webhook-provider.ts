import type { MessageProviders } from '@pact-foundation/pact';
import type { Simulator } from '../../../src/simulator/index.js';
import { IDS, INBOUND, SENDS } from '../../payloads/index.js';
import { simCall } from './contract-simulator.js';
import { MESSAGES, STATES } from './interactions.js';
import { contactWrites, fromCleanSimulator, type StateHandlers } from './provider-states.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** The simulator as the webhook provider uses it: over HTTP, and `idle()` in process. */
type Sim = { url: string } & Pick<Simulator, 'idle'>;

const DAY_AND_AN_HOUR = 25 * 3600;

/**
 * The webhook pact's provider: states set up on the simulator, and message providers that make
 * the simulator deliver each message to a local receiver, then answer the body it delivered. So
 * what the pact checks is the simulator's own webhook, not a copy of ours.
 */
export function webhookProvider(sim: Sim, receiver: WebhookReceiver) {
  /** What a state sent, for the message that follows it. */
  let sentId = '';

  const send = async (body: Record<string, unknown>): Promise<string> =>
    (await simCall(sim, 'POST', '/v1/send', body)).id;
  const advance = (seconds: number) => simCall(sim, 'POST', '/_sim/clock/advance', { seconds });
  const inbound = (message: { type: string; content: unknown }, replyTo?: string) =>
    simCall(sim, 'POST', '/_sim/inbound', {
      from: IDS.phone,
      displayName: 'Ada Jansen',
      type: message.type,
      content: message.content,
      ...(replyTo ? { replyTo } : {}),
    });
  const delivered = async (match: (body: any) => boolean) => {
    await sim.idle();
    return (await receiver.waitFor(match)).body;
  };
  const received = (type: string) => (body: any) =>
    body.type === 'message.created' &&
    body.message?.direction === 'received' &&
    body.message.type === type;
  const updated = (status: string) => (body: any) =>
    body.type === 'message.updated' &&
    body.message?.id === sentId &&
    body.message.status === status;

  const stateHandlers: StateHandlers = fromCleanSimulator(
    sim,
    {
      [STATES.contactWrites]: async () => {},
      [STATES.newContact]: async () => {},
      [STATES.sentText]: async () => {
        await contactWrites(sim, IDS.phone);
        sentId = await send(SENDS.text());
      },
      [STATES.sentTextWindowClosed]: async () => {
        await contactWrites(sim, IDS.phone);
        await advance(DAY_AND_AN_HOUR);
        sentId = await send(SENDS.text());
      },
      [STATES.sentInteractive]: async () => {
        await contactWrites(sim, IDS.phone);
        sentId = await send(SENDS.buttons());
      },
    },
    () => {
      receiver.clear();
      sentId = '';
    },
  );

  const messageProviders: MessageProviders = {
    [MESSAGES.text]: async () => {
      await inbound(INBOUND.text());
      return delivered(received('text'));
    },
    [MESSAGES.image]: async () => {
      await inbound(INBOUND.image());
      return delivered(received('image'));
    },
    [MESSAGES.file]: async () => {
      await inbound(INBOUND.file());
      return delivered(received('file'));
    },
    [MESSAGES.location]: async () => {
      await inbound(INBOUND.location());
      return delivered(received('location'));
    },
    [MESSAGES.buttonReply]: async () => {
      await inbound(INBOUND.buttonReply(), sentId);
      return delivered(received('interactive'));
    },
    [MESSAGES.listReply]: async () => {
      await inbound(INBOUND.listReply(), sentId);
      return delivered(received('interactive'));
    },
    [MESSAGES.delivered]: async () => {
      await advance(2);
      return delivered(updated('delivered'));
    },
    [MESSAGES.read]: async () => {
      await advance(5);
      return delivered(updated('read'));
    },
    [MESSAGES.failedOutsideWindow]: async () => {
      await advance(1);
      return delivered(updated('failed'));
    },
    [MESSAGES.conversationCreated]: async () => {
      await inbound(INBOUND.text());
      return delivered((body) => body.type === 'conversation.created');
    },
  };

  return { stateHandlers, messageProviders };
}
