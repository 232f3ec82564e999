/**
 * The history page: several paired loops finished over REST and sockets, remembered by the
 * browser as the candidate's, then read back as progress across loops.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { TargetLevel } from '../../shared/src/levels';
import type { LoopReport } from '../../shared/src/report';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  sidewaysScroll,
  screenshot,
  seriousA11yViolations,
  seriousA11yViolationsInBothThemes,
} from '../helpers/browser';
import { content } from '../helpers/content';
import { commandIds, PairedClient, versionOf, type Peer } from '../helpers/paired';

const suite = browserSuite();
const client = new PairedClient(() => suite.server.url);
const cid = commandIds('history');

const ROUNDS = ['screen', 'behavioral'] as const;
const rubric = (roundId: string) => content.round(roundId)!.rubric;

/** A card rating every dimension `level`, except those given in `overrides`. */
function scoreCard(roundId: string, level: 1 | 2 | 3 | 4, overrides: Record<string, number> = {}) {
  const ratings = Object.fromEntries(rubric(roundId).map((d) => [d.id, overrides[d.id] ?? level]));
  return { ratings, vote: level, justification: `${roundId} at ${level}` };
}

async function command(peer: Peer, event: string, payload: object) {
  versionOf((await peer.emit(event, { commandId: cid(), ...payload })) as never);
}

/**
 * Runs a paired loop of the phone screen and behavioral rounds to its end. The interviewer
 * rates the screen `screenLevel` except its last dimension, always 2, and behavioral's first
 * dimension 1 (the rest 3); the candidate rates everything 3.
 */
async function finishedLoop(screenLevel: 1 | 2 | 3 | 4, targetLevel: TargetLevel) {
  const loop = await client.createPaired(
    ROUNDS.map((id) => ({ id })),
    { targetLevel },
  );
  const interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
  const candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
  const weakest = rubric('behavioral')[0]!.id;
  const flat = rubric('screen').at(-1)!.id;
  const partnerCards = [
    scoreCard('screen', screenLevel, { [flat]: 2 }),
    scoreCard('behavioral', 3, { [weakest]: 1 }),
  ];
  for (const [round, roundId] of ROUNDS.entries()) {
    await command(interviewer, 'round:start', { round });
    await command(interviewer, 'score:submit', { round, card: partnerCards[round] });
    await command(interviewer, 'round:end', { round });
    await command(candidate, 'score:submit', { round, card: scoreCard(roundId, 3) });
    await command(interviewer, 'round:next', { round });
  }
  interviewer.close();
  candidate.close();
  return { id: loop.id, token: loop.tokens.candidate };
}

async function reportOf(loop: { id: string; token: string }): Promise<LoopReport> {
  const res = await request(client.url)
    .get(`/api/loops/${loop.id}/report.json`)
    .set('Authorization', `Bearer ${loop.token}`)
    .expect(200);
  return JSON.parse(res.text) as LoopReport;
}

