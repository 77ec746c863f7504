import { timingSafeEqual } from 'node:crypto';
import type { MessageProviders } from '@pact-foundation/pact';
import type { Simulator } from '../../../src/simulator/index.js';
import { BIRD_BODIES, BIRD_IDS, INBOUND } from '../../payloads/index.js';
import { BIRD_SIGNING_KEY, birdSignature } from './bird-adapter.js';
import { birdSend } from './bird-contract-simulator.js';
import { BIRD_MESSAGES, BIRD_STATES } from './bird-interactions.js';
import { simCall } from './contract-simulator.js';
import { contactWrites, fromCleanSimulator, type StateHandlers } from './provider-states.js';
import type { Delivery, WebhookReceiver } from './webhook-receiver.js';

/** The simulator as the webhook provider uses it: over HTTP, and `idle()` in process. */
type Sim = { url: string } & Pick<Simulator, 'idle'>;

const DAY_AND_AN_HOUR = 25 * 3600;

/** Where the contact's media live on the simulator's side (the extension tells the type). */
const MEDIA = 'https://media.messagebird.com/v1/media';

/**
 * A delivery as the pact's message: the body, and as metadata the two headers Bird signs with.
 * The signature is checked with an independent HMAC (birdSignature) over the receiver's URL, the
 * timestamp and the exact body; one that does not verify is answered as a sentence saying so,
 * which fails the metadata's base64 matcher with that sentence in the verifier's report.
 */
function asMessage(delivery: Delivery, url: string) {
  const signature = delivery.headers['messagebird-signature'] ?? '';
  const timestamp = delivery.headers['messagebird-request-timestamp'] ?? '';
  const expected = Buffer.from(birdSignature(BIRD_SIGNING_KEY, url, delivery.raw, timestamp));
  const given = Buffer.from(signature);
  const holds = given.length === expected.length && timingSafeEqual(given, expected);
  return {
    __pactMessageMetadata: {
      'messagebird-signature': holds
        ? signature
        : `not signed as Bird signs: messagebird-signature "${signature}" does not verify with the subscription's signing key`,
      'messagebird-request-timestamp': timestamp,
    },
    message: delivery.body,
  };
}

/**
 * The Bird webhook pact's provider: states set up on the simulator, and message providers that
 * make the simulator deliver each webhook to a local receiver subscribed with a signing key, then
 * answer the body it delivered with its signature headers. So what the pact checks is the
 * simulator's own webhook, signed by the simulator, not a copy of ours.
 */
export function birdWebhookProvider(sim: Sim, receiver: WebhookReceiver) {
  /** What a state sent, for the message that follows it. */
  let sentId = '';

  const advance = (seconds: number) => simCall(sim, 'POST', '/_sim/clock/advance', { seconds });
  const inbound = (message: { type: string; content: unknown }, replyTo?: string) =>
    simCall(sim, 'POST', '/_sim/inbound', {
      from: BIRD_IDS.phone,
      type: message.type,
      content: message.content,
      ...(replyTo ? { replyTo } : {}),
    });
  const delivered = async (match: (body: any) => boolean) => {
    await sim.idle();
    return asMessage(await receiver.waitFor(match), receiver.url);
  };
  const received =
    (type: string, tap = false) =>
    (body: any) =>
      body.event === 'whatsapp.inbound' &&
      body.payload?.body?.type === type &&
      Array.isArray(body.payload.body.text?.actions) === tap;
  const status = (wanted: string) => (body: any) =>
    body.event === 'whatsapp.outbound' &&
    body.payload?.id === sentId &&
    body.payload.status === wanted;
  const sendText = async () => {
    sentId = await birdSend(sim, BIRD_IDS.phone, { body: BIRD_BODIES.text() });
  };

  const stateHandlers: StateHandlers = fromCleanSimulator(
    sim,
    {
      [BIRD_STATES.contactWrites]: async () => {},
      [BIRD_STATES.sentButtons]: async () => {
        await contactWrites(sim, BIRD_IDS.phone);
        sentId = await birdSend(sim, BIRD_IDS.phone, { body: BIRD_BODIES.postbackButtons() });
      },
      [BIRD_STATES.sentText]: async () => {
        await contactWrites(sim, BIRD_IDS.phone);
        await sendText();
      },
      [BIRD_STATES.sentTextWindowClosed]: async () => {
        await contactWrites(sim, BIRD_IDS.phone);
        await advance(DAY_AND_AN_HOUR);
        await sendText();
      },
    },
    () => {
      receiver.clear();
      sentId = '';
    },
  );

  const messageProviders: MessageProviders = {
    [BIRD_MESSAGES.text]: async () => {
      await inbound(INBOUND.text());
      return delivered(received('text'));
    },
    [BIRD_MESSAGES.buttonTap]: async () => {
      const tap = { type: 'button_reply', reply: { id: 'confirm-order-1042', text: 'Yes' } };
      // /_sim/inbound names the tapped message by its /v1 id: Bird's without the dashes.
      await inbound(
        { type: 'interactive', content: { interactive: tap } },
        sentId.replaceAll('-', ''),
      );
      return delivered(received('text', true));
    },
    [BIRD_MESSAGES.image]: async () => {
      await inbound(INBOUND.image());
      return delivered(received('image'));
    },
    [BIRD_MESSAGES.document]: async () => {
      await inbound({ type: 'file', content: { file: { url: `${MEDIA}/invoice-2026-03.pdf` } } });
      return delivered(received('file'));
    },
    [BIRD_MESSAGES.voiceNote]: async () => {
      await inbound({ type: 'audio', content: { audio: { url: `${MEDIA}/voice-0412.ogg` } } });
      return delivered(received('file'));
    },
    [BIRD_MESSAGES.location]: async () => {
      await inbound(INBOUND.location());
      return delivered(received('location'));
    },
    [BIRD_MESSAGES.delivered]: async () => {
      await advance(2);
      return delivered(status('delivered'));
    },
    [BIRD_MESSAGES.read]: async () => {
      await advance(5);
      return delivered(status('read'));
    },
    [BIRD_MESSAGES.failedOutsideWindow]: async () => {
      await advance(1);
      return delivered(status('sending_failed'));
    },
  };

  return { stateHandlers, messageProviders };
}
