import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { MemoryWindowStore } from '../../src/core/window-store.js';

const phone = (i: number) => `+316${String(10_000_000 + i).slice(-8)}`;

describe('MemoryWindowStore', () => {
  it('knows nothing of a contact it has not seen', () => {
    expect(new MemoryWindowStore().lastInbound('+31612345678')).toBeUndefined();
  });

  it('keeps the latest inbound time, to the millisecond; an earlier one does not win', () => {
    const store = new MemoryWindowStore();
    store.recordInbound('+31612345678', 1_700_000_000_123);
    store.recordInbound('+31612345678', 1_700_000_000_001);
    expect(store.lastInbound('+31612345678')).toBe(1_700_000_000_123);
    store.recordInbound('+31612345678', 1_700_000_000_124);
    expect(store.lastInbound('+31612345678')).toBe(1_700_000_000_124);
    expect(store.size).toBe(1);
  });

  it('answers 0 once closed, for a contact known or not, until the contact writes again', () => {
    const store = new MemoryWindowStore();
    store.recordInbound('+31612345678', 1_000);
    store.close('+31612345678');
    store.close('+31687654321');
    expect(store.lastInbound('+31612345678')).toBe(0);
    expect(store.lastInbound('+31687654321')).toBe(0);
    store.recordInbound('+31612345678', 2_000);
    expect(store.lastInbound('+31612345678')).toBe(2_000);
  });

  it('takes a number in any form it reads as the same contact', () => {
    const store = new MemoryWindowStore();
    store.recordInbound('+31 6 1234 5678', 5);
    expect(store.lastInbound('+31612345678')).toBe(5);
    expect(store.lastInbound('0031612345678')).toBe(5);
    expect(store.lastInbound('31612345678')).toBe(5);
    expect(store.lastInbound('+3161234567')).toBeUndefined();
  });

  it('tells apart the longest numbers (15 digits), past 2^32 and 2^48', () => {
    const store = new MemoryWindowStore();
    const numbers = [
      '+999999999999999',
      '+999999999999998',
      '+4294967296',
      '+4294967297',
      '+1000000',
    ];
    for (const [i, n] of numbers.entries()) store.recordInbound(n, i + 1);
    for (const [i, n] of numbers.entries()) expect(store.lastInbound(n)).toBe(i + 1);
  });

  it('forgets the least recently used contact first; reading a contact uses it', () => {
    const store = new MemoryWindowStore({ maxContacts: 3 });
    store.recordInbound(phone(1), 1);
    store.recordInbound(phone(2), 2);
    store.recordInbound(phone(3), 3);
    store.lastInbound(phone(1));
    store.recordInbound(phone(4), 4);
    expect(store.lastInbound(phone(2))).toBeUndefined();
    expect([1, 3, 4].map((i) => store.lastInbound(phone(i)))).toEqual([1, 3, 4]);
    store.close(phone(5));
    expect(store.lastInbound(phone(1))).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it('grows past its first slots and stays bounded by maxContacts', () => {
    const store = new MemoryWindowStore({ maxContacts: 5_000 });
    for (let i = 0; i < 12_000; i++) store.recordInbound(phone(i), i + 1);
    expect(store.size).toBe(5_000);
    expect(store.lastInbound(phone(6_999))).toBeUndefined();
    for (let i = 7_000; i < 12_000; i++) expect(store.lastInbound(phone(i))).toBe(i + 1);
  });

  it('answers as an lru-cache of the same size does, over a random mix of calls', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const store = new MemoryWindowStore({ maxContacts: 700 });
    const model = new LRUCache<string, number>({ max: 700 });
    for (let step = 0; step < 60_000; step++) {
      const contact = phone(Math.floor(random() * 1_500));
      const what = random();
      if (what < 0.45) {
        const at = Math.floor(random() * 1e12);
        store.recordInbound(contact, at);
        const previous = model.get(contact);
        if (previous === undefined || at > previous) model.set(contact, at);
      } else if (what < 0.9) {
        expect(store.lastInbound(contact)).toBe(model.get(contact));
      } else {
        store.close(contact);
        model.set(contact, 0);
      }
    }
    expect(store.size).toBe(model.size);
  });

  it('refuses a maxContacts that is not a whole number from 1', () => {
    expect(() => new MemoryWindowStore({ maxContacts: 0 })).toThrow(RangeError);
    expect(() => new MemoryWindowStore({ maxContacts: 1.5 })).toThrow(RangeError);
  });
});
