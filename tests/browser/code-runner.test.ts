/**
 * "Run tests" in a coding round, in Chromium against the production build: the question's
 * reference solutions pass in Python (Pyodide served by this server), JavaScript and
 * TypeScript; an infinite loop is stopped at the time limit and the next run works; a
 * syntax error gets one clear message; the interviewer sees each run live.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RUN_MAX_CASES } from '../../shared/src/code-run';
import type { CodingSpec } from '../../shared/src/content';
import {
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolations,
  browserSuite,
} from '../helpers/browser';
import { createCodingLoop, setCode, wordColour, type CodingLoop } from '../helpers/coding-round';
import { SYNTAX_COLOURS } from '../../client/src/features/workspace-code/highlight';

const suite = browserSuite();

/** First Python run: Pyodide loads (up to its own 60 s limit) before the tests run. */
const RUN_WAIT_MS = 90_000;

/** The editor's colour of keywords in the light theme (a new page's), as the browser computes it. */
const KEYWORD = `rgb(${[1, 3, 5].map((i) => parseInt(SYNTAX_COLOURS.light.keyword.slice(i, i + 2), 16)).join(', ')})`;

const status = (page: Page) => page.getByTestId('run-status').textContent();

/** Clicks "Run tests" and waits for the run's final status, naming `language`. */
async function runTests(page: Page, languageName: string, expected: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Run tests' }).click();
  await expect
    .poll(
      async () =>
        `${await status(page)} | ${(await page.locator('.run-panel__meta').allTextContents()).join('')}`,
      { timeout: RUN_WAIT_MS },
    )
    .toMatch(new RegExp(`${expected.source}.* \\| ${languageName} · `));
  return (await status(page))!;
}

const allPassed = (spec: CodingSpec) => {
  const n = Math.min(spec.tests.length, RUN_MAX_CASES);
  return new RegExp(`Passed: ${n} of ${n} cases passed`);
};

async function expectEveryCasePassed(page: Page, spec: CodingSpec) {
  const cases = page.getByTestId('run-case');
  expect(await cases.count()).toBe(Math.min(spec.tests.length, RUN_MAX_CASES));
  expect(await page.locator('.run-case--fail').count()).toBe(0);
}

/**
 * The candidate's page of a solo coding loop with the round started and the editor shown;
 * counts the page's workers (the test runner should start one and keep it).
 */
async function openStartedRound(loop: CodingLoop) {
  const page = await suite.browser.newPage({ viewport: DESKTOP });
  const errors: string[] = [];
  collectErrors(page, errors);
  let started = 0;
  page.on('worker', () => started++);
  await page.goto(loop.url('candidate'));
  await page.getByRole('button', { name: 'Start round' }).click();
  await page.getByRole('textbox', { name: 'Code editor' }).waitFor();
  return { page, errors, workers: () => started };
}

/** The JavaScript reference with TypeScript-only syntax around it, which must be stripped. */
const asTypeScript = (javascript: string) =>
  `interface Checked { passed: boolean }\nenum Unused { A }\n${javascript}\nconst note: Checked = { passed: true } as Checked;\n`;

