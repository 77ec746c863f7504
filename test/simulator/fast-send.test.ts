import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BirdSendRequest } from '../../src/bird/send.js';
import { SendRequest } from '../../src/messagebird/requests.js';
import { fastBirdSendRequest, fastSendRequest } from '../../src/simulator/fast-send.js';

/** Every combination of the given alternatives for each key (a key set to `OMIT` is left out). */
const OMIT = Symbol('omit');
function* combinations(
  alternatives: Record<string, readonly unknown[]>,
): Generator<Record<string, unknown>> {
  const keys = Object.keys(alternatives);
  const at = keys.map(() => 0);
  for (;;) {
    const out: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const value = (alternatives[key] as unknown[])[at[i] as number];
      if (value !== OMIT) out[key] = value;
    });
    yield out;
    let i = keys.length - 1;
    while (
      i >= 0 &&
      (at[i] as number) + 1 >= (alternatives[keys[i] as string] as unknown[]).length
    ) {
      at[i] = 0;
      i--;
    }
    if (i < 0) return;
    at[i] = (at[i] as number) + 1;
  }
}

/** The fast check answers exactly what the schema's parse answers, or leaves it to the schema. */
function agree(schema: v.GenericSchema, fast: (input: unknown) => unknown, input: unknown) {
  const quick = fast(input);
  if (quick === undefined) return false;
  const parsed = v.safeParse(schema, input);
  expect(parsed.success, JSON.stringify(input)).toBe(true);
  // The same keys in the same order, the same values.
  expect(JSON.stringify(quick)).toBe(JSON.stringify(parsed.output));
  expect(quick).toStrictEqual(parsed.output);
  return true;
}

const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());

describe('the fast check of common sends (fast-send.ts)', () => {
  it('answers a /v1/send text as SendRequest does, and leaves everything else to it', () => {
    let taken = 0;
    let total = 0;
    for (const body of combinations({
      to: [
        '+31612345678',
        '31612345678',
        '+3161',
        '0031612345678',
        'a'.repeat(32),
        'A'.repeat(32),
        '',
        31612345678,
        OMIT,
      ],
      from: [
        '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
        '5F1C2A9E-7B3D-4E8A-9C21-0D6E4B7A3F10',
        'f'.repeat(32),
        'nope',
        7,
        OMIT,
      ],
      type: ['text', 'image', 'hsm', 'TEXT', OMIT],
      content: [
        { text: 'Your order ships today.' },
        { text: '' },
        { text: 'x'.repeat(4096) },
        { text: 'x'.repeat(4097) },
        { text: 'x', image: { url: 'https://example.org/a.png' } },
        { text: 'x', extra: 1 },
        { text: 5 },
        { image: { url: 'https://example.org/a.png' } },
        [],
        null,
        'text',
        OMIT,
      ],
      reportUrl: [OMIT, 'https://example.org/r', 'nope'],
    })) {
      for (const input of [body, reversed(body)]) {
        total++;
        if (agree(SendRequest, fastSendRequest, input)) taken++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(taken).toBeGreaterThan(0);
    expect(
      fastSendRequest({
        to: '+31612345678',
        from: '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
        type: 'text',
        content: { text: 'hi' },
      }),
    ).toBeDefined();
  });

  it('answers a Bird text send as BirdSendRequest does, and leaves everything else to it', () => {
    let taken = 0;
    let total = 0;
    const contact = (key: unknown, value: unknown) => {
      const c: Record<string, unknown> = {};
      if (key !== OMIT) c.identifierKey = key;
      if (value !== OMIT) c.identifierValue = value;
      return c;
    };
    for (const request of combinations({
      receiver: [
        { contacts: [contact('phonenumber', '+31612345678')] },
        { contacts: [contact(OMIT, '+31612345678')] },
        { contacts: [contact('phonenumber', '31612345678')] },
        { contacts: [contact('phonenumber', '')] },
        { contacts: [contact('emailaddress', 'a@example.org')] },
        { contacts: [{ identifierValue: '+31612345678', identifierKey: 'phonenumber' }] },
        { contacts: [{ ...contact('phonenumber', '+31612345678'), extra: 1 }] },
        { contacts: [{ id: '5e522e62-1649-799f-d280-f4252e1ca8ba' }] },
        {
          contacts: [
            contact('phonenumber', '+31612345678'),
            contact('phonenumber', '+31612345679'),
          ],
        },
        { contacts: [] },
        { contacts: {} },
        { contacts: [contact('phonenumber', '+31612345678')], more: true },
        {},
        null,
        OMIT,
      ],
      body: [
        { type: 'text', text: { text: 'Your order ships today.' } },
        { text: { text: 'Your order ships today.' }, type: 'text' },
        { type: 'text', text: { text: '' } },
        { type: 'text', text: { text: 'x'.repeat(5000) } },
        { type: 'text', text: { text: 'x', actions: [] } },
        { type: 'text', text: 'x' },
        { type: 'image', image: { images: [{ mediaUrl: 'https://example.org/a.png' }] } },
        { type: 'text' },
        OMIT,
      ],
      template: [
        OMIT,
        { projectId: '5e522e62-1649-799f-d280-f4252e1ca8ba', version: 'latest', locale: 'en' },
      ],
      reference: [OMIT, 'order-1', 5],
    })) {
      for (const input of [request, reversed(request)]) {
        total++;
        if (agree(BirdSendRequest, fastBirdSendRequest, input)) taken++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(taken).toBeGreaterThan(0);
    expect(
      fastBirdSendRequest({
        receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678' }] },
        body: { type: 'text', text: { text: 'hi' } },
      }),
    ).toBeDefined();
  });
});
