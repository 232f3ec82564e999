import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  SCREENSHOT_DIR,
  seriousA11yViolationsInBothThemes,
  browserSuite,
  startPairedDrill,
  submitScoreForm,
} from '../helpers/browser';

const suite = browserSuite();

/** Seconds shown by the phase countdown (m:ss). */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return m! * 60 + s!;
}

describe.skipIf(!chromiumPath)('paired mock interview in the browser', () => {
  it('keeps the links one click away during the loop, and tells a replaced link so', async () => {
    const interviewer = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const candidate = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const { candidate: link } = await startPairedDrill(interviewer, suite.server.url);
    await candidate.goto(link);
    await candidate.getByText('Waiting for the interviewer to start the round.').waitFor();
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await candidate.getByRole('timer').waitFor();

    // Out of the lobby: the links behind one control, the same link as before.
    await interviewer.getByText("Share the loop's links").click();
    expect(await interviewer.getByLabel(/Candidate link/).inputValue()).toBe(link);
    expect(await seriousA11yViolationsInBothThemes(interviewer)).toEqual([]);
    await interviewer.getByRole('button', { name: 'Replace the candidate link' }).click();
    await expect.poll(() => interviewer.getByLabel(/Candidate link/).inputValue()).not.toBe(link);
    const replaced = await interviewer.getByLabel(/Candidate link/).inputValue();

    // The old link's page says what happened and what to do, instead of reconnecting forever.
    const alert = candidate.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('This link was replaced');
    expect(await alert.textContent()).toContain('Ask the interviewer for the new link');
    await screenshot(candidate, 'paired-link-replaced');
    await candidate.goto(replaced);
    await candidate.getByRole('timer').waitFor();
  });

  it('interviewer and candidate share one round on two machines, then swap roles', async () => {
    const interviewer = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const candidate = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    for (const page of [interviewer, candidate]) collectErrors(page, errors);

    const { candidate: candidateLink } = await startPairedDrill(interviewer, suite.server.url);
    expect(candidateLink).toMatch(/\/loop\/[A-Za-z0-9_-]+#token=/);
    await expect
      .poll(() => interviewer.getByTestId('presence').textContent())
      .toContain('candidate: not connected');

    await candidate.goto(candidateLink);
    await candidate.getByText('Waiting for the interviewer to start the round.').waitFor();
    await expect
      .poll(() => interviewer.getByTestId('presence').textContent())
      .toContain('candidate: connected');
    expect(await seriousA11yViolationsInBothThemes(interviewer)).toEqual([]);
    await screenshot(interviewer, 'paired-lobby-interviewer');
    await screenshot(candidate, 'paired-lobby-candidate');

    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await candidate.getByRole('timer').waitFor();
    await interviewer.getByRole('timer').waitFor();
    // Both show the server's deadline: the two countdowns agree within a second.
    await candidate.waitForTimeout(1200);
    const [a, b] = await Promise.all([shownSeconds(interviewer), shownSeconds(candidate)]);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);

    // The candidate's notes appear on the interviewer's screen as they type.
    await candidate
      .getByRole('textbox', { name: /Your notes/ })
      .pressSequentially('I would start with the customer.', { delay: 5 });
    await expect
      .poll(() => interviewer.getByRole('textbox', { name: /candidate's notes/ }).inputValue())
      .toBe('I would start with the customer.');

    // A pushed follow-up reaches the candidate; the others stay with the interviewer.
    const followUps = interviewer.getByTestId('follow-ups').locator('li');
    const firstFollowUp = (await followUps.first().locator('.prose__paragraph').textContent())!;
    const secondFollowUp = (await followUps.nth(1).locator('.prose__paragraph').textContent())!;
    await followUps.first().getByRole('button', { name: 'Push to the candidate' }).click();
    await expect
      .poll(() => candidate.getByTestId('follow-ups').textContent())
      .toContain(firstFollowUp);
    expect(await candidate.locator('body').textContent()).not.toContain(secondFollowUp);
    expect(
      await candidate.getByRole('heading', { name: 'What a strong answer shows' }).count(),
    ).toBe(0);

    await interviewer
      .getByRole('textbox', { name: /private notes/ })
      .fill('PRIVATE: strong framing');
    expect(await seriousA11yViolationsInBothThemes(interviewer)).toEqual([]);
    expect(await seriousA11yViolationsInBothThemes(candidate)).toEqual([]);
    await screenshot(interviewer, 'paired-interviewer-console');
    await screenshot(candidate, 'paired-candidate-view');

    // Blind scoring: the interviewer scores during the round; the candidate cannot see it.
    await submitScoreForm(interviewer, 1, 'Partner: vague on metrics');
    await interviewer.getByText(/Waiting for the candidate's self-score/).waitFor();
    await interviewer.getByRole('button', { name: 'End round' }).click();
    await candidate.getByRole('heading', { name: 'Score this round' }).waitFor();
    expect(await candidate.locator('body').textContent()).not.toContain(
      'Partner: vague on metrics',
    );
    expect(await candidate.locator('body').textContent()).not.toContain('PRIVATE: strong framing');
    await submitScoreForm(candidate, 3, 'Self: I covered the basics');
    await candidate.getByText('Partner: vague on metrics').waitFor();
    await interviewer.getByText('Self: I covered the basics').waitFor();
    // Scored, the candidate's result opens the worked solution: signals, red flags, hints.
    await candidate.getByRole('heading', { name: 'What a strong answer shows' }).waitFor();
    await candidate.getByRole('heading', { name: 'Red flags' }).waitFor();

    await interviewer.getByRole('button', { name: 'Finish the loop and see the review' }).click();
    await candidate.getByRole('heading', { name: 'Loop review' }).waitFor();
    await interviewer.getByRole('heading', { name: 'Loop review' }).waitFor();
    expect(await candidate.getByTestId('outcome').textContent()).toBe('No hire');
    expect(await candidate.getByTestId('debrief-clause').textContent()).toMatch(/Strong No Hire/);
    // The interviewer's review keeps their private notes; the candidate's never has them.
    const ownPrivate = interviewer.locator('details', { hasText: 'Your private notes' });
    await ownPrivate.locator('summary').click();
    expect(await ownPrivate.locator('.notes-view').textContent()).toBe('PRIVATE: strong framing');
    expect(await candidate.locator('body').textContent()).not.toContain('PRIVATE: strong framing');
    // The candidate's review carries the worked solution of the round they scored.
    const worked = candidate.getByTestId('worked-solution');
    await worked.locator('summary').click();
    await worked.getByRole('heading', { name: 'What a strong answer shows' }).waitFor();

    // The review puts both scores side by side and flags where they differ by two levels.
    const table = candidate.locator('table.score-table').first();
    const voteRow = table.locator('tr.score-table__vote');
    await expect.poll(() => voteRow.textContent()).toMatch(/3 · Inclined.*1 · Strong No Hire/);
    expect(await voteRow.locator('.gap--notable').textContent()).toBe('+2 (differ by 2)');
    // The follow-up pushed during the round, when; the pacing; Leadership Principles.
    await candidate.getByRole('heading', { name: 'Hints and follow-ups' }).waitFor();
    expect(await candidate.locator('.hint-ledger li').first().textContent()).toMatch(
      /^Follow-up 1 at \d+\.\d min: /,
    );
    await candidate.locator('.pacing-table caption').first().waitFor();
    expect(await candidate.locator('.pacing-table caption').first().textContent()).toMatch(
      /^Pacing: \d+\.\d min of \d+\.\d min planned/,
    );
    await candidate
      .getByRole('heading', { name: /Leadership Principles: \d+ of 16 evidenced/ })
      .waitFor();
    expect(await seriousA11yViolationsInBothThemes(candidate)).toEqual([]);
    await screenshot(candidate, 'review-paired-desktop');
    await candidate.emulateMedia({ media: 'print' });
    await screenshot(candidate, 'review-paired-print');
    await candidate.pdf({ path: `${SCREENSHOT_DIR}/review-paired.pdf`, format: 'A4' });
    await candidate.emulateMedia({ media: 'screen' });

    // Exported, then imported on another machine: the same review.
    const [, loopId, token] = /\/loop\/([^#]+)#token=(.+)$/.exec(candidate.url())!;
    const exported = await fetch(`${suite.server.url}/api/loops/${loopId}/report.json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const reportFile = `${SCREENSHOT_DIR}/exported-report.json`;
    writeFileSync(reportFile, await exported.text());
    const elsewhere = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    collectErrors(elsewhere, errors);
    await elsewhere.goto(`${suite.server.url}/import`);
    await elsewhere.getByLabel('Report file (JSON)').setInputFiles(reportFile);
    await elsewhere.getByRole('heading', { name: 'Loop review (imported)' }).waitFor();
    const same = async (selector: string) => {
      const [live, imported] = await Promise.all(
        [candidate, elsewhere].map((page) => page.locator(selector).first().textContent()),
      );
      expect(imported, selector).toBe(live);
    };
    for (const selector of [
      '[data-testid="target-level"]',
      '[data-testid="outcome"]',
      '[data-testid="debrief-clause"]',
      'table.score-table',
      '.hint-ledger',
      '.pacing-table',
      '.lp-coverage',
    ])
      await same(selector);
    expect(await seriousA11yViolationsInBothThemes(elsewhere)).toEqual([]);
    await screenshot(elsewhere, 'review-imported-desktop');
    // A file that is not a report is refused, with the reason.
    const notReport = `${SCREENSHOT_DIR}/not-a-report.json`;
    writeFileSync(notReport, '{"format":"something-else"}');
    await elsewhere.getByLabel('Report file (JSON)').setInputFiles(notReport);
    await elsewhere.getByText(/This is not a mockloop report/).waitFor();
    expect(await elsewhere.getByRole('heading', { name: 'Loop review (imported)' }).count()).toBe(
      0,
    );

    // One click takes both into the next loop with roles reversed.
    await candidate.getByRole('button', { name: 'Swap roles and start the next loop' }).click();
    await candidate.getByText('Start round').waitFor();
    await interviewer.getByText('Waiting for the interviewer to start the round.').waitFor();
    expect(await candidate.getByTestId('presence').textContent()).toContain(
      'You are the interviewer',
    );
    expect(await interviewer.getByTestId('presence').textContent()).toContain(
      'You are the candidate',
    );

    const phone = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    await phone.goto(candidate.url());
    await phone.getByText('Start round').waitFor();
    await screenshot(phone, 'paired-phone-interviewer');
    expect(errors).toEqual([]);
  }, 90_000);
});
