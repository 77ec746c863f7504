import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryDedupeStore } from '../../src/core/dedupe-store.js';

const DAY = 24 * 60 * 60 * 1000;
const hex = () => randomUUID().replaceAll('-', '');

describe('MemoryDedupeStore', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('claims a new key, says processing until completed, then done', () => {
    const store = new MemoryDedupeStore();
    const key = `message.created:${hex()}:received`;
    expect(store.claim(key, DAY)).toBe('claimed');
    expect(store.claim(key, DAY)).toBe('processing');
    store.complete(key, DAY);
    expect(store.claim(key, DAY)).toBe('done');
  });

  it('forgets a released claim, so a redelivery is claimed again', () => {
    const store = new MemoryDedupeStore();
    const key = `bird:whatsapp.inbound:${randomUUID()}`;
    store.claim(key, DAY);
    store.release(key);
    expect(store.claim(key, DAY)).toBe('claimed');
    store.release(`bird:whatsapp.inbound:${randomUUID()}`); // not held: nothing happens
  });

  it('completes a key it never claimed', () => {
    const store = new MemoryDedupeStore();
    const key = `jti:${randomUUID()}`;
    store.complete(key, DAY);
    expect(store.claim(key, DAY)).toBe('done');
  });

  it('tells apart keys of the same id in other events, states, forms and cases', () => {
    const store = new MemoryDedupeStore();
    const id = hex();
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const keys = [
      `message.created:${id}:received`,
      `message.updated:${id}:received`,
      `message.updated:${id}:delivered`,
      `message.updated:${id}:read`,
      `message.updated:${id.toUpperCase()}:read`,
      `bird:whatsapp.outbound:${dashed}:read`,
      `bird:whatsapp.outbound:${dashed.toUpperCase()}:read`,
      `bird:whatsapp.interaction:${dashed}:read`,
      `bird:whatsapp.inbound:${dashed}`,
      `bird:whatsapp.inbound:${id}`,
      `jti:${dashed}`,
      `jti:${id}`,
      `${id}`,
      `${id}:`,
      `:${id}`,
      `jti:${dashed}:${id}`,
      `jti:${id}:${dashed}`,
    ];
    for (const key of keys) expect(store.claim(key, DAY), key).toBe('claimed');
    for (const key of keys) expect(store.claim(key, DAY), key).toBe('processing');
  });

  it('keeps keys of other forms as they are: a conversation event with its date, a hash', () => {
    const store = new MemoryDedupeStore();
    const id = hex();
    const keys = [
      `conversation.created:${id}:active:2026-11-25T10:00:00.000Z`,
      `conversation.created:${id}:active:2026-11-25T10:00:00.001Z`,
      'bird:channel.updated:Zm9vYmFy',
      `message.created:${id.slice(1)}:received`,
      `message.created:${id}x:received`,
      '',
      `x\u0000y:${id}`,
      `x\u0000y:${id}:z\u0000`,
    ];
    for (const key of keys) expect(store.claim(key, DAY), key).toBe('claimed');
    for (const key of keys) expect(store.claim(key, DAY), key).toBe('processing');
    store.release(keys[0] as string);
    expect(store.claim(keys[0] as string, DAY)).toBe('claimed');
    expect(store.claim(keys[1] as string, DAY)).toBe('processing');
  });

  it('lets a key expire after its time to live (and no more than a second later)', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const store = new MemoryDedupeStore();
    const token = `jti:${randomUUID()}`;
    const delivery = `message.created:${hex()}:received`;
    store.claim(token, 61_000);
    store.claim(delivery, DAY);
    vi.advanceTimersByTime(60_999);
    expect(store.claim(token, 61_000)).toBe('processing');
    vi.advanceTimersByTime(1_001);
    expect(store.claim(token, 61_000)).toBe('claimed');
    store.complete(delivery, DAY); // the time to live starts again
    vi.advanceTimersByTime(DAY - 1);
    expect(store.claim(delivery, DAY)).toBe('done');
    vi.advanceTimersByTime(1_001);
    expect(store.claim(delivery, DAY)).toBe('claimed');
  });

  it('holds at most max keys: a new one takes the place of the oldest claim', () => {
    const store = new MemoryDedupeStore({ max: 3_000 });
    const keys = Array.from({ length: 7_000 }, (_, i) =>
      i % 3 === 0 ? `bird:whatsapp.inbound:${randomUUID()}` : `message.created:${hex()}:sent:${i}`,
    );
    for (const key of keys) store.claim(key, DAY);
    expect(store.claim(keys[3_999] as string, DAY)).toBe('claimed');
    for (const key of keys.slice(4_001)) expect(store.claim(key, DAY), key).toBe('processing');
  });

  it('answers as a map with times to live does, over a random mix of calls', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let seed = 11;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const ids = Array.from({ length: 400 }, () => hex());
    const keyAt = (n: number) => {
      const id = ids[n % 400] as string;
      if (n < 400) return `message.updated:${id}:delivered`;
      if (n < 800)
        return `bird:whatsapp.outbound:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}:read`;
      return `conversation.updated:${id}:active:${n}`;
    };
    // Big enough never to evict: the model has no eviction.
    const store = new MemoryDedupeStore({ max: 1_000_000 });
    const model = new Map<string, { state: 'processing' | 'done'; until: number }>();
    let now = 0;
    const live = (key: string) => {
      const found = model.get(key);
      return found && now < found.until ? found : undefined;
    };
    for (let step = 0; step < 40_000; step++) {
      const key = keyAt(Math.floor(random() * 1_200));
      const ttl = random() < 0.5 ? 2_000 : 60_000;
      const what = random();
      if (what < 0.6) {
        const found = live(key);
        expect(store.claim(key, ttl)).toBe(found ? found.state : 'claimed');
        if (!found) model.set(key, { state: 'processing', until: now + ttl });
      } else if (what < 0.85) {
        store.complete(key, ttl);
        model.set(key, { state: 'done', until: now + ttl });
      } else {
        store.release(key);
        model.delete(key);
      }
      // Away from the second boundaries the store rounds expiries up to.
      if (random() < 0.05) {
        vi.advanceTimersByTime(3_000);
        now += 3_000;
      }
    }
  });

  it('refuses a max that is not a whole number from 1', () => {
    expect(() => new MemoryDedupeStore({ max: 0 })).toThrow(RangeError);
  });
});
