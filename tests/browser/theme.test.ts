import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  emulateTheme,
} from '../helpers/browser';

const suite = browserSuite();

describe.skipIf(!chromiumPath)('the theme switch', () => {
  it('Dark holds across a reload, set before the page renders; System follows the device', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, colorScheme: 'light' });
    const page = await context.newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    // Records what the page held when its theme was first set: nothing yet, if it is set
    // before React renders.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const root = document.getElementById('root');
        (window as unknown as { rootAtTheme: number }).rootAtTheme = root?.childElementCount ?? -1;
        observer.disconnect();
      }).observe(document, { subtree: true, attributeFilter: ['data-theme'] });
    });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const colorScheme = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);

    await page.goto(suite.server.url);
    const control = page.getByRole('combobox', { name: 'Theme' });
    expect(await control.inputValue()).toBe('system');
    expect(await theme()).toBe('light');
    const lightBackground = await background();

    // Chosen from the keyboard: focus the control, pick Dark with the arrow keys.
    await control.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(theme).toBe('dark');
    expect(await control.inputValue()).toBe('dark');
    expect(await colorScheme()).toBe('dark');
    expect(await background()).not.toBe(lightBackground);

    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await theme()).toBe('dark');
    expect(await control.inputValue()).toBe('dark');
    expect(
      await page.evaluate(() => (window as unknown as { rootAtTheme: number }).rootAtTheme),
    ).toBe(0);
    // An explicit choice holds whatever the device prefers.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await theme()).toBe('dark');

    // System follows the device's setting, and its changes while the page is open.
    await control.selectOption('system');
    await expect.poll(theme).toBe('light');
    await emulateTheme(page, 'dark');
    expect(await colorScheme()).toBe('dark');
    await page.reload();
    expect(await theme()).toBe('dark');
    expect(await control.inputValue()).toBe('system');

    // On every page: a loop's page too.
    await page.goto(`${suite.server.url}/history`);
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('system');
    expect(errors).toEqual([]);
    await context.close();
  });
});
