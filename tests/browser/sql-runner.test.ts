/**
 * SQL questions in Chromium against the production build: the question picked from the
 * bank opens the editor in SQL from its tables; the reference query passes every case on
 * sql.js (loaded from this server on the first SQL run); a wrong query fails with the
 * expected and returned rows side by side; what is not one SELECT is refused. And every
 * SQL reference of the bank passes every case through the real test-runner worker.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CodeRunInput } from '../../shared/src/code-run';
import type { SqlCase, SqlTable } from '../../shared/src/sql';
import type {
  SqlRunRequest,
  WorkerReport,
} from '../../client/src/features/workspace-code/runner/run-protocol';
import {
  completedRun,
  failedRun,
} from '../../client/src/features/workspace-code/runner/run-results';
import { sqlCaseResult } from '../../client/src/features/workspace-code/runner/sql-results';
import {
  browserSuite,
  chromiumPath,
  CLIENT_DIR,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolations,
} from '../helpers/browser';
import { catalog, content } from '../helpers/content';
import { SQL_VARIANTS } from '../helpers/sql-variants';

const suite = browserSuite();

const QUESTION_ID = 'sql-bought-together';
const question = content.question('coding', QUESTION_ID)!;
const spec = question.sql!;
const cases = spec.tests.length;
/** First SQL run: sql.js and its wasm load before the tests run. */
const RUN_WAIT_MS = 30_000;

async function createLoop(): Promise<{ url: string }> {
  const res = await fetch(`${suite.server.url}/api/loops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'solo', rounds: [{ id: 'coding' }] }),
  });
  expect(res.status).toBe(201);
  const { id, tokens } = (await res.json()) as { id: string; tokens: { candidate: string } };
  return { url: `${suite.server.url}/loop/${id}#token=${tokens.candidate}` };
}

/** Picks the SQL question from the bank, as a person would, and starts the round. */
async function pickQuestionAndStart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Choose from the question bank' }).click();
  await page.getByLabel('Topic').selectOption('sql');
  const item = page.locator('.picker__item').filter({ hasText: 'order_lines' });
  await item.getByRole('button', { name: /Use this question/ }).click();
  await expect.poll(() => page.locator('.picker__item').count()).toBe(0);
  await page.getByRole('button', { name: 'Start round' }).click();
  // Past the opening Leadership Principle phase, to the round's own question.
  await page.getByRole('button', { name: 'Next phase' }).click();
  await page.locator('.question:not(.question--lp)').waitFor();
  await page.getByRole('textbox', { name: 'Code editor' }).waitFor();
}

const editorText = async (page: Page) =>
  (await page.locator('.cm-content .cm-line').allTextContents()).join('\n');

async function setCode(page: Page, code: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
  await expect.poll(() => editorText(page)).toBe(code.replace(/\n$/, ''));
}

const status = (page: Page) => page.getByTestId('run-status').textContent();

/** Clicks "Run tests" and waits for a final status matching `expected`. */
async function runTests(page: Page, expected: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Run tests' }).click();
  await expect.poll(() => status(page), { timeout: RUN_WAIT_MS }).toMatch(expected);
  return (await status(page))!;
}

const allPassed = new RegExp(`^✓ Passed: ${cases} of ${cases} cases passed$`);

/** Runs every SQL reference through the built test-runner worker, inside the page. */
async function runReferencesInWorker(page: Page) {
  const worker = readdirSync(`${CLIENT_DIR}/assets`).find((name) =>
    /^run-worker-[\w-]+\.js$/.test(name),
  );
  expect(worker, 'the built test-runner worker').toBeDefined();
  const sqlQuestions = catalog.rounds.flatMap((r) => r.questions.filter((q) => q.sql));
  const requests: SqlRunRequest[] = sqlQuestions.map((q, i) => ({
    type: 'run-sql',
    runId: i + 1,
    language: 'sql',
    code: q.sql!.solution,
    tables: q.sql!.tables,
    fixtures: q.sql!.tests.map((t) => t.fixtures),
  }));
  const reports = await page.evaluate(
    async ({ url, requests }) => {
      const runner = new Worker(url, { type: 'module' });
      const all: unknown[] = [];
      const done = new Promise<void>((resolve, reject) => {
        let left = requests.length;
        runner.onerror = (event) => reject(new Error(event.message));
        runner.onmessage = ({ data }: MessageEvent<{ type: string }>) => {
          all.push(data);
          if ((data.type === 'finished' || data.type === 'failed') && --left === 0) resolve();
        };
      });
      for (const request of requests) runner.postMessage(request);
      await done;
      runner.terminate();
      return all;
    },
    { url: `/assets/${worker}`, requests },
  );
  return sqlQuestions.map((q, i) => {
    const mine = (reports as WorkerReport[]).filter((r) => r.runId === i + 1);
    const failed = mine.find((r) => r.type === 'failed');
    if (failed?.type === 'failed')
      return {
        id: q.id,
        run: failedRun({ language: 'sql', message: failed.message, durationMs: 0 }),
      };
    const outcomes = mine.flatMap((r) => (r.type === 'case' ? [r.outcome] : []));
    const run: CodeRunInput = completedRun({
      language: 'sql',
      tests: q.sql!.tests as SqlCase[],
      judge: sqlCaseResult,
      outcomes,
      durationMs: 0,
    });
    return { id: q.id, tables: q.sql!.tables as SqlTable[], run };
  });
}

