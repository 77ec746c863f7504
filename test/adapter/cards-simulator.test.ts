import type { Activity, Attachment } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMessageBird } from '../../src/core/to-messagebird.js';
import type { Simulator } from '../../src/simulator/index.js';
import { CARDS, IDS } from '../payloads/index.js';
import { call, manualSimulator } from '../simulator/helpers.js';

let sim: Simulator;
beforeAll(() => {
  sim = manualSimulator();
});
afterAll(() => sim.close());

const imBack = (title: string) => ({ type: 'imBack', title, value: title });
const long = 'word '.repeat(230).trim();

/** Every card we render, and activities that take the other paths (lists, long text, audio with buttons). */
const ACTIVITIES: Record<string, Partial<Activity>> = {
  ...Object.fromEntries(
    Object.entries(CARDS)
      .filter(([name]) => name !== 'oauth' && name !== 'adaptiveForm')
      .map(([name, make]) => [name, { attachments: [make()] }]),
  ),
  heroList: {
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.hero',
        content: {
          title: 'Delivery day',
          images: [{ url: 'https://cdn.example.com/van.jpg' }],
          buttons: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'].map(imBack),
        },
      },
    ],
  },
  heroLongText: {
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.hero',
        content: { title: 'Terms', text: long, buttons: [imBack('Accept')] },
      },
    ],
  },
  videoButtons: {
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.video',
        content: {
          title: 'Returns',
          media: [{ url: 'https://cdn.example.com/howto/returns.mp4' }],
          buttons: [imBack('Start a return')],
        },
      },
    ],
  },
  audioButtons: {
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.audio',
        content: {
          media: [{ url: 'https://cdn.example.com/voice/vm.ogg' }],
          buttons: [imBack('Call back')],
        },
      },
    ],
  },
  suggestedLinks: {
    text: 'What now?',
    suggestedActions: {
      to: [],
      actions: [
        imBack('Track'),
        { type: 'openUrl', title: 'Help', value: 'https://acme.example.com/help' },
      ] as any,
    },
  },
  carousel: {
    attachmentLayout: 'carousel',
    attachments: [CARDS.hero(), CARDS.thumbnail(), CARDS.video()] as Attachment[],
  },
};

describe('every rendered card is a message the API accepts', () => {
  it.each(Object.keys(ACTIVITIES))('POST /v1/send accepts every part of %s', async (name) => {
    const parts = toMessageBird({ type: 'message', ...ACTIVITIES[name] });
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      const answer = await call(sim, 'POST', '/v1/send', {
        to: IDS.phone,
        from: sim.channelId,
        ...part,
      });
      expect(answer.status, `${JSON.stringify(part)} → ${JSON.stringify(answer.body)}`).toBe(202);
      expect(answer.body).toMatchObject({ status: 'accepted' });
    }
  });
});
