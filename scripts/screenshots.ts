/**
 * The README's screenshots of the main screens, in the light and the dark theme, at desktop
 * width: the home page, a coding round as the interviewer and as the candidate, the review.
 * Drives a real server on the built client through Chromium, as the browser tests do.
 *
 *   npm run build && npm run screenshots            → docs/screenshots/*.png
 *   npm run screenshots -- --phone                  → phone width, in tests/.artifacts
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  CLIENT_DIR,
  launchBrowser,
  PHONE,
  SCREENSHOT_DIR,
  startPairedDrill,
  submitScoreForm,
} from '../tests/helpers/browser';
import { startTestServer } from '../tests/helpers/test-server';

const phone = process.argv.includes('--phone');
const VIEWPORT = phone ? PHONE : { width: 1280, height: 800 };
const OUT = phone ? SCREENSHOT_DIR : fileURLToPath(new URL('../docs/screenshots', import.meta.url));
const THEMES = ['light', 'dark'] as const;

/**
 * Saves what `page` shows in each theme, as `<name>-<theme>.png`: from the top of the page,
 * or scrolled to the element `from` selects; with no field focused (a focus ring is not the
 * subject).
 */
async function shoot(page: Page, name: string, from?: string): Promise<void> {
  await page.evaluate((selector) => {
    (document.activeElement as HTMLElement | null)?.blur();
    const element = selector ? document.querySelector(selector) : null;
    window.scrollTo(0, element ? element.getBoundingClientRect().top + window.scrollY - 16 : 0);
  }, from ?? null);
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    // Canvas parts (charts, the editor's layers) redraw on the next frames.
    await page.waitForTimeout(200);
    const path = `${OUT}/${name}${phone ? '-phone' : ''}-${theme}.png`;
    await page.screenshot({ path });
    console.log(path);
  }
}

async function openPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startTestServer({ clientDir: CLIENT_DIR });
  const browser = await launchBrowser();
  try {
    const home = await openPage(browser);
    await home.goto(server.url);
    await home.getByRole('heading', { name: 'Practise the Amazon ML engineer loop' }).waitFor();
    await shoot(home, 'home');

    const interviewer = await openPage(browser);
    const candidate = await openPage(browser);
    const links = await startPairedDrill(interviewer, server.url, 'coding');
    await candidate.goto(links.candidate);
    await candidate.getByText('Waiting for the interviewer to start the round.').waitFor();
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    // Past the opening story question, to the coding question and its editor.
    if (await interviewer.getByRole('button', { name: 'Next phase' }).isVisible())
      await interviewer.getByRole('button', { name: 'Next phase' }).click();

    const editor = candidate.getByRole('textbox', { name: /editor/ });
    await editor.click();
    await candidate.keyboard.press('ControlOrMeta+End');
    await candidate.keyboard.type('\n# One pass with a hash map: O(n) time, O(n) space.', {
      delay: 5,
    });
    await interviewer
      .getByTestId('follow-ups')
      .getByRole('button', { name: 'Push to the candidate' })
      .first()
      .click();
    await interviewer
      .getByRole('textbox', { name: /private notes/ })
      .fill('Asked about empty input before coding. Good.');
    await candidate
      .getByText(/Follow-up/i)
      .first()
      .waitFor();
    await shoot(interviewer, 'round-interviewer', '[data-testid="follow-ups"]');
    await shoot(candidate, 'round-candidate', '.code-workspace');

    await submitScoreForm(interviewer, 3, 'Clear approach, tested the edge cases unprompted.');
    await interviewer.getByRole('button', { name: 'End round' }).click();
    await candidate.getByRole('heading', { name: 'Score this round' }).waitFor();
    await submitScoreForm(candidate, 4, 'Solved it with time to spare.');
    await interviewer.getByRole('button', { name: 'Finish the loop and see the review' }).click();
    await candidate.getByRole('heading', { name: 'Loop review' }).waitFor();
    await shoot(candidate, 'review');
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
