import { describe, expect, it } from 'vitest';
import { PAYLOAD_LOG_MESSAGES, PayloadLog } from '../../src/simulator/chat/payload-log.js';
import { EventBus } from '../../src/simulator/events.js';

const id = (n: number) => n.toString(16).padStart(32, '0');
const publish = (events: EventBus, n: number, status: string) =>
  events.emit(status === 'accepted' ? 'message.created' : 'message.updated', {
    type: status === 'accepted' ? 'message.created' : 'message.updated',
    message: { id: id(n), status },
  });

describe('the payload log behind the chat page', () => {
  it('keeps every payload of a message in order, and forgets the message published about least recently', () => {
    const events = new EventBus();
    const log = new PayloadLog(events);
    publish(events, 0, 'accepted');
    for (let n = 1; n < PAYLOAD_LOG_MESSAGES; n++) publish(events, n, 'accepted');
    // Message 0 hears of a delivery: now message 1 is the one published about least recently.
    publish(events, 0, 'delivered');
    publish(events, PAYLOAD_LOG_MESSAGES, 'accepted');
    expect(log.of(id(0)).map((p) => p.status)).toEqual(['accepted', 'delivered']);
    expect(log.of(id(1))).toEqual([]);
    expect(log.of(id(PAYLOAD_LOG_MESSAGES))).toHaveLength(1);
    events.emit('reset', { keep: [] });
    expect(log.of(id(0))).toEqual([]);
    log.close();
  });
});
