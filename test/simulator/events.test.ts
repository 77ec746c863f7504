import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { call, inboundText, manualSimulator } from './helpers.js';

let sim: Simulator;
afterEach(() => sim.close());

/** Reads server-sent events from a stream until `until` returns true. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (events: Array<{ event: string; data: any }>) => boolean,
) {
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Array<{ event: string; data: any }> = [];
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      events.push({ event, data: data ? JSON.parse(data) : undefined });
    }
  }
  return events;
}

describe('GET /_sim/events', () => {
  it('streams hello, then messages, statuses, clock and template changes as they happen', async () => {
    sim = manualSimulator();
    const res = await sim.app.request('/_sim/events');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const hello = await readEvents(reader, (e) => e.length >= 1);
    expect(hello[0]).toMatchObject({ event: 'hello', data: { mode: 'manual' } });

    await inboundText(sim, 'hello there');
    const list = await call(sim, 'GET', '/v1/conversations');
    await call(sim, 'POST', `/v1/conversations/${list.body.items[0].id}/messages`, {
      type: 'text',
      content: { text: 'hi!' },
    });
    await call(sim, 'POST', '/_sim/clock/advance', { seconds: 1 });
    await call(sim, 'POST', '/_sim/templates', {
      name: 'welcome',
      language: 'en',
      category: 'MARKETING',
      content: 'Welcome {{1}}',
    });
    const events = await readEvents(reader, (e) => e.some((x) => x.event === 'template'));
    expect(events.map((e) => e.event)).toEqual([
      'conversation.created',
      'message.created',
      'message.created',
      'message.updated',
      'message.updated',
      'clock',
      'template',
    ]);
    expect(events[1]?.data.data.message.content).toEqual({ text: 'hello there' });
    expect(events[4]?.data.data.message.status).toBe('sent');
    await reader.cancel();
  });

  it('ends open streams when the simulator closes', async () => {
    sim = manualSimulator();
    const res = await sim.app.request('/_sim/events');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await readEvents(reader, (e) => e.length >= 1);
    await sim.close();
    const rest = await readEvents(reader, () => false);
    expect(rest).toEqual([]);
  });
});

describe('payloads as the contact and conversation change', () => {
  it('show the new display name and times in the next payload, and the old ones in the earlier', async () => {
    sim = manualSimulator();
    const published: any[] = [];
    const stop = sim.subscribe((event) => {
      if (event.type === 'message.created') published.push(event.data);
    });
    sim.inbound({
      from: '+31612345678',
      type: 'text',
      content: { text: 'one' },
      displayName: 'Ada',
    });
    sim.advance(60);
    sim.inbound({
      from: '+31612345678',
      type: 'text',
      content: { text: 'two' },
      displayName: 'Ada',
    });
    sim.advance(60);
    sim.inbound({
      from: '+31612345678',
      type: 'text',
      content: { text: 'three' },
      displayName: 'Ada Lovelace',
    });
    stop();
    expect(published.map((p) => p.contact.displayName)).toEqual(['Ada', 'Ada', 'Ada Lovelace']);
    const received = published.map((p) => p.conversation.lastReceivedDatetime);
    expect(new Set(received).size).toBe(3);
    expect(published[0].contact.updatedDatetime).toBe(published[1].contact.updatedDatetime);
    expect(published[2].contact.updatedDatetime).not.toBe(published[1].contact.updatedDatetime);
  });
});
