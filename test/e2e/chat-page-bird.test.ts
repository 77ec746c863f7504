import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleApi } from '../../src/bot/env.js';
import { type RunningAgentsSample, startAgentsSample } from '../../src/bot/start-agents-sample.js';
import { type RunningSample, startSample } from '../../src/bot/start-sample.js';
import { launchChromium } from './browser.js';
import {
  advanceClock,
  bubble,
  openChat,
  orderCappuccino,
  QUICK_SCHEDULE,
  send,
  WAIT,
} from './chat-page-helpers.js';

/**
 * `npm start -- --bird`: the sample bot's whole conversation over the simulator's Bird face
 * (Bird's Channels API: sends to /workspaces/{ws}/channels/{ch}/messages, signed whatsapp.inbound
 * and whatsapp.outbound webhooks), and the same test over MessageBird's Conversations API.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 30_000);
afterAll(() => browser?.close());

/** What a sample logs, and the simulator's one line per request (method, path, status). */
interface Heard {
  bot: string[];
  requests: string[];
}

const hear = (): Heard => ({ bot: [], requests: [] });

/** The simulator options both samples get: quick statuses, and its request log kept. */
const simulatorHearing = (heard: Heard) => ({
  schedule: QUICK_SCHEDULE,
  logger: { info: (line: string) => heard.requests.push(line), warn: () => {} },
});

/** A page that records errors of its own and requests off this machine. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('http://127.0.0.1:') && !url.startsWith('data:')) {
      problems.push(`request off this machine: ${url}`);
    }
  });
  return { page, problems };
}

/** The width of the first picture in a bubble once loaded (0 when it failed to load). */
const pictureWidth = (page: Page, text: string | RegExp) =>
  bubble(page, 'sent', text)
    .locator('img')
    .first()
    .evaluate(
      (img: HTMLImageElement) =>
        img.complete
          ? img.naturalWidth
          : new Promise<number>((resolve) => {
              img.addEventListener('load', () => resolve(img.naturalWidth));
              img.addEventListener('error', () => resolve(0));
            }),
      undefined,
      WAIT,
    );

/**
 * The sample bot's whole conversation, the same on either API: a greeting, a reply button, a list
 * row, a picture asked for and one sent, a location, and the reminder after the window has closed
 * (the free-form one fails, the approved template goes out instead).
 */
async function wholeConversation(page: Page, sample: RunningSample, api: SampleApi): Promise<void> {
  await openChat(page, sample.chatUrl);

  // The user writes; the bot greets the new contact and answers with its menu.
  await send(page, 'hi');
  await bubble(page, 'received', 'hi').waitFor(WAIT);
  const welcome = bubble(page, 'sent', 'Welcome, Ada!');
  await welcome.waitFor(WAIT);
  expect(await welcome.locator('strong').first().textContent()).toBe('Welcome, Ada!');
  const menu = bubble(page, 'sent', 'What would you like to do?');
  await menu.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
  // Greeted once: on Bird, whose Channels API has no conversation event, the adapter still turns
  // the contact's first message into a conversationUpdate first.
  expect(await page.locator('li.bubble.sent', { hasText: 'Welcome, Ada!' }).count()).toBe(1);

  // A reply button, then the order dialog: a list row, a size button, free text, Yes.
  await menu.getByRole('button', { name: 'Order coffee' }).click();
  await bubble(page, 'received', 'Order coffee').waitFor(WAIT);
  await orderCappuccino(page);
  expect(await bubble(page, 'sent', 'Order placed!').textContent()).toContain(
    'One medium cappuccino for Ada',
  );

  // A picture asked for, then one sent by the user and sent back.
  await send(page, 'photo');
  await bubble(page, 'sent', 'Freshly made').waitFor(WAIT);
  expect(await pictureWidth(page, 'Freshly made')).toBeGreaterThan(0);
  await page.getByText('Media', { exact: true }).click();
  await page.getByLabel('Media URL').fill(`${sample.botUrl}/media/coffee.png`);
  await page.getByLabel('Caption or file name').fill('My flat white');
  await page.getByRole('button', { name: 'Send media' }).click();
  await bubble(page, 'sent', 'Thanks for the image').waitFor(WAIT);
  expect(await bubble(page, 'sent', 'Thanks for the image').textContent()).toContain('image/png');

  // The user's location, and the coffee bar's pin back.
  await page.getByText('Location', { exact: true }).click();
  await page.getByRole('button', { name: 'Send location' }).click();
  await bubble(page, 'sent', 'Got your location').waitFor(WAIT);
  await bubble(page, 'sent', /^Location/).waitFor(WAIT);

  // A reminder, then a day later on the simulator's clock: the free-form reminder fails
  // (outside the 24-hour window) and the approved template goes out instead.
  await send(page, 'remind me');
  await bubble(page, 'sent', 'I will remind you')
    .getByRole('img', { name: /Status/ })
    .waitFor(WAIT);
  await advanceClock(page, 25);
  const reminder = bubble(page, 'sent', 'Reminder:');
  await reminder.getByRole('img', { name: 'Status: failed (error 470)' }).waitFor(WAIT);
  expect(await reminder.textContent()).toContain('more than 24 hours have passed');
  // Its statuses reached the bot as the API's own signed webhooks, each answered 200.
  await reminder.getByRole('button', { name: /Show payloads/ }).click();
  const event = api === 'bird' ? 'whatsapp.outbound' : 'message.updated';
  await page
    .getByRole('complementary', { name: 'Payloads' })
    .getByRole('row', { name: new RegExp(`^${event} 1 HTTP 200`) })
    .first()
    .waitFor(WAIT);
  const template = bubble(page, 'sent', 'Template · sample_reminder');
  await template.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
  expect(await template.textContent()).toContain(
    'Hi Ada, here is the reminder you asked for: your coffee order.',
  );
  await page.locator('#window[data-open="false"]').waitFor(WAIT);
}