describe.skipIf(!chromiumPath)('running the tests of a coding round in the browser', () => {
  it('passes every case with the reference solution in Python, JavaScript and TypeScript', async () => {
    const loop = await createCodingLoop(suite.server.url, 'solo');
    const { page, errors, workers } = await openStartedRound(loop);

    await setCode(page, 'python', loop.spec.solutions.python);
    // Each language's highlighting is fetched when it is chosen.
    await expect.poll(() => wordColour(page, 'def')).toBe(KEYWORD);
    await page.getByRole('button', { name: 'Run tests' }).click();
    // Pyodide loads on the first Python run, outside the time limit, and says so.
    await expect.poll(() => status(page)).toMatch(/^Loading Python…/);
    await expect.poll(() => status(page), { timeout: RUN_WAIT_MS }).toMatch(allPassed(loop.spec));
    await expectEveryCasePassed(page, loop.spec);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await setCode(page, 'javascript', loop.spec.solutions.javascript);
    await expect.poll(() => wordColour(page, 'function')).toBe(KEYWORD);
    await runTests(page, 'JavaScript', allPassed(loop.spec));
    await expectEveryCasePassed(page, loop.spec);

    await setCode(page, 'typescript', asTypeScript(loop.spec.solutions.javascript));
    await expect.poll(() => wordColour(page, 'interface')).toBe(KEYWORD);
    await runTests(page, 'TypeScript', allPassed(loop.spec));
    await expectEveryCasePassed(page, loop.spec);
    // Passing cases are folded; each opens from the keyboard to show input and output.
    await page.getByText('Case 1: passed').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('run-case').first().locator('dt').allTextContents())
      .toEqual(['Input', 'Expected', 'Returned']);
    await screenshot(page, 'code-run-passed-desktop');

    // One warm worker for every run: Python is not loaded a second time.
    await setCode(page, 'python', loop.spec.solutions.python);
    await runTests(page, 'Python', allPassed(loop.spec));
    expect(workers()).toBe(1);

    // The run is kept with the loop: a refresh shows it again.
    await page.reload();
    await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(allPassed(loop.spec));
    expect(await page.locator('.run-panel__meta').textContent()).toMatch(/^Python · /);
    expect(errors).toEqual([]);
  }, 240_000);

  it('stops an infinite loop at the time limit, then runs again; reports a syntax error', async () => {
    const loop = await createCodingLoop(suite.server.url, 'solo');
    const { name } = loop.spec.signature;
    const { page, errors, workers } = await openStartedRound(loop);

    await setCode(page, 'python', `def ${name}(*args):\n    while True:\n        pass\n`);
    const stopped = await runTests(
      page,
      'Python',
      /Time limit: Stopped after 5 s — an infinite loop\?/,
    );
    expect(stopped).toContain('Case 1 was still running');
    expect(await page.locator('.run-case--fail').first().textContent()).toContain(
      'Stopped: still running after 5 s',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'code-run-timeout-desktop');

    // The page stayed responsive: the clock still ticks and the next run gets a fresh worker.
    const before = await page.getByRole('timer').textContent();
    await expect.poll(() => page.getByRole('timer').textContent()).not.toBe(before);
    await setCode(page, 'python', loop.spec.solutions.python);
    await runTests(page, 'Python', allPassed(loop.spec));
    expect(workers()).toBe(2);

    await setCode(page, 'javascript', `function ${name}() {\n  for (;;) {}\n}\n`);
    // Stop cuts a run short by hand; nothing is recorded and the next run starts afresh.
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(page)).toBe('Stopped. Nothing was recorded.');
    await runTests(page, 'JavaScript', /Time limit: Stopped after 5 s/);
    await setCode(page, 'javascript', loop.spec.solutions.javascript);
    await runTests(page, 'JavaScript', allPassed(loop.spec));

    await setCode(page, 'python', `def ${name}(:\n    return 1\n`);
    const syntax = await runTests(page, 'Python', /Could not run: SyntaxError: .*\(line 1\)/);
    expect(syntax).not.toContain('Traceback');
    expect(await page.getByTestId('run-case').count()).toBe(0);
    await setCode(page, 'javascript', `function ${name}() {\n  return [1, 2;\n}\n`);
    await runTests(page, 'JavaScript', /Could not run: SyntaxError: .*\(line 2\)/);

    // Java is edit-only: the button is disabled and says why.
    await page.getByLabel('Language').selectOption('java');
    expect(await page.getByRole('button', { name: 'Run tests' }).isDisabled()).toBe(true);
    await page.getByText(/Java and C\+\+ are for writing and reading the solution/).waitFor();
    await screenshot(page, 'code-run-java-desktop');

    const phone = await suite.browser.newPage({ viewport: PHONE });
    collectErrors(phone, errors);
    await phone.goto(loop.url('candidate'));
    await phone.getByRole('textbox', { name: 'Code editor' }).waitFor();
    await setCode(phone, 'python', `def ${name}(*args):\n    print("args:", args)\n    return 0\n`);
    await runTests(phone, 'Python', /(Passed|Failed): \d+ of \d+ cases passed/);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'code-run-phone');
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows the interviewer each run of the candidate as it happens', async () => {
    const loop = await createCodingLoop(suite.server.url, 'paired');
    const interviewer = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const candidate = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    const errors: string[] = [];
    for (const page of [interviewer, candidate]) collectErrors(page, errors);
    await interviewer.goto(loop.url('interviewer'));
    await candidate.goto(loop.url('candidate'));
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await candidate.getByRole('textbox', { name: 'Code editor' }).waitFor();

    await setCode(candidate, 'javascript', loop.spec.solutions.javascript);
    await runTests(candidate, 'JavaScript', allPassed(loop.spec));
    await expect.poll(() => status(interviewer)).toMatch(allPassed(loop.spec));

    const { name } = loop.spec.signature;
    await setCode(candidate, 'javascript', `function ${name}() { throw new TypeError('nope'); }`);
    await runTests(candidate, 'JavaScript', /Failed: 0 of \d+ cases passed/);
    await expect.poll(() => status(interviewer)).toMatch(/Failed: 0 of \d+ cases passed/);
    expect(await interviewer.locator('.run-case--fail').first().textContent()).toContain(
      'TypeError: nope',
    );
    expect(await seriousA11yViolations(interviewer)).toEqual([]);
    await screenshot(interviewer, 'code-run-interviewer');
    expect(errors).toEqual([]);
  }, 120_000);
});
