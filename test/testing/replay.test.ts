import { ActivityHandler, MessageFactory, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  createTestChat,
  replayTranscript,
  type TranscriptActivity,
} from '../../src/testing/index.js';

function coffeeBot(largeAnswer: string) {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const text = context.activity.text ?? '';
    if (text === 'coffee') {
      await context.sendActivity(
        MessageFactory.suggestedActions(['Small', 'Large'], 'Which size?'),
      );
    } else if (text === 'Large') {
      await context.sendActivity(largeAnswer);
    } else if (context.activity.attachments?.length) {
      await context.sendActivity('Nice picture');
    } else {
      await context.sendActivity(`You said ${text}`);
    }
    await next();
  });
  return (context: TurnContext) => bot.run(context);
}

async function record(): Promise<TranscriptActivity[]> {
  const chat = await createTestChat({ logic: coffeeBot('A large one, coming up') });
  try {
    const ana = chat.contact('+5511987654321', { name: 'Ana' });
    await ana.says('hello');
    await ana.says('coffee');
    await ana.taps('Large');
    await chat.advance({ hours: 2 });
    await ana.sendsImage('https://example.org/p.png');
    return chat.transcript(ana);
  } finally {
    await chat.close();
  }
}

describe('replayTranscript', () => {
  it('finds no difference when the bot answers as it did', async () => {
    const transcript = await record();
    expect(transcript.filter((a) => a.from.role === 'user')).toHaveLength(4);
    await expect(
      replayTranscript(transcript, { logic: coffeeBot('A large one, coming up') }),
    ).resolves.toEqual({ ok: true });
    // As the chat page downloads it: JSON text.
    await expect(
      replayTranscript(JSON.stringify(transcript), { logic: coffeeBot('A large one, coming up') }),
    ).resolves.toEqual({ ok: true });
  });

  it('names the first user message after which the answers differ', async () => {
    const transcript = await record();
    const result = await replayTranscript(transcript, { logic: coffeeBot('Sorry, no large cups') });
    expect(result).toEqual({
      ok: false,
      step: 3,
      expected: [{ type: 'text', text: 'A large one, coming up' }],
      actual: [{ type: 'text', text: 'Sorry, no large cups' }],
    });
  });

  it('reports a step whose turn failed, with the error', async () => {
    const transcript = await record();
    const result = await replayTranscript(transcript, {
      logic: async (context) => {
        if (context.activity.text === 'coffee') throw new Error('no coffee today');
        await coffeeBot('A large one, coming up')(context);
      },
    });
    expect(result).toMatchObject({ ok: false, step: 2, actual: [] });
    expect((result as { error?: Error }).error?.message).toBe('no coffee today');
  });
});
