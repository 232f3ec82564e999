/**
 * Levels, question families and the online assessment in the browser: the level chosen on
 * the home page (and remembered), the rubric's note for it while scoring, the review naming
 * it, a coding drill of one family, and the online assessment taken alone end to end.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolations,
  submitScoreForm,
} from '../helpers/browser';
import { catalog } from '../helpers/content';

/** The prompts of the shipped ML-coding questions. */
const ML_CODING_PROMPTS = catalog.rounds
  .find((r) => r.id === 'coding')!
  .questions.filter((q) => q.family === 'ml-coding')
  .map((q) => q.prompt.replace(/[`\s]+/g, ''));

const suite = browserSuite();

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Ends the current round from its controls and scores it Inclined on every dimension. */
async function endAndScore(page: Page, justification: string) {
  await page.getByRole('button', { name: 'End round' }).click();
  await page.getByRole('form', { name: 'Score this round' }).waitFor();
  await submitScoreForm(page, 3, justification);
  await page.getByRole('heading', { name: 'What a strong answer shows' }).waitFor();
}

describe.skipIf(!chromiumPath)('levels, families and the online assessment in the browser', () => {
  it('shows the rubric note for the level chosen, remembers the level and names it in the review', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    const l5 = page.getByRole('radio', { name: /^L5/ });
    await l5.waitFor();
    expect(await l5.isChecked()).toBe(true);
    await page.getByRole('radio', { name: /^L4/ }).check();
    await page.reload();
    expect(await page.getByRole('radio', { name: /^L4/ }).isChecked()).toBe(true);

    await page.getByLabel(/Single-round drill/).check();
    await page.getByLabel('Round to drill').selectOption('screen');
    await page.getByRole('button', { name: /Start loop/ }).click();
    await page.getByRole('button', { name: 'Start round' }).click();
    expect(await page.getByTestId('loop-level').textContent()).toBe('Aiming for L4');
    await page.getByRole('button', { name: 'End round' }).click();

    const form = page.getByRole('form', { name: 'Score this round' });
    await form.waitFor();
    const scope = form.locator('fieldset.dimension').first();
    const note = catalog.rounds.find((r) => r.id === 'screen')!.rubric[0]!.levelNotes!.L4!;
    expect(await scope.locator('.dimension__level-note').textContent()).toBe(`At L4: ${note}`);
    // Only the targeted level's note is shown.
    expect(await form.getByText(/^At L5:/).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'score-form-level-note-desktop');
    const phone = await suite.browser.newPage({ viewport: PHONE });
    await phone.goto(page.url());
    await phone.getByRole('form', { name: 'Score this round' }).waitFor();
    await expectAccessible(phone);
    await screenshot(phone, 'score-form-level-note-phone');

    await submitScoreForm(page, 3, 'Clear on fundamentals.');
    await page.getByRole('button', { name: 'Finish the loop and see the review' }).click();
    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    expect(await page.getByTestId('target-level').textContent()).toBe(
      'Level targeted: L4 (early career)',
    );
    await phone.close();
    expect(errors).toEqual([]);
  });

  it('drills the coding round on ML-coding questions only, chosen in the round plan', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    await page.goto(suite.server.url);
    await page.getByLabel(/Single-round drill/).check();
    await page.getByLabel('Round to drill').selectOption('coding');
    const family = page.getByLabel('Questions for Coding');
    expect(await family.locator('option').allTextContents()).toEqual([
      'Any question',
      'Algorithms and data structures only',
      'ML coding only',
      'SQL only',
    ]);
    await family.selectOption('ml-coding');
    await expectAccessible(page);
    await screenshot(page, 'home-family-drill-desktop');

    // The family choice works from the keyboard: focus the select and step to the option.
    await family.selectOption('');
    await family.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await family.inputValue()).toBe('ml-coding');

    await page.getByRole('button', { name: /Start loop/ }).click();
    await page.getByRole('button', { name: 'Start round' }).click();
    // Past the opening Leadership Principle phase, to the round's own question.
    await page.getByRole('button', { name: 'Next phase' }).click();
    const prompt = page.locator('.question:not(.question--lp) .question__prompt');
    await prompt.waitFor();
    const shown = (await prompt.innerText()).replace(/[`\s]+/g, '');
    expect(ML_CODING_PROMPTS.some((p) => p.startsWith(shown.slice(0, 40)))).toBe(true);
    // A fresh browser context is a new device: it aims for L5 until told otherwise.
    expect(await page.getByTestId('loop-level').textContent()).toBe('Aiming for L5');

    const phone = await suite.browser.newPage({ viewport: PHONE });
    await phone.goto(suite.server.url);
    await phone.getByLabel(/Single-round drill/).check();
    await phone.getByLabel('Round to drill').selectOption('coding');
    await phone.getByLabel('Questions for Coding').selectOption('ml-coding');
    await expectAccessible(phone);
    await screenshot(phone, 'home-family-drill-phone');
    await phone.close();
  });

  it('takes the online assessment alone: two different problems, 90 minutes, then the review', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    await page.getByRole('radio', { name: /^Mock interview with a partner/ }).check();
    await page.getByRole('radio', { name: /^L6/ }).check();
    await page.getByRole('radio', { name: /^Online assessment/ }).check();

    // Taken alone: the partner option gives way, and the plan holds two numbered problems.
    expect(await page.getByRole('radio', { name: /^Alone/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Mock interview/ }).isDisabled()).toBe(true);
    await page.getByText('The online assessment is taken alone, with no interviewer.').waitFor();
    expect(await page.locator('.plan__include span').allTextContents()).toEqual([
      'Online assessment problem 1',
      'Online assessment problem 2',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'home-online-assessment-desktop');
    const phone = await suite.browser.newPage({ viewport: PHONE });
    await phone.goto(suite.server.url);
    await phone.getByRole('radio', { name: /^Online assessment/ }).check();
    await expectAccessible(phone);
    await screenshot(phone, 'home-online-assessment-phone');

    await page.getByRole('button', { name: 'Start loop · 2 rounds · 90 min' }).click();
    await page.getByRole('button', { name: 'Start round' }).click();
    expect(await page.getByTestId('loop-level').textContent()).toBe('Aiming for L6');
    expect(await page.locator('.step__title').allTextContents()).toEqual([
      'Online assessment problem',
      'Online assessment problem',
    ]);
    await page.getByRole('textbox', { name: 'Code editor' }).waitFor();
    const first = await page.locator('.question__prompt').textContent();
    await expectAccessible(page);
    await screenshot(page, 'online-assessment-round-desktop');
    await phone.goto(page.url());
    await phone.getByRole('textbox', { name: 'Code editor' }).waitFor();
    await screenshot(phone, 'online-assessment-round-phone');
    await phone.close();
    await endAndScore(page, 'Passed the examples, missed the empty input.');

    await page.getByRole('button', { name: 'Next round' }).click();
    await page.getByRole('button', { name: 'Start round' }).click();
    await page.getByRole('textbox', { name: 'Code editor' }).waitFor();
    const second = await page.locator('.question__prompt').textContent();
    expect(second).not.toBe(first);
    await endAndScore(page, 'Met the bounds with a heap.');

    await page.getByRole('button', { name: 'Finish the loop and see the review' }).click();
    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    expect(await page.getByTestId('target-level').textContent()).toBe(
      'Level targeted: L6 (senior, owns a system)',
    );
    expect(await page.getByTestId('outcome').textContent()).toBe('Hire');
    await expectAccessible(page);
    await screenshot(page, 'online-assessment-review-desktop');
    expect(errors).toEqual([]);
  });
});
