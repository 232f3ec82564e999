import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  sidewaysScroll,
  topOf,
  screenshot,
  seriousA11yViolations,
  seriousA11yViolationsInBothThemes,
  browserSuite,
} from '../helpers/browser';
import { SQL_QUESTION_IDS } from '../helpers/content';

const suite = browserSuite();

describe.skipIf(!chromiumPath)('solo loop in the browser', () => {
  async function expectAccessible(page: Page) {
    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
  }

  it('clicks through a short solo loop to the review page', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);

    await page.goto(suite.server.url);
    await page.getByRole('heading', { name: 'Practise the Amazon ML engineer loop' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'home-desktop');

    await page.getByLabel(/Single-round drill/).check();
    await page.getByLabel('Round to drill').selectOption('screen');
    await page.getByLabel('Minutes for Phone screen').fill('8');
    await page.getByRole('button', { name: /Start loop · 1 rounds · 8 min/ }).click();

    await page.waitForURL(/\/loop\/[A-Za-z0-9_-]+#token=/);
    await page.getByRole('button', { name: 'Start round' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'round-intro-desktop');
    await page.getByRole('button', { name: 'Start round' }).click();

    const timer = page.getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^\d:\d\d$/);
    const notes = page.getByRole('textbox', { name: 'Your notes' });
    await notes.fill('Clarify: which team, which metrics matter most.');
    await expect.poll(() => page.getByTestId('notes-save-state').textContent()).toMatch(/^Saved/);
    await expectAccessible(page);
    await screenshot(page, 'round-desktop');

    // A refresh resumes exactly where the loop is.
    const labelBefore = await page.locator('.countdown__label').textContent();
    await page.reload();
    await expect
      .poll(() => notes.inputValue())
      .toBe('Clarify: which team, which metrics matter most.');
    expect(await page.locator('.countdown__label').textContent()).toBe(labelBefore);

    await page.getByRole('button', { name: 'Next phase' }).click();
    await expect.poll(() => page.getByTestId('announcer').textContent()).toMatch(/phase 2 of \d/);
    while (await page.getByRole('button', { name: /Next phase|Finish phase/ }).isVisible()) {
      await page.getByRole('button', { name: /Next phase|Finish phase/ }).click();
      await page.waitForTimeout(100);
    }

    const form = page.getByRole('form', { name: 'Score this round' });
    await form.waitFor();
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toMatch(/ is over\. Score the round\.$/);
    // The sound toggle says what a press does.
    await page.getByRole('button', { name: 'Turn sounds off' }).click();
    await page.getByRole('button', { name: 'Turn sounds on' }).click();
    await page.getByRole('button', { name: 'Turn sounds off' }).waitFor();
    // Signals are not shown before the self-score.
    expect(await page.getByRole('heading', { name: 'What a strong answer shows' }).count()).toBe(0);
    const dimensions = form.locator('fieldset.dimension');
    const count = await dimensions.count();
    for (let i = 0; i < count - 1; i++)
      await dimensions
        .nth(i)
        .getByLabel(/^3 · Inclined/)
        .check();
    await dimensions.last().getByLabel('3 · Inclined').check();
    await form
      .getByLabel(/Justification/)
      .fill('Clear structure; hesitated on the metrics question.');
    await expectAccessible(page);
    await screenshot(page, 'score-form-desktop');
    await form.getByRole('button', { name: 'Submit score' }).click();

    await page.getByRole('heading', { name: 'What a strong answer shows' }).waitFor();
    await page.getByRole('button', { name: 'Finish the loop and see the review' }).click();

    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    expect(await page.getByTestId('target-level').textContent()).toBe(
      'Level targeted: L5 (mid-level, independent)',
    );
    expect(await page.getByTestId('outcome').textContent()).toBe('Hire');
    expect(await page.getByTestId('debrief-clause').textContent()).toMatch(
      /^Hire: no Strong No Hire/,
    );
    expect(await page.getByRole('table').first().textContent()).toContain('Overall vote');
    await expectAccessible(page);
    await screenshot(page, 'review-desktop');

    const phone = await suite.browser.newPage({ viewport: PHONE });
    await phone.goto(page.url());
    await phone.getByRole('heading', { name: 'Loop review' }).waitFor();
    // No page of the loop scrolls sideways on a phone: the review's tables reflow.
    await phone.locator('.pacing-table').first().waitFor();
    expect(await sidewaysScroll(phone)).toBe(0);
    await screenshot(phone, 'review-phone');
    await phone.goto(suite.server.url);
    await phone.getByRole('button', { name: /Start loop/ }).waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(await sidewaysScroll(phone)).toBe(0);
    await screenshot(phone, 'home-phone');
    await phone.getByRole('button', { name: /Start loop/ }).click();
    await phone.getByRole('button', { name: 'Start round' }).click();
    await phone.getByRole('timer').waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(await sidewaysScroll(phone)).toBe(0);
    // The question starts in the first screen, above the clock's guidance.
    expect(await topOf(phone, '.question__prompt')).toBeLessThan(PHONE.height - 60);
    await screenshot(phone, 'round-phone');
    expect(errors).toEqual([]);
  });

  it('draws another question or picks one from the bank by topic before the round starts', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    await page.goto(suite.server.url);
    await page.getByLabel(/Single-round drill/).check();
    await page.getByLabel('Round to drill').selectOption('coding');
    await page.getByLabel('Difficulty').selectOption('hard');
    await page.getByRole('button', { name: /Start loop/ }).click();
    await page.getByRole('button', { name: 'Start round' }).waitFor();
    // The round's own question (the story question that opens it has a picker of its own).
    const picker = page.getByRole('region', { name: 'Question', exact: true });
    expect(await picker.textContent()).toContain('A hard question');

    const versionBefore = await page.getByTestId('loop').getAttribute('data-version');
    await page.getByRole('button', { name: 'Draw a different question' }).click();
    // A re-draw keeps the difficulty the user asked for.
    await expect
      .poll(() => page.getByTestId('loop').getAttribute('data-version'))
      .not.toBe(versionBefore);
    expect(await picker.textContent()).toContain('A hard question');
    await page.getByRole('button', { name: 'Choose from the question bank' }).click();
    await page.getByLabel('Topic').selectOption('knapsack');
    const items = page.locator('.picker__item');
    await expect.poll(() => items.count()).toBe(1);
    const prompt = (await items.first().locator('.prose__paragraph').first().textContent())!;
    await expectAccessible(page);
    await screenshot(page, 'question-picker-desktop');
    await items
      .first()
      .getByRole('button', { name: /Use this question/ })
      .click();
    await expect.poll(() => picker.textContent()).toContain('A medium question');

    // The round opens with its Leadership Principle phase; the chosen question follows it.
    await page.getByRole('button', { name: 'Start round' }).click();
    await page.getByRole('heading', { name: 'Leadership Principles: opening story' }).waitFor();
    await page.getByRole('button', { name: 'Next phase' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('article', { name: 'Question', exact: true })
          .locator('.question__prompt')
          .textContent(),
      )
      .toContain(prompt.slice(0, 60));
  });

  it('writes code in a coding round from the question signature, in the chosen language', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    // The SQL questions count as practised on this device, so the draw gives a function.
    await page.evaluate(
      (ids) => localStorage.setItem('mockloop.recentQuestions', JSON.stringify(ids)),
      SQL_QUESTION_IDS,
    );
    await page.reload();
    await page.getByLabel(/Single-round drill/).check();
    await page.getByLabel('Round to drill').selectOption('coding');
    await page.getByRole('button', { name: /Start loop/ }).click();
    await page.getByRole('button', { name: 'Start round' }).click();

    const editor = page.getByRole('textbox', { name: 'Code editor' });
    await editor.waitFor();
    const starter = (await editor.textContent())!;
    expect(starter).toMatch(/^def \w+\(/);
    // Alone, nobody shares the editor: it says the language, not "both of you".
    expect(await page.locator('.code-workspace').textContent()).not.toContain('both of you');
    await page.getByLabel('Language').selectOption('typescript');
    await expect.poll(() => editor.textContent()).toMatch(/^function \w+\(/);
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// my approach: one pass with a map');
    await expect.poll(() => page.getByTestId('code-save-state').textContent()).toBe('Saved');
    await expectAccessible(page);
    await screenshot(page, 'coding-round-desktop');

    await page.reload();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Code editor' }).textContent())
      .toContain('// my approach: one pass with a map');
    expect(await page.getByLabel('Language').inputValue()).toBe('typescript');
    expect(errors).toEqual([]);
  });

  it('starts a loop and runs the clock from the keyboard alone', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    await page.goto(suite.server.url);
    await page.getByRole('button', { name: /Start loop/ }).waitFor();
    const focusByTab = async (name: RegExp) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (name.test(text)) return;
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    await focusByTab(/^Start loop/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Start round' }).waitFor();
    await focusByTab(/^Start round$/);
    await page.keyboard.press('Enter');
    await page.getByRole('timer').waitFor();
    await focusByTab(/^Pause$/);
    await page.keyboard.press('Enter');
    await page.getByText('Paused').waitFor();
  });
});
