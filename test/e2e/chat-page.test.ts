import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSample, startSample } from '../../src/bot/index.js';
import { SampleBot } from '../../src/bot/sample-bot.js';
import { type RunningAgentsSample, startAgentsSample } from '../../src/bot/start-agents-sample.js';
import { sampleTemplates } from '../../src/bot/templates.js';
import { DEFAULT_TEMPLATE_NAMESPACE as namespace } from '../../src/simulator/index.js';
import { replayTranscript, type TranscriptActivity } from '../../src/testing/index.js';
import { launchChromium } from './browser.js';
import { bubble, capture, orderCappuccino, send, shot, WAIT } from './chat-page-helpers.js';

const SCREENSHOT = shot('chat-page.png');

let sample: RunningSample;
let browser: Browser;
const logs: string[] = [];

beforeAll(async () => {
  // Exactly what `npm start` starts, in process, on free ports; quick status steps keep it short.
  sample = await startSample({
    port: 0,
    simulatorPort: 0,
    log: (line) => logs.push(line),
    simulator: { schedule: { pending: 0, sent: 100, delivered: 200, read: 400, failed: 200 } },
  });
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sample?.close();
});

describe('the chat page of npm start', () => {
  it('holds a whole conversation with the sample bot, window and template included', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('http://127.0.0.1:') && !url.startsWith('data:')) {
        problems.push(`request off this machine: ${url}`);
      }
    });

    await page.goto(sample.chatUrl);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);

    // The user writes; the bot greets (conversationUpdate) and answers with its menu card.
    await send(page, 'hi');
    await bubble(page, 'received', 'hi').waitFor(WAIT);
    const welcome = bubble(page, 'sent', 'Welcome, Ada!');
    await welcome.waitFor(WAIT);
    expect(await welcome.locator('strong').first().textContent()).toBe('Welcome, Ada!');
    await welcome.getByRole('img', { name: 'Status: read' }).waitFor(WAIT);
    const menu = bubble(page, 'sent', 'What would you like to do?');
    await menu.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
    expect(
      await menu
        .locator('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);

    // Tapping a reply button starts the order dialog: a list, buttons, free text, a confirmation.
    await menu.getByRole('button', { name: 'Order coffee' }).click();
    await bubble(page, 'received', 'Order coffee').waitFor(WAIT);
    await orderCappuccino(page);

    // Cards as WhatsApp shows them: the hero card above, an adaptive card and a receipt card.
    await send(page, 'cards');
    const special = bubble(page, 'sent', "Today's special");
    await special.waitFor(WAIT);
    expect(await special.locator('strong').first().textContent()).toBe("Today's special");
    expect(await special.textContent()).toContain('Ready in: 5 minutes');
    expect(
      await special
        .locator('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    const website = special.getByRole('link', { name: 'https://example.com/coffee' });
    expect(await website.getAttribute('href')).toBe('https://example.com/coffee');
    const receipt = bubble(page, 'sent', 'Your order');
    await receipt.waitFor(WAIT);
    expect(await receipt.textContent()).toContain('Flat white × 1 — €3.20');
    expect(await receipt.locator('strong', { hasText: 'Total: €5.30' }).count()).toBe(1);
    // Screenshots once their statuses have settled (each status change redraws the bubble).
    await receipt.getByRole('img', { name: 'Status: read' }).waitFor(WAIT);
    mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await capture(menu, 'card-hero.png');
    await capture(special, 'card-adaptive.png');
    await capture(receipt, 'card-receipt.png');
    // The adaptive card's Action.Submit comes back to the bot with its data.
    await special.getByRole('button', { name: 'Order the special' }).click();
    await bubble(page, 'sent', 'coming up!').waitFor(WAIT);

    // A location and a picture, each way.
    await page.getByText('Location', { exact: true }).click();
    await page.getByRole('button', { name: 'Send location' }).click();
    await bubble(page, 'sent', 'Got your location').waitFor(WAIT);
    await bubble(page, 'sent', /^Location/).waitFor(WAIT);
    await page.getByText('Media', { exact: true }).click();
    await page.getByLabel('Media URL').fill(`${sample.botUrl}/media/coffee.png`);
    await page.getByLabel('Caption or file name').fill('My flat white');
    await page.getByRole('button', { name: 'Send media' }).click();
    await bubble(page, 'sent', 'Thanks for the image').waitFor(WAIT);

    // A reminder, then a day later on the simulator's clock: the free-form reminder fails with
    // its reason (470, outside the window) and the approved template goes through instead.
    await send(page, 'remind me');
    await bubble(page, 'sent', 'I will remind you')
      .getByRole('img', { name: /Status/ })
      .waitFor(WAIT);
    await page.getByLabel('Hours').fill('25');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    const reminder = bubble(page, 'sent', 'Reminder:');
    await reminder.getByRole('img', { name: 'Status: failed (error 470)' }).waitFor(WAIT);
    expect(await reminder.textContent()).toContain('more than 24 hours have passed');
    const template = bubble(page, 'sent', 'Template · sample_reminder');
    await template.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
    expect(await template.textContent()).toContain(
      'Hi Ada, here is the reminder you asked for: your coffee order.',
    );
    await page.locator('#window[data-open="false"]').waitFor(WAIT);

    // The raw payloads and webhook deliveries of the failed reminder.
    await reminder.getByRole('button', { name: /Show payloads/ }).click();
    const payloads = page.getByRole('complementary', { name: 'Payloads' });
    await payloads.getByText('"code": 470').first().waitFor(WAIT);
    await payloads.getByRole('cell', { name: 'HTTP 200' }).first().waitFor(WAIT);

    // The conversation as a Bot Framework transcript, as the Emulator opens it.
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('link', { name: 'Download transcript' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.transcript$/);
    const file = await download.path();
    const transcript = JSON.parse(readFileSync(file, 'utf8')) as TranscriptActivity[];
    expect(Array.isArray(transcript)).toBe(true);
    expect(transcript.every((a) => a.type === 'message' && a.channelId === 'whatsapp')).toBe(true);
    expect(transcript.some((a) => a.from.role === 'user' && a.text === 'remind me')).toBe(true);
    expect(transcript.some((a) => a.from.role === 'bot' && a.text?.includes('Hi Ada'))).toBe(true);

    // The conversation the person had in the browser, as a regression test: played again
    // against the sample bot it finds no difference; against a bot changed to answer one
    // message differently it names the step and both answers.
    const replayAgainst = (changed: boolean) => {
      let bot: SampleBot | undefined;
      return replayTranscript(readFileSync(file, 'utf8'), {
        adapter: { channelName: 'Sample Coffee Bar', templates: sampleTemplates(namespace) },
        prepare: (chat) => {
          bot = new SampleBot({
            adapter: chat.adapter,
            mediaBaseUrl: `${sample.botUrl}/media`,
            clock: chat.clock,
            log: () => {},
          });
          return () => bot?.close();
        },
        logic: async (context) => {
          if (changed) {
            context.onSendActivities(async (_context, activities, next) => {
              for (const a of activities) {
                if (a.text?.startsWith('Got your location')) a.text = 'Nice place!';
              }
              return next();
            });
          }
          await bot?.run(context);
        },
      });
    };
    await expect(replayAgainst(false)).resolves.toEqual({ ok: true });
    const changed = await replayAgainst(true);
    const step = transcript
      .filter((a) => a.from.role === 'user')
      .findIndex((a) => a.channelData?.type === 'location');
    if (changed.ok) throw new Error('the changed bot replayed without a difference');
    expect(changed.step).toBe(step + 1);
    expect(changed.expected[0]?.text).toMatch(/^Got your location/);
    expect(changed.actual[0]?.text).toBe('Nice place!');
    // The rest of that step's answers (the shop's address and pin) are the same.
    expect(changed.actual.slice(1)).toEqual(changed.expected.slice(1));

    expect(problems).toEqual([]);
    expect(logs.some((line) => line.startsWith('[status] ✗ failed'))).toBe(true);
    expect(logs.filter((line) => line.startsWith('[error]'))).toEqual([]);

    await page.screenshot({ path: SCREENSHOT.pathname });
    await page.close();
  }, 50_000);
});

describe('the chat page of npm start -- --agents (the Microsoft 365 Agents SDK sample)', () => {
  let agents: RunningAgentsSample;
  beforeAll(async () => {
    agents = await startAgentsSample({
      port: 0,
      simulatorPort: 0,
      log: (line) => logs.push(line),
      simulator: { schedule: { pending: 0, sent: 100, delivered: 200, read: 400, failed: 200 } },
    });
  }, 30_000);
  afterAll(() => agents?.close());

  it('holds a conversation with an AgentApplication: state, buttons, a list, media, the template', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(agents.chatUrl);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);

    await send(page, 'hi');
    await bubble(page, 'sent', 'Welcome, Ada!').waitFor(WAIT);
    const menu = bubble(page, 'sent', 'What would you like to do?');
    await menu.waitFor(WAIT);
    // A multi-turn order kept in the AgentApplication's conversation state: a list, buttons,
    // free text and a yes/no, each a tap or a message of the contact.
    await menu.getByRole('button', { name: 'Order coffee' }).click();
    await orderCappuccino(page);
    expect(await bubble(page, 'sent', 'Order placed!').textContent()).toContain(
      'One medium cappuccino for Ada',
    );

    // Media, then a reminder after the window has closed: the approved template goes out.
    await send(page, 'photo');
    await bubble(page, 'sent', 'Freshly made').waitFor(WAIT);
    await send(page, 'remind me');
    await bubble(page, 'sent', 'I will remind you')
      .getByRole('img', { name: /Status/ })
      .waitFor(WAIT);
    await page.getByLabel('Hours').fill('25');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    const template = bubble(page, 'sent', 'Template · sample_reminder');
    await template.getByRole('img', { name: /Status: (delivered|read)/ }).waitFor(WAIT);
    expect(await template.textContent()).toContain('Hi Ada, here is the reminder you asked for');
    expect(problems).toEqual([]);
    await page.close();
  }, 50_000);
});
