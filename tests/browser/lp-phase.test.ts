/**
 * The Leadership Principle phase that opens a technical round, in Chromium against the
 * production build: both roles see the story question during the phase, the interviewer
 * works its kit from the keyboard, the candidate gets only what is pushed or revealed, and
 * the score form rates the principles.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LoopView } from '../../shared/src/loop/project';
import { content } from '../helpers/content';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  sidewaysScroll,
  topOf,
  seriousA11yViolations,
  submitScoreForm,
} from '../helpers/browser';

const suite = browserSuite();

async function createLoop(mode: 'solo' | 'paired', roundId: string) {
  const res = await fetch(`${suite.server.url}/api/loops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, rounds: [{ id: roundId }] }),
  });
  expect(res.status).toBe(201);
  const { id, tokens } = (await res.json()) as { id: string; tokens: Record<string, string> };
  const staff = tokens.interviewer ?? tokens.candidate!;
  return {
    id,
    url: (role: string) => `${suite.server.url}/loop/${id}#token=${tokens[role]}`,
    /** The loop as the interviewer (or the solo user) sees it now. */
    async view(): Promise<LoopView> {
      const r = await fetch(`${suite.server.url}/api/loops/${id}`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      return (await r.json()) as LoopView;
    },
  };
}

/** The story question of round 0 as the content holds it. */
function lpQuestion(view: LoopView) {
  const lp = view.rounds[0]!.lp!;
  return content.question(lp.roundId, lp.question.id)!;
}

/** The start of a prompt, enough to find it on the page whatever the line breaks. */
const opening = (prompt: string) => prompt.trim().split('\n')[0]!.slice(0, 60);

const bodyText = async (page: Page) => (await page.locator('body').textContent()) ?? '';

