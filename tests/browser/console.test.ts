/**
 * The interviewer's console at a desktop width: the question, the candidate's live work and
 * the clock with signals, private notes and score side by side in one screen, each pane
 * scrolling on its own; panes that can be hidden; the clock's keyboard shortcuts, listed on
 * the page; and focus that stays on the control used (Start round, Pause, End round).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  screenshot,
  seriousA11yViolationsInBothThemes,
  startPairedDrill,
} from '../helpers/browser';

const suite = browserSuite();
const LAPTOP = { width: 1280, height: 800 };

/** What has the keyboard focus: its text, or its tag when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body ? (el.textContent?.trim() ?? el.tagName) : 'BODY';
  });

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

describe.skipIf(!chromiumPath)("the interviewer's console", () => {
  it(
    'fits a coding round in panes on one screen, driven from the keyboard',
    {
      timeout: 90_000,
    },
    async () => {
      const context = await suite.browser.newContext({ viewport: LAPTOP });
      const page = await context.newPage();
      const errors: string[] = [];
      collectErrors(page, errors);
      await startPairedDrill(page, suite.server.url, 'coding');

      // Start round from the keyboard: focus lands on the clock's first control, not the body.
      await page.getByRole('button', { name: 'Start round' }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('console').waitFor();
      await expect.poll(() => focused(page)).toBe('Pause');

      // Three panes side by side, their tops in the first screen, the page ≤ two screens.
      const panes = ['The question', "The candidate's work", 'Signals, notes and score'];
      const boxes = await Promise.all(
        panes.map((name) => page.getByRole('region', { name, exact: true }).boundingBox()),
      );
      for (const box of boxes) expect(box!.y).toBeLessThan(LAPTOP.height);
      expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
      expect(boxes[1]!.x).toBeLessThan(boxes[2]!.x);
      expect(await pageHeight(page)).toBeLessThanOrEqual(2 * LAPTOP.height);
      // The assessment pane holds more than it shows, and scrolls on its own.
      const assess = page.getByRole('region', { name: 'Signals, notes and score' });
      const scrolls = await assess.evaluate((el) => {
        const pageY = window.scrollY;
        el.scrollTop = 200;
        return { scrollTop: el.scrollTop, pageMoved: window.scrollY - pageY };
      });
      expect(scrolls.scrollTop).toBeGreaterThan(0);
      expect(scrolls.pageMoved).toBe(0);
      await assess.evaluate((el) => (el.scrollTop = 0));

      // The shortcuts are listed on the page, and work from inside a text field.
      const list = page.getByRole('region', { name: 'Keyboard shortcuts' });
      for (const keys of ['Alt+Shift+P', 'Alt+Shift+N', 'Alt+Shift+H', 'Alt+Shift+E'])
        await list.getByText(keys).waitFor();
      await page.getByRole('textbox', { name: /private notes/ }).click();
      await page.keyboard.press('Alt+Shift+KeyP');
      await page.getByRole('button', { name: 'Resume' }).waitFor();
      await page.keyboard.press('Alt+Shift+KeyP');
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      // Typing a capital P in the notes is typing, not a shortcut.
      await page.keyboard.type('Pace ok');
      expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
      // The coding round opens with a story question: H reveals its next hint during that phase.
      const lpHints = page
        .getByTestId('lp-answer-guide')
        .locator('..')
        .getByText(/revealed\)/);
      await page.keyboard.press('Alt+Shift+KeyH');
      await expect.poll(() => lpHints.first().textContent()).toMatch(/\(1 of \d+ revealed\)/);
      const phase = () => page.locator('.phase--current .phase__title').textContent();
      const before = await phase();
      await page.keyboard.press('Alt+Shift+KeyN');
      await expect.poll(phase).not.toBe(before);
      // Past the story phase, H reveals the round's own question's first hint.
      await page.keyboard.press('Alt+Shift+KeyH');
      await expect
        .poll(() => page.locator('#hints-title').textContent())
        .toMatch(/\(1 of \d+ revealed\)/);

      // Pause with the keyboard: the same button keeps focus through the command.
      await page.getByRole('button', { name: 'Pause' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Resume' }).waitFor();
      expect(await focused(page)).toBe('Resume');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      expect(await focused(page)).toBe('Pause');

      expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
      await screenshot(page, 'console-coding-desktop');

      // Hiding the question pane widens the others; the choice outlives a reload.
      const work = page.getByRole('region', { name: "The candidate's work" });
      const narrow = (await work.boundingBox())!.width;
      await page.getByRole('button', { name: 'Question', exact: true }).click();
      await expect.poll(() => page.getByRole('region', { name: 'The question' }).count()).toBe(0);
      expect((await work.boundingBox())!.width).toBeGreaterThan(narrow * 1.2);
      await page.reload();
      await page.getByTestId('console').waitFor();
      expect(
        await page
          .getByRole('button', { name: 'Question', exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('false');
      await page.getByRole('button', { name: 'Question', exact: true }).click();
      await page.getByRole('region', { name: 'The question' }).waitFor();

      // End round: focus goes to the note that says the round is over.
      await page.getByRole('button', { name: 'End round' }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('round-over').waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('round-over');
      expect(await pageHeight(page)).toBeLessThanOrEqual(2 * LAPTOP.height);
      await screenshot(page, 'console-scoring-desktop');
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
