import { describe, expect, it } from 'vitest';
import { createClock, createSimulator, type SimulatorEvent } from '../../src/simulator/index.js';
import { ACCESS_KEY, normalised, START } from './helpers.js';

const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const A = '+31612345678';
const B = '+31612345679';
const auth = { Authorization: `AccessKey ${ACCESS_KEY}`, 'Content-Type': 'application/json' };

type Listening = 'from the start' | 'from the middle' | 'never';

/**
 * One story, told to a simulator with a listener from the start (every payload made as it is
 * published), one attached in the middle, or none (the payload log keeps drafts and makes their
 * payloads when the chat page asks): the events the listener heard, the chat page's payloads of
 * every message (their real times left out), and the messages as both APIs answer them.
 */
async function story(listening: Listening, echoOutbound: boolean) {
  const sim = createSimulator({
    channelId: CHANNEL,
    echoOutbound,
    clock: createClock({ mode: 'manual', start: START }),
  });
  const heard: SimulatorEvent[] = [];
  const listen = () => sim.subscribe((event) => heard.push(event));
  if (listening === 'from the start') listen();
  const send = (to: string, text: string) =>
    sim.app.request('/v1/send', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ to, from: CHANNEL, type: 'text', content: { text } }),
    });
  const birdPath = `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}/messages`;
  const bird = (to: string, text: string) =>
    sim.app.request(birdPath, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: to }] },
        body: { type: 'text', text: { text } },
      }),
    });
  sim.inbound({ from: A, type: 'text', content: { text: 'hi' } });
  expect((await send(A, 'one')).status).toBe(202);
  expect((await bird(A, 'two')).status).toBe(202);
  // B never wrote: accepted, then failed (470).
  expect((await send(B, 'three')).status).toBe(202);
  sim.advance(1);
  if (listening === 'from the middle') listen();
  // The contact's name and the conversation change between status changes.
  sim.inbound({ from: A, displayName: 'Ada', type: 'text', content: { text: 'again' } });
  expect((await bird(A, 'four')).status).toBe(202);
  sim.advance(1.5);
  const active = await sim.app.request('/v1/conversations?status=active', { headers: auth });
  const first = ((await active.json()) as { items: { id: string }[] }).items[0];
  await sim.app.request(`/v1/conversations/${first?.id}`, {
    method: 'PATCH',
    headers: auth,
    body: JSON.stringify({ status: 'archived' }),
  });
  sim.advance(10);
  const all = (
    (await (await sim.app.request('/_sim/messages')).json()) as { items: { id: string }[] }
  ).items;
  const payloads = [];
  const answers = [];
  for (const message of all) {
    const detail = (await (await sim.app.request(`/chat/api/messages/${message.id}`)).json()) as {
      webhooks: { at: string }[];
    };
    payloads.push(detail.webhooks.map(({ at, ...rest }) => rest));
    answers.push(
      await (await sim.app.request(`/v1/messages/${message.id}`, { headers: auth })).json(),
    );
    const birdId = message.id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    answers.push(await (await sim.app.request(`${birdPath}/${birdId}`, { headers: auth })).json());
  }
  await sim.close();
  return {
    heard: heard.map(({ at, ...rest }) => rest),
    payloads: normalised(payloads),
    answers: normalised(answers),
  };
}

describe('payloads drafted when nothing listens', () => {
  for (const echoOutbound of [true, false]) {
    it(`are the payloads a listener would have had made, with the same event ids (echoOutbound ${echoOutbound})`, async () => {
      const eager = await story('from the start', echoOutbound);
      const late = await story('from the middle', echoOutbound);
      const drafted = await story('never', echoOutbound);
      expect(drafted.payloads).toBe(eager.payloads);
      expect(late.payloads).toBe(eager.payloads);
      expect(drafted.answers).toBe(eager.answers);
      expect(late.answers).toBe(eager.answers);
      // The listener attached in the middle hears what one there from the start heard from then
      // on: the same events with the same ids (drafted events counted as published ones).
      expect(late.heard.length).toBeGreaterThan(5);
      const firstLate = late.heard[0]?.id as number;
      expect(normalised(late.heard)).toBe(
        normalised(eager.heard.filter((event) => event.id >= firstLate)),
      );
      expect(drafted.heard).toEqual([]);
      // Every status of every message, with contacts and conversations as they were then.
      expect(eager.payloads).toContain('"status":"read"');
      expect(eager.payloads).toContain('"status":"failed"');
      expect(eager.payloads).toContain('"displayName":"Ada"');
      expect(eager.payloads).toContain('"displayName":"+31612345678"');
      expect(eager.payloads).toContain('"status":"archived"');
    });
  }
});
