/**
 * What a person sees of the kit and of the limits: the worked solution a solo candidate
 * gets once they have scored a coding round, a save refused because the loop's storage is
 * full, and a tab refused because its role already has every connection it may.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  CLIENT_DIR,
  collectErrors,
  DESKTOP,
  launchBrowser,
  PHONE,
  screenshot,
  SCREENSHOT_DIR,
  seriousA11yViolations,
  submitScoreForm,
} from '../helpers/browser';
import { DocEditor } from '../helpers/docs';
import { commandIds, PairedClient } from '../helpers/paired';
import {
  startTestServer,
  TEST_LIMITS,
  TEST_RATE_LIMITS,
  type TestServer,
} from '../helpers/test-server';
import type { Browser } from 'playwright-core';

const MB = 1024 * 1024;
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startTestServer({
    clientDir: CLIENT_DIR,
    rateLimits: { ...TEST_RATE_LIMITS, command: { perSecond: 1e6, burst: 1e6 } },
    limits: {
      sockets: { ...TEST_LIMITS.sockets, perRole: 1 },
      quotas: { ...TEST_LIMITS.quotas, loopBytes: MB },
    },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const cid = commandIds('limits-browser');

async function open(link: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  collectErrors(page, errors);
  await page.goto(link);
  return { page, errors };
}

describe.skipIf(!chromiumPath)('the kit and the limits in the browser', () => {
  it('opens the worked solution of a coding round once the solo candidate has scored', async () => {
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'coding', family: 'coding' }]);
    const { page, errors } = await open(
      `${server.url}/loop/${loop.id}#token=${loop.tokens.candidate}`,
    );
    await page.getByRole('button', { name: 'Start round' }).click();
    // Written in Python (the default): the Python reference is the one that opens.
    await page.locator('.cm-content').click();
    await page.keyboard.type('# first idea');
    await expect.poll(() => page.getByTestId('code-save-state').textContent()).toBe('Saved');
    await page.getByRole('button', { name: 'End round' }).click();
    expect(await page.getByText('Reference solutions').count()).toBe(0);
    await submitScoreForm(page, 3, 'Worked it through.');
    await page.getByRole('heading', { name: 'Reference solutions' }).waitFor();
    expect(await page.locator('.reference-solution[open] summary').allTextContents()).toEqual([
      'Python',
    ]);
    await expect
      .poll(() => page.locator('.reference-solution[open] code').textContent())
      .toMatch(/def \w+\(/);
    await page.getByRole('heading', { name: 'The hint ladder' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'worked-solution-desktop');
    await page
      .getByTestId('score-result')
      .screenshot({ path: `${SCREENSHOT_DIR}/worked-solution-panel-desktop.png` });
    // One connection per role on this server: the phone takes the desktop's place.
    await page.close();
    const phone = await open(`${server.url}/loop/${loop.id}#token=${loop.tokens.candidate}`, PHONE);
    await phone.page.getByRole('heading', { name: 'Reference solutions' }).waitFor();
    // Once the page has settled (its fonts and panels in), nothing is wider than the phone.
    await expect
      .poll(() =>
        phone.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      )
      .toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'worked-solution-phone');
    await phone.page
      .locator('.reference-solution[open]')
      .screenshot({ path: `${SCREENSHOT_DIR}/worked-solution-code-phone.png` });
    expect([...errors, ...phone.errors]).toEqual([]);
  });

  it("says why a note is not saved once the loop's storage is full", async () => {
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'screen' }]);
    const link = `${server.url}/loop/${loop.id}#token=${loop.tokens.candidate}`;
    // Fill the loop's storage from a script, as a flood of edits would, and leave.
    const script = await client.join('candidate', loop.id, loop.tokens.candidate!);
    await script.emit('round:start', { commandId: cid(), round: 0 });
    const typed = await new DocEditor(script.socket, { kind: 'notes', round: 0 }).join();
    for (let i = 0; i < 60; i++) {
      const ack = await typed.set(`${i} ${'n'.repeat(19_990)}`);
      if (!ack.ok) break;
    }
    typed.close();
    script.close();
    const { page, errors } = await open(link);
    const notes = page.getByRole('textbox', { name: 'Your notes' });
    // Until the live document has loaded, the saved notes show read-only; typing waits.
    await page.locator('textarea#notes:not([readonly])').waitFor();
    await notes.press('End');
    await notes.pressSequentially(' and one more thought');
    await page
      .getByRole('alert')
      .filter({ hasText: /loop has used its 1 MB of storage/ })
      .waitFor();
    expect(await page.getByTestId('notes-save-state').textContent()).toMatch(/^Not saved/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'storage-full-desktop');
    await page
      .locator('section.notes')
      .first()
      .screenshot({ path: `${SCREENSHOT_DIR}/storage-full-notes-desktop.png` });
    expect(errors).toEqual([]);
  });

  it('tells a second tab that its role already has every connection it may', async () => {
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'screen' }]);
    const link = `${server.url}/loop/${loop.id}#token=${loop.tokens.candidate}`;
    const first = await open(link);
    await first.page.getByRole('button', { name: 'Start round' }).waitFor();
    const second = await open(link);
    await second.page
      .getByTestId('connection-refused')
      .filter({ hasText: 'the candidate of this loop already has 1 open connection' })
      .waitFor();
    expect(await seriousA11yViolations(second.page)).toEqual([]);
    await screenshot(second.page, 'second-tab-refused-desktop');
    // Closing the first tab frees the place: the second connects by itself.
    await first.page.close();
    await second.page.getByRole('button', { name: 'Start round' }).waitFor({ timeout: 15_000 });
  });
});