describe.skipIf(!chromiumPath)('history page', () => {
  it('shows progress across finished loops and drills the weakest round', async () => {
    // Oldest first: the interviewer's screen ratings rise 2 → 3 → 4, aiming for L4, L5, L6.
    const loops = [];
    for (const [level, target] of [
      [2, 'L4'],
      [3, 'L5'],
      [4, 'L6'],
    ] as const)
      loops.push(await finishedLoop(level, target));
    const reports = await Promise.all(loops.map(reportOf));
    expect(reports.map((r) => r.loop.status)).toEqual(['ended', 'ended', 'ended']);

    const page = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    const remembered = [
      ...loops.map((l, i) => ({ ...l, role: 'candidate', savedAt: Date.now() - (3 - i) * 1000 })),
      { id: 'gone-loop', token: 'not-a-token', role: 'candidate', savedAt: Date.now() - 10_000 },
    ];
    await page.evaluate(
      (entries) => localStorage.setItem('mockloop.loops', JSON.stringify(entries)),
      remembered,
    );
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/history');

    // The list: three loops and the one whose report failed, listed as such.
    const list = page.getByTestId('loop-list');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(4);
    await expect.poll(() => list.locator('a[href^="/loop/"]').count()).toBe(4);
    const rows = await list.locator('tbody tr').allTextContents();
    expect(await list.getByRole('columnheader').allTextContents()).toContain('Level');
    // Newest first, each with the level it targeted.
    expect(rows.slice(0, 3).map((r) => /(L\d)paired.*candidate/.exec(r)?.[1])).toEqual([
      'L6',
      'L5',
      'L4',
    ]);
    expect(rows.at(-1)).toMatch(/Could not load this loop's report/);
    expect(
      await list.locator(`a[href="/loop/${loops[2]!.id}#token=${loops[2]!.token}"]`).count(),
    ).toBe(1);

    // The phone screen's trend: a chart, and a table with the same numbers.
    const screenTrend = page.getByTestId('trend-screen');
    await screenTrend.locator('canvas').first().waitFor();
    await screenTrend.locator('summary').click();
    const firstDimension = rubric('screen')[0]!.title;
    const trendRow = screenTrend.getByRole('row', { name: new RegExp(`^${firstDimension}`) });
    expect(await trendRow.locator('td').allTextContents()).toEqual([
      '2 (self 3, interviewer 2)',
      '3 (self 3, interviewer 3)',
      '4 (self 3, interviewer 4)',
    ]);
    expect(await page.getByTestId('trend-behavioral').locator('canvas').count()).toBeGreaterThan(0);

    // Calibration: (4 screen gaps of 3 − level, the last's +1, behavioral's +2 and five 0s) / 11.
    const calibration = page.getByTestId('calibration-table');
    await page.getByText('Table of the calibration gaps').click();
    const gaps = await Promise.all(
      (await calibration.locator('tbody tr').all()).map((tr) =>
        tr.locator('th, td').allTextContents(),
      ),
    );
    expect(gaps.map((g) => [g[0], g[2], g[3]])).toEqual([
      ['Loop 1', '+0.6', '11'],
      ['Loop 2', '+0.3', '11'],
      ['Loop 3', '\u22120.1', '11'],
    ]);

    // The heatmap: every principle, one count per loop, as the reports have them.
    const heatmap = page.getByTestId('lp-heatmap');
    expect(await heatmap.locator('tbody tr').count()).toBe(16);
    for (const principle of reports[0]!.principles.slice(0, 16)) {
      const cells = await heatmap
        .getByRole('row', { name: new RegExp(`^${principle.name}`) })
        .locator('td')
        .allTextContents();
      const counts = reports.map(
        (r) => r.principles.find((p) => p.id === principle.id)!.sources.length,
      );
      const total = counts.reduce((a, b) => a + b, 0);
      expect(cells).toEqual([...counts.map(String), total === 0 ? '0 (none yet)' : String(total)]);
    }

    // The weakest dimension is behavioral's first, rated 1 by the interviewer every time.
    const weakest = page.getByTestId('weakest').locator('li');
    expect(await weakest.count()).toBe(3);
    const behavioral = content.round('behavioral')!;
    expect(await weakest.first().textContent()).toContain(behavioral.rubric[0]!.title);
    expect(await weakest.first().textContent()).toContain('Average 1.0 over 3 loops');
    expect(await weakest.nth(1).textContent()).toContain(rubric('screen').at(-1)!.title);
    expect(await weakest.nth(1).textContent()).toContain('Average 2.0 over 3 loops, latest 2');

    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
    await screenshot(page, 'history-desktop');

    const phone = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    collectErrors(phone, errors);
    await phone.goto(suite.server.url);
    await phone.evaluate(
      (entries) => localStorage.setItem('mockloop.loops', JSON.stringify(entries)),
      remembered,
    );
    await phone.goto(`${suite.server.url}/history`);
    await phone.getByTestId('trend-screen').locator('canvas').first().waitFor();
    await phone.getByTestId('lp-heatmap').waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'history-phone');
    // The table of loops reflows instead of being cut off or scrolling the page sideways.
    expect(await sidewaysScroll(phone)).toBe(0);
    for (const table of ['loop-list', 'calibration-table']) {
      const cells = phone.getByTestId(table).locator('tbody td, tbody th');
      const right = await cells.evaluateAll((all) =>
        Math.max(...all.map((cell) => cell.getBoundingClientRect().right)),
      );
      expect(right, table).toBeLessThanOrEqual(PHONE.width);
    }
    await screenshot(phone, 'history-phone');

    // "Drill this round" starts a solo loop of that round alone, at the level this device
    // aims for.
    await page.evaluate(() => localStorage.setItem('mockloop.targetLevel', '"L6"'));
    await weakest
      .first()
      .getByRole('button', { name: /^Drill this round/ })
      .click();
    await page.waitForURL(/\/loop\/[A-Za-z0-9_-]+#token=/);
    await page.locator('.step__title', { hasText: behavioral.title }).waitFor();
    expect(await page.locator('.step__title').allTextContents()).toEqual([behavioral.title]);
    expect(await page.getByTestId('loop-level').textContent()).toBe('Aiming for L6');
    const drillId = new URL(page.url()).pathname.split('/').at(-1)!;
    const saved = await page.evaluate(() => localStorage.getItem('mockloop.loops'));
    expect(JSON.parse(saved!)[0]).toMatchObject({ id: drillId, role: 'candidate' });
    // The one expected error: the browser logs the refused report of the forgotten loop.
    expect(errors.filter((e) => !/^Failed to load resource: .* status of 40[14]/.test(e))).toEqual(
      [],
    );
  });

  it('says so when no loop has ended yet', async () => {
    const page = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(`${suite.server.url}/history`);
    await page.getByText('This device has not opened a loop yet.').waitFor();

    const running = await client.createLoop('solo', [{ id: 'screen' }]);
    await page.evaluate(
      (entry) => localStorage.setItem('mockloop.loops', JSON.stringify([entry])),
      { id: running.id, token: running.tokens.candidate!, role: 'candidate', savedAt: Date.now() },
    );
    await page.reload();
    await page.getByTestId('history-empty').getByText('No finished loop yet').waitFor();
    expect(await page.getByTestId('loop-list').locator('tbody tr').textContent()).toMatch(
      /solo.*candidate.*in progress/,
    );
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Where to practise next' }).count()).toBe(0);
    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
