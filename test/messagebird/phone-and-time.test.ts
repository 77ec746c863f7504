import { describe, expect, it } from 'vitest';
import { isChannelId, isMessageBirdId } from '../../src/messagebird/ids.js';
import {
  formatDatetime,
  isE164,
  PhoneNumberError,
  parseDatetime,
  toE164,
  toMsisdn,
} from '../../src/messagebird/index.js';

describe('toE164', () => {
  it.each([
    [31612345678, '+31612345678'],
    ['31612345678', '+31612345678'],
    ['+31612345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['+31 6 1234-5678', '+31612345678'],
    ['+1 (205) 745.5030', '+12057455030'],
    [447700900123, '+447700900123'],
  ])('normalises %s to %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['  ', /empty/],
    ['+31abc', /characters other than digits/],
    ['0612345678', /not an international number/],
    [12, /not an international number/],
    ['+1234567890123456', /not an international number/],
    [-31612345678, /whole positive/],
    [3.5, /whole positive/],
  ])('refuses %s with a clear message', (input, message) => {
    expect(() => toE164(input)).toThrow(PhoneNumberError);
    expect(() => toE164(input)).toThrow(message);
  });

  it('gives the msisdn back without +', () => {
    expect(toMsisdn('+31 612 345 678')).toBe('31612345678');
    expect(isE164('+31612345678')).toBe(true);
    expect(isE164('31612345678')).toBe(false);
  });
});

describe('ids and timestamps', () => {
  it('tells MessageBird ids and channel ids', () => {
    expect(isMessageBirdId('c0ffee00c0ffee00c0ffee00c0ffee00')).toBe(true);
    expect(isMessageBirdId('C0FFEE00C0FFEE00C0FFEE00C0FFEE00')).toBe(false);
    expect(isChannelId('5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10')).toBe(true);
    expect(isChannelId('c0ffee00c0ffee00c0ffee00c0ffee00')).toBe(true);
    expect(isChannelId('whatsapp')).toBe(false);
  });

  it('parses nanosecond timestamps to the millisecond', () => {
    expect(parseDatetime('2019-03-01T10:40:02.880881081Z').toISOString()).toBe(
      '2019-03-01T10:40:02.880Z',
    );
    expect(parseDatetime('2019-03-01T10:40:02Z').getTime()).toBe(Date.UTC(2019, 2, 1, 10, 40, 2));
    expect(parseDatetime('2019-03-01T12:40:02+02:00').toISOString()).toBe(
      '2019-03-01T10:40:02.000Z',
    );
    expect(() => parseDatetime('yesterday')).toThrow(/RFC 3339/);
  });

  it('formats like MessageBird, with no fraction or nine digits', () => {
    const at = Date.UTC(2026, 2, 2, 9, 20, 9, 518);
    expect(formatDatetime(at)).toBe('2026-03-02T09:20:09Z');
    expect(formatDatetime(at, 9)).toBe('2026-03-02T09:20:09.518000000Z');
  });

  it('formats each instant right when instants that share a cache slot alternate', () => {
    const start = Date.UTC(2026, 2, 2, 9, 20, 9, 0);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 600; i += 37) {
        expect(formatDatetime(start + i * 256, 9)).toBe(
          new Date(start + i * 256).toISOString().replace('Z', '000000Z'),
        );
        expect(formatDatetime(new Date(start + i))).toBe(
          `${new Date(start + i).toISOString().slice(0, 19)}Z`,
        );
      }
    }
  });
});