describe.skipIf(!chromiumPath)('the Leadership Principle phase in the browser', () => {
  it('opens a paired technical round with a story question both sides see', async () => {
    const loop = await createLoop('paired', 'ml-depth');
    const interviewer = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const candidate = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    for (const page of [interviewer, candidate]) collectErrors(page, errors);
    await interviewer.goto(loop.url('interviewer'));
    await candidate.goto(loop.url('candidate'));
    await candidate.getByText('Waiting for the interviewer to start the round.').waitFor();

    // Before the start the interviewer prepares, and can change the story question.
    const panel = interviewer.locator('.lp-panel');
    await panel.getByRole('heading', { name: 'Leadership Principles: opening story' }).waitFor();
    const drawn = lpQuestion(await loop.view());
    expect(await panel.textContent()).toContain(opening(drawn.prompt));
    await interviewer.getByRole('button', { name: 'Draw a different story question' }).click();
    await expect.poll(async () => lpQuestion(await loop.view()).id).not.toBe(drawn.id);
    await expect
      .poll(() => panel.textContent())
      .toContain(opening(lpQuestion(await loop.view()).prompt));

    // Choose one from the bank, by principle, from the keyboard.
    await interviewer.getByRole('button', { name: 'Choose a story question' }).click();
    const owned = content.round('ml-depth')!.leadershipPrinciples;
    const principle = interviewer.getByLabel('Principle', { exact: true });
    await principle.selectOption(owned[0]!);
    const current = lpQuestion(await loop.view()).id;
    const choice = [
      ...content.round('behavioral')!.questions,
      ...content.round('bar-raiser')!.questions,
    ].find((q) => q.leadershipPrinciples.includes(owned[0]!) && q.id !== current)!;
    const use = interviewer.getByRole('button', {
      name: `Use this story question: ${choice.prompt.slice(0, 80)}`,
    });
    await use.focus();
    await interviewer.keyboard.press('Enter');
    await expect.poll(async () => lpQuestion(await loop.view()).id).toBe(choice.id);
    expect(await seriousA11yViolations(interviewer)).toEqual([]);
    await screenshot(interviewer, 'lp-intro-interviewer');

    await interviewer.getByRole('button', { name: 'Start round' }).click();
    const view = await loop.view();
    const story = lpQuestion(view);
    const own = content.question('ml-depth', view.rounds[0]!.question.id)!;

    // Both see the story question; the candidate not yet the round's own question.
    await candidate
      .getByRole('heading', { name: 'Leadership Principles: opening story' })
      .waitFor();
    expect(await candidate.locator('.lp-panel').textContent()).toContain(opening(story.prompt));
    await candidate
      .getByText('The ML breadth and depth question follows when this phase ends.')
      .waitFor();
    expect(await bodyText(candidate)).not.toContain(opening(own.prompt));
    for (const secret of [...story.signals, ...story.redFlags, ...story.hints])
      expect(await bodyText(candidate)).not.toContain(secret);

    // The interviewer pushes a follow-up and reveals a hint, from the keyboard.
    const followUps = interviewer.getByTestId('lp-follow-ups').locator('li');
    await followUps.nth(0).getByRole('button', { name: 'Push to the candidate' }).focus();
    await interviewer.keyboard.press('Enter');
    await expect
      .poll(() => candidate.getByTestId('lp-follow-ups').textContent())
      .toContain(story.followUps[0]!.text);
    expect(await bodyText(candidate)).not.toContain(story.followUps[1]!.text);
    await panel.getByRole('button', { name: 'Reveal hint 1 to the candidate' }).focus();
    await interviewer.keyboard.press('Enter');
    await expect.poll(() => bodyText(candidate)).toContain(story.hints[0]!);
    expect(await bodyText(candidate)).not.toContain(story.hints[1]!);

    // Its signals are ticked apart from the round question's.
    const guide = interviewer.getByTestId('lp-answer-guide');
    const first = guide.getByRole('checkbox').first();
    await first.focus();
    await interviewer.keyboard.press('Space');
    await expect
      .poll(async () => (await loop.view()).rounds[0]!.lp!.question.signalsTicked)
      .toEqual([0]);
    expect((await loop.view()).rounds[0]!.question.signalsTicked).toEqual([]);
    expect(
      await candidate.getByRole('heading', { name: 'What a strong answer shows' }).count(),
    ).toBe(0);

    for (const page of [interviewer, candidate])
      expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(interviewer, 'lp-phase-interviewer-desktop');
    await screenshot(candidate, 'lp-phase-candidate-desktop');
    for (const [page, name] of [
      [interviewer, 'lp-phase-interviewer-phone'],
      [candidate, 'lp-phase-candidate-phone'],
    ] as const) {
      await page.setViewportSize(PHONE);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, name);
      // Nothing wider than the phone, and the question being asked starts in the first screen.
      expect(await sidewaysScroll(page)).toBe(0);
      expect(await topOf(page, '.question__prompt'), name).toBeLessThan(PHONE.height - 60);
      await page.setViewportSize(DESKTOP);
    }

    // After the phase the round's own question leads; the story folds away.
    await interviewer.getByRole('button', { name: 'Next phase' }).click();
    await expect.poll(() => bodyText(candidate)).toContain(opening(own.prompt));
    const folded = candidate.locator('details.lp-panel');
    await folded.getByText('Opening story question (Leadership Principles)').waitFor();
    expect(await folded.getAttribute('open')).toBeNull();
    await folded.locator('summary').focus();
    await candidate.keyboard.press('Enter');
    await expect.poll(() => folded.getAttribute('open')).not.toBeNull();
    expect(await folded.textContent()).toContain(story.followUps[0]!.text);

    // The score form rates the principles, next to the story question asked.
    const dimension = interviewer
      .locator('fieldset.dimension')
      .filter({ hasText: 'Leadership Principles (opening story)' });
    expect(await dimension.textContent()).toContain(opening(story.prompt));
    await submitScoreForm(interviewer, 3, 'Clear story, owned the decision.');
    await interviewer.getByRole('button', { name: 'End round' }).click();
    await candidate.getByRole('heading', { name: 'Score this round' }).waitFor();
    expect(
      await candidate
        .locator('fieldset.dimension')
        .filter({ hasText: 'Leadership Principles (opening story)' })
        .count(),
    ).toBe(1);
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    await screenshot(candidate, 'lp-score-form-candidate');
    await submitScoreForm(candidate, 3, 'Told one story, then the breadth questions.');

    // The review counts the principles of the story question.
    await interviewer.getByRole('button', { name: 'Finish the loop and see the review' }).click();
    await candidate.getByRole('heading', { name: 'Loop review' }).waitFor();
    const coverage = candidate.locator('.lp-coverage');
    await expect.poll(() => coverage.textContent()).toContain('opening story question');
    for (const id of story.leadershipPrinciples) {
      const name = content.catalog.principles.find((p) => p.id === id)!.name;
      expect(await coverage.locator('li.lp--shown').filter({ hasText: name }).count()).toBe(1);
    }
    await candidate.locator('.review-round__lp').first().waitFor();
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    await screenshot(candidate, 'lp-review');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the solo candidate the story question, and its yardstick only after scoring', async () => {
    // Excalidraw's own markup has two serious findings this app cannot change (see
    // whiteboard.test.ts), so the canvas is left out of the accessibility checks below.
    const loop = await createLoop('solo', 'system-design');
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(loop.url('candidate'));
    await page.getByRole('heading', { name: 'Opening story question' }).waitFor();
    const story = lpQuestion(await loop.view());
    // Drawn, not shown, before the start.
    expect(await bodyText(page)).not.toContain(opening(story.prompt));
    await page.getByRole('button', { name: 'Start round' }).click();
    await page.getByRole('heading', { name: 'Leadership Principles: opening story' }).waitFor();
    expect(await page.locator('.lp-panel').textContent()).toContain(opening(story.prompt));
    await page
      .locator('.lp-panel')
      .getByRole('button', { name: /Reveal hint 1 of \d \(recorded with your score\)/ })
      .click();
    await expect.poll(() => bodyText(page)).toContain(story.hints[0]!);
    expect(await bodyText(page)).not.toContain(story.signals[0]!);
    expect(await seriousA11yViolations(page, ['.whiteboard__canvas'])).toEqual([]);
    await screenshot(page, 'lp-phase-solo-desktop');

    await page.getByRole('button', { name: 'End round' }).click();
    await page.getByRole('heading', { name: 'Score this round' }).waitFor();
    await submitScoreForm(page, 2, 'Story was thin on numbers.');
    const guide = page.getByTestId('lp-answer-guide');
    await guide.waitFor();
    expect(await guide.textContent()).toContain(story.signals[0]!);
    expect(await guide.textContent()).toContain(story.redFlags[0]!);
    await page.setViewportSize(PHONE);
    expect(await seriousA11yViolations(page, ['.whiteboard__canvas'])).toEqual([]);
    await screenshot(page, 'lp-solo-scored-phone');
    expect(errors).toEqual([]);
  }, 120_000);
});