describe.skipIf(!chromiumPath)('SQL questions in the browser', () => {
  it('runs the reference and a wrong query on sql.js, with the result tables side by side', async () => {
    const { url } = await createLoop();
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    const requested: string[] = [];
    page.context().on('request', (request) => requested.push(request.url()));
    await page.goto(url);
    await pickQuestionAndStart(page);
    expect(requested.filter((u) => u.includes('sql'))).toEqual([]);

    // The editor is SQL only and starts from the tables; the card lists them too.
    await expect.poll(() => editorText(page)).toMatch(/^-- SQLite\. Tables:\n-- {3}order_lines\n/);
    expect(await editorText(page)).toContain('-- Return the columns: product_a, product_b, orders');
    expect(await page.getByLabel('Language').count()).toBe(0);
    await page.getByTestId('code-language-fixed').waitFor();
    expect(await page.locator('.question:not(.question--lp)').textContent()).toContain(
      'Tables (SQLite)',
    );
    await screenshot(page, 'sql-round-start-desktop');

    await setCode(page, spec.solution);
    await runTests(page, allPassed);
    // SQLite's wasm came from this server, on this first SQL run, and nothing from elsewhere.
    expect(requested.filter((u) => u.endsWith('.wasm'))).toEqual([
      `${suite.server.url}/vendor/sqljs/sql-wasm-browser.wasm`,
    ]);
    expect(requested.filter((u) => !u.startsWith(suite.server.url))).toEqual([]);
    expect(await page.getByTestId('run-case').count()).toBe(cases);
    expect(await page.locator('.run-case--fail').count()).toBe(0);
    expect(await page.locator('.run-panel__meta').textContent()).toMatch(/^SQL · /);
    // A passing case opens from the keyboard to its expected and returned tables.
    await page.getByText('Case 1: passed').focus();
    await page.keyboard.press('Enter');
    const firstCase = page.getByTestId('run-case').first();
    await expect
      .poll(() => firstCase.locator('caption').allTextContents())
      .toEqual(expect.arrayContaining(['Expected, in this order (3 rows)', 'Returned (3 rows)']));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sql-run-passed-desktop');

    // Counting both orderings of each pair: the diff marks the rows that differ.
    const wrong = SQL_VARIANTS[QUESTION_ID]!.wrong[0]!;
    await setCode(page, wrong);
    await runTests(page, /^✗ Failed: [0-8] of 9 cases passed$/);
    const failing = page.locator('.run-case--fail').first();
    expect(await failing.locator('details').first().getAttribute('open')).not.toBeNull();
    await expect
      .poll(() => failing.locator('.sql-case__reason').first().textContent())
      .toMatch(/Row \d differs \(order matters here\)\.|Expected \d+ rows?, got \d+/);
    expect(await failing.locator('caption').first().textContent()).toMatch(
      /^Expected, in this order/,
    );
    expect(await failing.locator('.sql-table__row--marked').count()).toBeGreaterThan(0);
    expect(await failing.getByRole('cell', { name: 'differs' }).count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sql-run-failed-desktop');

    // Only one SELECT runs; SQLite's own words for a syntax error.
    await setCode(page, 'DELETE FROM order_lines;');
    await runTests(page, /^! Could not run: Only a query is run here: one SELECT statement/);
    expect(await page.getByTestId('run-case').count()).toBe(0);
    await setCode(page, 'SELECT product FORM order_lines');
    await runTests(page, /^! Could not run: SQL error: near "order_lines": syntax error$/);

    // A query that never ends meets the same time limit; the next run gets a fresh worker.
    await setCode(
      page,
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*), 1, 2 FROM n',
    );
    await runTests(
      page,
      /^! Time limit: Stopped after 5 s — an infinite loop\? Case 1 was still running/,
    );

    // The same round at phone width: the last run is the loop's, shown again.
    await setCode(page, spec.solution);
    await runTests(page, allPassed);
    const phone = await suite.browser.newPage({ viewport: PHONE });
    collectErrors(phone, errors);
    await phone.goto(url);
    await expect.poll(() => status(phone), { timeout: 10_000 }).toMatch(allPassed);
    await phone.getByRole('textbox', { name: 'Code editor' }).waitFor();
    await setCode(phone, wrong);
    await runTests(phone, /^✗ Failed: /);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'sql-run-failed-phone');
    expect(errors).toEqual([]);
  }, 120_000);

  it('passes every case of every SQL reference in the real test-runner worker', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    const results = await runReferencesInWorker(page);
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const { id, run } of results) {
      const failedCases = run.cases.filter((c) => !c.passed).map((c) => c.index + 1);
      expect({ id, outcome: run.outcome, message: run.message, failedCases }).toEqual({
        id,
        outcome: 'passed',
        message: expect.stringMatching(/^(\d+) of \1 cases passed$/),
        failedCases: [],
      });
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