/** The lines of the simulator's request log for one API's sends. */
const sendsTo = (heard: Heard, path: string) =>
  heard.requests.filter((line) => line.startsWith(`POST ${path}`));

describe.each<SampleApi>(['bird', 'conversations'])(
  'the chat page of npm start, the sample on the %s API',
  (api) => {
    const heard = hear();
    let sample: RunningSample;
    beforeAll(async () => {
      sample = await startSample({
        api,
        port: 0,
        simulatorPort: 0,
        log: (line) => heard.bot.push(line),
        simulator: simulatorHearing(heard),
      });
    }, 30_000);
    afterAll(() => sample?.close());

    it(`holds the sample bot's whole conversation over ${api === 'bird' ? "Bird's Channels API" : "MessageBird's Conversations API"}`, async () => {
      const { page, problems } = await newPage();
      await wholeConversation(page, sample, api);

      // The statuses came back as the same status events on either API, the failure with 470.
      expect(heard.bot).toContainEqual(expect.stringMatching(/^\[status\] ✗ failed .*470/));
      expect(heard.bot).toContainEqual(expect.stringMatching(/template sample_reminder sent/));
      expect(heard.bot.filter((line) => line.startsWith('[error]'))).toEqual([]);

      // It really ran over the API asked for: every send on that API's path, none on the other's.
      const bird = `/workspaces/${sample.simulator.bird.workspaceId}/channels/${sample.simulator.bird.channelId}/messages`;
      const [used, unused] = api === 'bird' ? [bird, '/v1/'] : ['/v1/', '/workspaces/'];
      expect(sendsTo(heard, used).length).toBeGreaterThanOrEqual(12);
      expect(sendsTo(heard, unused)).toEqual([]);
      expect(sample.apiUrl).toBe(
        api === 'bird'
          ? `${sample.simulator.url}${bird.replace(/\/messages$/, '')}`
          : `${sample.simulator.url}/v1`,
      );
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  },
);

describe('the chat page of npm start -- --bird --agents (the Agents SDK sample on Bird)', () => {
  const heard = hear();
  let agents: RunningAgentsSample;
  beforeAll(async () => {
    agents = await startAgentsSample({
      api: 'bird',
      port: 0,
      simulatorPort: 0,
      log: (line) => heard.bot.push(line),
      simulator: simulatorHearing(heard),
    });
  }, 30_000);
  afterAll(() => agents?.close());

  it('greets, takes an order by taps and sends the template once the window has closed', async () => {
    const { page, problems } = await newPage();
    await openChat(page, agents.chatUrl);
    await send(page, 'hi');
    await bubble(page, 'sent', 'Welcome, Ada!').waitFor(WAIT);
    const menu = bubble(page, 'sent', 'What would you like to do?');
    await menu.getByRole('button', { name: 'Order coffee' }).click();
    await orderCappuccino(page);
    await send(page, 'remind me');
    await bubble(page, 'sent', 'I will remind you')
      .getByRole('img', { name: /Status/ })
      .waitFor(WAIT);
    await advanceClock(page, 25);
    const template = bubble(page, 'sent', 'Template · sample_reminder');
    await template.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
    expect(await template.textContent()).toContain('Hi Ada, here is the reminder you asked for');
    expect(sendsTo(heard, '/v1/')).toEqual([]);
    expect(heard.bot.filter((line) => line.startsWith('[error]'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
