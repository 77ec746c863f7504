import { expect } from 'vitest';
import type { ReceivedMessage } from '../received-message.js';
import type { TestContact } from '../test-chat.js';

/** What the matchers answer: vitest's `{ pass, message }`. */
interface Result {
  pass: boolean;
  message: () => string;
}

const isContact = (value: unknown): value is TestContact =>
  typeof value === 'object' && value !== null && 'says' in value && 'messages' in value;

const isMessage = (value: unknown): value is ReceivedMessage =>
  typeof value === 'object' && value !== null && 'status' in value && 'payload' in value;

const shown = (messages: readonly ReceivedMessage[]) =>
  messages.map((m) => `  ${m.type}: ${JSON.stringify(m.text ?? '')} (${m.status})`).join('\n') ||
  '  nothing';

/**
 * WhatsApp matchers for vitest: `expect(contact).toHaveReceived('Welcome')` (a text or a RegExp,
 * in any message the contact got), `expect(message).toHaveButtons(['Small', 'Large'])` (reply
 * buttons or list rows, in order) and `expect(message).toHaveStatus('delivered')`.
 */
export const whatsappMatchers = {
  toHaveReceived(received: unknown, expected: string | RegExp): Result {
    if (!isContact(received)) {
      return { pass: false, message: () => 'expected a contact from chat.contact()' };
    }
    const matches = (text: string | undefined) =>
      text !== undefined &&
      (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
    const pass = received.messages.some((m) => matches(m.text));
    return {
      pass,
      message: () =>
        `expected ${received.name} ${pass ? 'not ' : ''}to have received ${String(expected)}; they got:\n${shown(received.messages)}`,
    };
  },
  toHaveButtons(received: unknown, titles: readonly string[]): Result {
    if (!isMessage(received)) {
      return { pass: false, message: () => 'expected a message from contact.messages' };
    }
    const actual = received.buttons ?? received.rows ?? [];
    const pass = JSON.stringify(actual) === JSON.stringify(titles);
    return {
      pass,
      message: () =>
        `expected the message ${pass ? 'not ' : ''}to have the buttons ${JSON.stringify(titles)}; it has ${JSON.stringify(actual)}`,
    };
  },
  toHaveStatus(received: unknown, status: string): Result {
    if (!isMessage(received)) {
      return { pass: false, message: () => 'expected a message from contact.messages' };
    }
    const pass = received.status === status;
    const error = received.error
      ? ` (error ${received.error.code}: ${received.error.description})`
      : '';
    return {
      pass,
      message: () =>
        `expected the message ${pass ? 'not ' : ''}to be ${status}; it is ${received.status}${error}`,
    };
  },
};

/** The matchers' types, added to vitest's `expect`. */
export interface WhatsAppMatchers<R = unknown> {
  /** The contact got a message whose text contains this string, or matches this RegExp. */
  toHaveReceived(expected: string | RegExp): R;
  /** The message has these reply buttons (or list rows), in this order. */
  toHaveButtons(titles: readonly string[]): R;
  /** The message's delivery status is this one (`delivered`, `failed`…). */
  toHaveStatus(status: string): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: vitest's own signature
  interface Matchers<T = any> extends WhatsAppMatchers<T> {}
}

/** Adds the matchers to vitest's `expect`; importing the entry point does it once. */
export function installWhatsAppMatchers(): void {
  expect.extend(whatsappMatchers);
}
