import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateLoopResponse } from '../../shared/src/api';
import type { LoopView } from '../../shared/src/loop/project';
import {
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolations,
  browserSuite,
  submitScoreForm,
} from '../helpers/browser';

const suite = browserSuite();

const STORY = {
  Situation: 'Our fraud model flagged 4% of legitimate payments during the holiday peak.',
  Task: 'I owned cutting false positives below 1% without losing recall.',
  Action:
    'We met the payments team. We agreed on a plan and we split the work, so our team shipped it.',
  Result: 'False positives fell to 0.6% and recall held at 92%.',
  'What I learned': 'Tune thresholds per segment, not globally.',
};
const MY_ACTION =
  'I profiled the errors by merchant segment, I re-weighted the classes and I moved the threshold per segment.';

async function createLoop(mode: 'solo' | 'paired', rounds: object[]) {
  const response = await fetch(`${suite.server.url}/api/loops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode, rounds }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateLoopResponse;
}

/** The loop as the server keeps it, seen with `token`. */
async function serverView(loopId: string, token: string): Promise<LoopView> {
  const response = await fetch(`${suite.server.url}/api/loops/${loopId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as LoopView;
}

const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

async function expectSaved(page: Page) {
  await expect.poll(() => page.getByTestId('star-save-state').textContent()).toBe('Saved');
}

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Ends every phase of the running round, then self-scores it Inclined throughout. */
async function finishAndScore(page: Page) {
  const next = page.getByRole('button', { name: /Next phase|Finish phase/ });
  while (await next.isVisible()) {
    await next.click();
    await page.waitForTimeout(100);
  }
  await page.getByRole('form', { name: 'Score this round' }).waitFor();
  await submitScoreForm(page, 3, 'Specific story, quantified result.');
  await page.getByRole('heading', { name: 'What a strong answer shows' }).waitFor();
}

describe.skipIf(!chromiumPath)('STAR workspace and story bank in the browser', () => {
  it('writes a STAR answer, banks the story, reuses it in the Bar Raiser round and is warned', async () => {
    const loop = await createLoop('solo', [
      { id: 'behavioral', minutes: 5 },
      { id: 'bar-raiser', minutes: 5 },
    ]);
    const token = loop.tokens.candidate;
    // One context for the whole test: the story bank lives in this device's localStorage.
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(`${suite.server.url}/loop/${loop.id}#token=${token}`);
    await page.getByRole('button', { name: 'Start round' }).click();

    // Round 1: the five fields, each with its own word count, and the totals.
    await field(page, 'Situation').waitFor();
    for (const [name, text] of Object.entries(STORY)) await field(page, name).fill(text);
    expect(await page.getByTestId('star-situation-count').textContent()).toBe('12 words');
    expect(await page.getByTestId('star-action-count').textContent()).toBe('20 words');
    expect(await page.getByTestId('star-learned-count').textContent()).toBe('6 words');
    const totals = page.getByTestId('star-totals');
    expect(await totals.textContent()).toBe('58 words in all“I” 1“we” 5');
    // "we" outnumbers "I": the nudge shows, and goes once the action says what I did.
    const nudge = page.getByTestId('star-we-nudge');
    expect(await nudge.textContent()).toContain('You say “we” more than “I”');
    await field(page, 'Action').fill(MY_ACTION);
    await expect.poll(() => totals.textContent()).toBe('56 words in all“I” 4“we” 1');
    expect(await nudge.textContent()).toBe('');

    // The question's own Leadership Principles are marked; a tick works from the keyboard.
    const view = await serverView(loop.id, token);
    const asked = view.rounds[0]!.question.leadershipPrinciples;
    expect(asked.length).toBeGreaterThan(0);
    expect(await page.locator('.star-principle--asked').count()).toBe(asked.length);
    expect(await page.locator('.star-principles__list input[type="checkbox"]').count()).toBe(16);
    const ownership = page.getByRole('checkbox', { name: /^Ownership/ });
    await ownership.focus();
    await page.keyboard.press('Space');
    expect(await ownership.isChecked()).toBe(true);
    await expectSaved(page);

    // Save to the story bank: the title starts from the situation's first words.
    await page.getByRole('button', { name: 'Save to story bank' }).click();
    const title = page.getByRole('textbox', { name: 'Story title' });
    expect(await title.inputValue()).toBe('Our fraud model flagged 4% of…');
    await title.fill('Holiday fraud false positives');
    await page.getByRole('button', { name: 'Save story' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'story bank' }).textContent())
      .toBe('Saved “Holiday fraud false positives” in the story bank on this device.');
    // Focus is back on the button that opened the form.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Save to story bank',
    );
    await page.getByText('From your story bank: “Holiday fraud false positives”').waitFor();
    await expectSaved(page);
    const kept = (await serverView(loop.id, token)).rounds[0]!.star;
    expect(kept).toMatchObject({
      situation: STORY.Situation,
      action: MY_ACTION,
      principles: ['ownership'],
      story: { title: 'Holiday fraud false positives' },
    });
    await expectAccessible(page);
    await screenshot(page, 'star-round-desktop');

    // Score round 1 and move to the Bar Raiser round.
    await finishAndScore(page);
    await page.getByRole('button', { name: 'Next round' }).click();
    await page.getByRole('button', { name: 'Start round' }).click();
    await field(page, 'Situation').waitFor();
    expect(await field(page, 'Situation').inputValue()).toBe('');
    const warning = page.getByTestId('star-reuse-warning');
    expect(await warning.textContent()).toBe('');

    // Reuse the banked story: the fields fill in and the reuse warning names round 1.
    const reuse = page.getByLabel('Reuse a story from your bank');
    await reuse.selectOption({ label: 'Holiday fraud false positives · told 1 time' });
    await page.getByRole('button', { name: 'Use this story' }).click();
    expect(await field(page, 'Situation').inputValue()).toBe(STORY.Situation);
    expect(await field(page, 'Action').inputValue()).toBe(MY_ACTION);
    expect(await page.getByRole('checkbox', { name: /^Ownership/ }).isChecked()).toBe(true);
    await expect
      .poll(() => warning.textContent())
      .toBe(
        `You already told this story in round 1, “${view.rounds[0]!.title}”. Prepare a different story for each question of a loop: the interviewers compare notes in the debrief.`,
      );
    await expectSaved(page);
    await expectAccessible(page);
    await screenshot(page, 'star-reuse-desktop');

    // Updating the reused story keeps its id: still one story in the bank, linked from both rounds.
    const betterResult = 'False positives fell to 0.6% and recall held at 92% for three months.';
    await field(page, 'Result').fill(betterResult);
    await page.getByRole('button', { name: 'Save to story bank' }).click();
    expect(await title.inputValue()).toBe('Holiday fraud false positives');
    await page.getByRole('button', { name: 'Update the saved story' }).click();
    await page
      .getByText('Updated “Holiday fraud false positives” in the story bank on this device.')
      .waitFor();
    await expectSaved(page);
    const banked = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('mockloop.stories.v1') ?? '[]'),
    );
    const rounds = (await serverView(loop.id, token)).rounds;
    expect(banked).toHaveLength(1);
    expect(banked[0]).toMatchObject({ id: kept!.story!.id, result: betterResult });
    expect(rounds[1]!.star).toMatchObject({ result: betterResult, story: kept!.story });

    // After a reload the answer is the server's and the bank is still on this device.
    await page.reload();
    await expect.poll(() => field(page, 'Situation').inputValue()).toBe(STORY.Situation);
    expect(await field(page, 'Result').inputValue()).toBe(betterResult);
    await expect
      .poll(() => warning.textContent())
      .toContain('You already told this story in round 1');
    expect(await reuse.locator('option').allTextContents()).toEqual([
      'Choose a story…',
      'Holiday fraud false positives · told 2 times',
    ]);

    await page.setViewportSize(PHONE);
    await expectAccessible(page);
    await screenshot(page, 'star-reuse-phone');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the interviewer the answer live, as text, with its counts', async () => {
    const loop = await createLoop('paired', [{ id: 'behavioral', minutes: 5 }]);
    const interviewer = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const candidate = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    for (const page of [interviewer, candidate]) collectErrors(page, errors);
    await interviewer.goto(`${suite.server.url}/loop/${loop.id}#token=${loop.tokens.interviewer}`);
    await candidate.goto(`${suite.server.url}/loop/${loop.id}#token=${loop.tokens.candidate}`);
    await interviewer.getByRole('button', { name: 'Start round' }).click();

    await field(candidate, 'Situation').fill('<b>We</b> shipped <img src=x onerror=alert(1)>');
    await field(candidate, 'Action').fill('We paired, we tested.');
    await expectSaved(candidate);

    const answer = interviewer.locator('.star-read');
    await expect
      .poll(() => answer.locator('.star-read__text').first().textContent())
      .toBe('<b>We</b> shipped <img src=x onerror=alert(1)>');
    expect(await answer.locator('b, img').count()).toBe(0);
    expect(await interviewer.getByTestId('star-totals').textContent()).toBe(
      '9 words in all“I” 0“we” 3',
    );
    expect(await interviewer.getByTestId('star-we-nudge').textContent()).toContain(
      'ask what the candidate did themself',
    );
    expect(await interviewer.getByRole('textbox', { name: 'Situation', exact: true }).count()).toBe(
      0,
    );
    await expectAccessible(interviewer);
    await screenshot(interviewer, 'star-interviewer-desktop');
    expect(errors).toEqual([]);
  });
});
