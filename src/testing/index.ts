/**
 * `botbuilder-adapter-messagebird-whatsapp/testing`: test a bot as a WhatsApp contact talks to it,
 * in any test runner. `createTestChat` runs the bot behind the adapter (botbuilder's, or the Agents
 * SDK's with `front: 'agents'`) against the simulator, in memory by default. Every export is
 * listed here by name, most needed first; anything not listed is internal and may change in any
 * release.
 *
 * @example
 * import { createTestChat } from 'botbuilder-adapter-messagebird-whatsapp/testing';
 * const chat = await createTestChat({ logic: (context) => bot.run(context) });
 * const ana = chat.contact('+5511987654321', { name: 'Ana' });
 * await ana.says('hi');
 * await chat.close();
 */

// A chat with the bot, and what it takes.
export {
  createTestChat,
  type TestChat,
  type TestChatOptions,
  type BotbuilderTestChatOptions,
  type AgentsTestChatOptions,
  type TestSimulatorOptions,
} from './test-chat.js';
export type { TestChatAdapter } from './fronts.js';

// The contact who talks to the bot, and what they see.
export type { TestContact, TestStatus, Duration } from './test-chat.js';
export type { ReceivedMessage } from './received-message.js';

// Transcripts: record a conversation, play it again against a bot.
export {
  replayTranscript,
  type ReplayOptions,
  type ReplayResult,
  type ReplayedActivity,
} from './replay.js';
export type { TranscriptActivity } from '../simulator/transcript.js';
