import type { Locator, Page } from 'playwright-core';

/** Screenshots of every run go to test-results/; `UPDATE_SCREENSHOT=1` writes the README's in docs/. */
export const shot = (name: string) =>
  new URL(
    process.env.UPDATE_SCREENSHOT ? `../../docs/${name}` : `../../test-results/${name}`,
    import.meta.url,
  );

/** Every wait is bounded; none asserts how long anything took. */
export const WAIT = { timeout: 15_000 };

/** Quick status steps on the simulator's clock keep the browser tests short. */
export const QUICK_SCHEDULE = { pending: 0, sent: 100, delivered: 200, read: 400, failed: 200 };

/** The bubble of the bot (`sent`) or of the user (`received`) holding `text`; the last one. */
export function bubble(page: Page, direction: 'sent' | 'received', text: string | RegExp): Locator {
  return page
    .getByRole('list', { name: 'Messages' })
    .locator(`li.bubble.${direction}`, { hasText: text })
    .last();
}

/** A screenshot of one bubble; a live update may redraw it meanwhile, so up to three tries. */
export async function capture(locator: Locator, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.screenshot({ path: shot(name).pathname, timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3 || !/not attached/.test(String(error))) throw error;
    }
  }
}

/** Writes `text` as the WhatsApp user and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The order both samples take: a drink from the list, a size button, a name, then Yes. */
export async function orderCappuccino(page: Page): Promise<void> {
  const drinks = bubble(page, 'sent', 'What would you like to drink?');
  await drinks.getByRole('button', { name: /Choose/ }).click();
  await drinks.getByRole('button', { name: 'Cappuccino' }).click();
  await bubble(page, 'sent', 'Which size?').getByRole('button', { name: 'Medium' }).click();
  await bubble(page, 'sent', 'what name shall we write').waitFor(WAIT);
  await send(page, 'Ada');
  await bubble(page, 'sent', 'Shall I place the order?')
    .getByRole('button', { name: 'Yes' })
    .click();
  await bubble(page, 'sent', 'Order placed!').waitFor(WAIT);
}

/** Advances the simulator's clock from the chat page's header. */
export async function advanceClock(page: Page, hours: number): Promise<void> {
  await page.getByLabel('Hours').fill(String(hours));
  await page.getByRole('button', { name: 'Advance clock' }).click();
}

/** Opens the chat page and waits for its live updates. */
export async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
}
