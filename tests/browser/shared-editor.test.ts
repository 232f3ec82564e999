/**
 * A paired coding round in two browsers: both people type in the shared editor at the
 * same moment and end with the same text, holding both of their edits; a refresh shows it
 * again. And the interviewer's signal checklist in an ML-depth round, which the review
 * lists once the loop is over.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  screenshot,
  seriousA11yViolationsInBothThemes,
} from '../helpers/browser';
import { PairedClient } from '../helpers/paired';

const suite = browserSuite();

type Role = 'interviewer' | 'candidate';

/** A paired loop of one round; a coding round gets a function to write, never SQL. */
async function pairedLoop(roundId: string) {
  const client = new PairedClient(() => suite.server.url);
  const round = roundId === 'coding' ? { id: roundId, family: 'coding' } : { id: roundId };
  const loop = await client.createPaired([round]);
  return (role: Role) => `${suite.server.url}/loop/${loop.id}#token=${loop.tokens[role]}`;
}

async function openAs(link: string, errors: string[]): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
  page.setDefaultTimeout(15_000);
  collectErrors(page, errors);
  await page.goto(link);
  return page;
}

const editorText = async (page: Page) =>
  (await page.locator('.cm-content .cm-line').allTextContents()).join('\n');

describe.skipIf(!chromiumPath)('shared code editor and signal checklist in the browser', () => {
  it('two people type in the shared editor at once and end with identical text', async () => {
    const link = await pairedLoop('coding');
    const errors: string[] = [];
    const interviewer = await openAs(link('interviewer'), errors);
    const candidate = await openAs(link('candidate'), errors);
    await interviewer.getByRole('button', { name: 'Start round' }).click();

    const editors = [interviewer, candidate].map((page) =>
      page.getByRole('textbox', { name: 'Code editor' }),
    );
    await Promise.all(editors.map((editor) => editor.waitFor()));
    await expect.poll(() => editorText(candidate)).toMatch(/^def \w+\(/);
    const starter = await editorText(candidate);
    expect(await editorText(interviewer)).toBe(starter);

    // The interviewer writes at the top while the candidate writes at the bottom, key by key,
    // at the same time.
    await editors[0]!.click();
    await interviewer.keyboard.press('ControlOrMeta+Home');
    await editors[1]!.click();
    await candidate.keyboard.press('ControlOrMeta+End');
    const fromInterviewer = '# interviewer: what if the input is empty?\n';
    const fromCandidate = '\n# candidate: one pass, O(n) time';
    await Promise.all([
      interviewer.keyboard.type(fromInterviewer, { delay: 15 }),
      candidate.keyboard.type(fromCandidate, { delay: 15 }),
    ]);

    for (const page of [interviewer, candidate])
      await expect.poll(() => page.getByTestId('code-save-state').textContent()).toBe('Saved');
    await expect
      .poll(async () => (await editorText(interviewer)) === (await editorText(candidate)))
      .toBe(true);
    const text = await editorText(candidate);
    expect(text).toContain(fromInterviewer.trim());
    expect(text).toContain(fromCandidate.trim());
    expect(text).toContain(starter.split('\n')[0]!);
    expect(await seriousA11yViolationsInBothThemes(candidate)).toEqual([]);
    await screenshot(candidate, 'shared-editor-candidate-desktop');

    // A late joiner (a refresh) gets the current text. Meanwhile the candidate's browser
    // loads Python for the tests, which on one machine running the server and both
    // browsers slows this page's start from under a second to two or three.
    await interviewer.reload();
    await expect.poll(() => editorText(interviewer), { timeout: 10_000 }).toBe(text);

    // Round over: the code is kept and read-only for both, with no more test runs.
    await interviewer.getByRole('button', { name: /End round/ }).click();
    for (const page of [interviewer, candidate]) {
      await page.getByTestId('round-over').waitFor();
      await page.getByRole('textbox', { name: 'The shared code (read only)' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Code editor' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Run tests/ }).count()).toBe(0);
      expect(await editorText(page)).toBe(text);
    }
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.type('# too late');
    expect(await editorText(candidate)).toBe(text);
    await screenshot(candidate, 'code-round-over-desktop');
    expect(errors).toEqual([]);
  });

  it('the interviewer ticks the signals heard, and the review lists them', async () => {
    const link = await pairedLoop('ml-depth');
    const errors: string[] = [];
    const interviewer = await openAs(link('interviewer'), errors);
    const candidate = await openAs(link('candidate'), errors);
    await interviewer.getByRole('button', { name: 'Start round' }).click();

    // The round question's checklist (the opening story question has one of its own).
    const checklist = interviewer
      .getByRole('region', { name: 'What a strong answer shows', exact: true })
      .getByRole('group', { name: /Tick each one as you hear it/ });
    await checklist.waitFor();
    const boxes = checklist.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(1);
    // By keyboard: focus the first box, tick it, move on and tick the second.
    await boxes.first().focus();
    await interviewer.keyboard.press('Space');
    await interviewer.keyboard.press('Tab');
    await interviewer.keyboard.press('Space');
    await expect.poll(() => checklist.locator('legend').textContent()).toMatch(/· 2 of \d+/);
    expect(await seriousA11yViolationsInBothThemes(interviewer)).toEqual([]);
    await screenshot(interviewer, 'signal-checklist-interviewer-desktop');
    // The candidate never sees the signals.
    expect(await candidate.getByText('What a strong answer shows').count()).toBe(0);

    await interviewer.getByRole('button', { name: /End round/ }).click();
    await interviewer
      .getByRole('button', { name: /Finish the loop|Next round|Close the round/ })
      .first()
      .click();
    await interviewer.getByRole('heading', { name: 'Loop review' }).waitFor();
    await interviewer.getByText(/^Signals heard: 2 of \d+$/).click();
    await expect.poll(() => interviewer.getByText(/^Heard:/).count()).toBe(2);
    await screenshot(interviewer, 'signal-review-desktop');
    expect(errors).toEqual([]);
  });
});
