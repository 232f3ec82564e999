/**
 * Browser tests run Debian's Chromium through playwright-core; no browser is ever
 * downloaded. Without Chromium they skip loudly, except under CI=true where that fails.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { IceConfig } from '../../server/src/call/ice';
import type { Catalog } from '../../shared/src/content';
import { startTestServer, type TestServer } from './test-server';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const chromiumPath =
  CANDIDATES.find((p): p is string => Boolean(p && existsSync(p))) ?? null;

if (!chromiumPath) {
  const message = 'No Chromium found (set CHROMIUM_PATH or `apt-get install chromium`).';
  if (process.env.CI === 'true')
    throw new Error(`${message} Browser tests are required under CI=true.`);
  console.warn(`\n!!! ${message} BROWSER TESTS ARE SKIPPED. !!!\n`);
}

export const CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../.artifacts/screenshots', import.meta.url));

/** Chromium's fake microphone and camera, allowed without asking: for the call's tests. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(`${CLIENT_DIR}/index.html`))
    throw new Error('client/dist is missing: run `npm run build` first');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Runs axe-core on the page and returns the serious and critical violations, described. */
export async function seriousA11yViolations(
  page: Page,
  /** CSS selectors of third-party markup to leave out, each with the reason at the call. */
  exclude: string[] = [],
): Promise<string[]> {
  // Evaluated through DevTools, not as a page script, so the app's CSP stays as strict as it is.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (excluded) => {
    const result = await (
      window as unknown as {
        axe: {
          run(context: object): Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe.run({ exclude: excluded.map((selector) => [selector]) });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, exclude);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
}

/** Puts `page` in `theme` through the emulated system setting (its theme choice must be System). */
export async function emulateTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, {
    timeout: 5_000,
  });
}

/**
 * Serious and critical axe violations in the light and in the dark theme, each prefixed
 * with its theme: checks the page as it is, switches the emulated system theme, checks
 * again and switches back. The page's theme choice must be System (as a new one's is).
 */
export async function seriousA11yViolationsInBothThemes(
  page: Page,
  exclude: string[] = [],
): Promise<string[]> {
  const first = await page.evaluate(() => document.documentElement.dataset.theme);
  if (first !== 'light' && first !== 'dark') throw new Error(`the page has no theme: ${first}`);
  const other = first === 'light' ? 'dark' : 'light';
  const found = (await seriousA11yViolations(page, exclude)).map((v) => `${first}: ${v}`);
  await emulateTheme(page, other);
  found.push(...(await seriousA11yViolations(page, exclude)).map((v) => `${other}: ${v}`));
  await emulateTheme(page, first);
  return found;
}

/** Collects uncaught page errors and console errors (CSP violations among them). */
export function collectErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(m.text());
  });
}

/**
 * How far the page scrolls sideways (0 when it fits its window), once it has settled:
 * fonts and late panels can widen it after the first paint.
 */
export async function sidewaysScroll(page: Page): Promise<number> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Where the top of the first element matching `selector` is, from the top of the page. */
export async function topOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/**
 * Gives the test file that calls it (once, at its top) a server on the built client (with
 * the shipped content unless given other, and the call's ICE servers if given) and a
 * browser (with extra launch flags if given), started in `beforeAll` and closed
 * in `afterAll`: usable inside tests only.
 */
export function browserSuite(
  catalog?: Catalog,
  options: { launchArgs?: string[]; ice?: IceConfig } = {},
): {
  readonly server: TestServer;
  readonly browser: Browser;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!chromiumPath) return;
    server = await startTestServer({ clientDir: CLIENT_DIR, catalog, ice: options.ice });
    browser = await launchBrowser(options.launchArgs);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not up: use it inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not up: use it inside a test');
      return browser;
    },
  };
}

/**
 * Starts a paired single-round drill of `round` from the home page at `url`, as the
 * interviewer, and resolves with the other roles' links from the lobby.
 */
export async function startPairedDrill(
  interviewer: Page,
  url: string,
  round = 'screen',
): Promise<{ candidate: string; observer: string }> {
  await interviewer.goto(url);
  await interviewer.getByLabel(/Mock interview with a partner/).check();
  await interviewer.getByLabel('I am the').selectOption('interviewer');
  await interviewer.getByLabel(/Single-round drill/).check();
  await interviewer.getByLabel('Round to drill').selectOption(round);
  await interviewer.getByRole('button', { name: /Start loop/ }).click();
  await interviewer.getByRole('heading', { name: 'Invite' }).waitFor();
  return {
    candidate: await interviewer.getByLabel(/Candidate link/).inputValue(),
    observer: await interviewer.getByLabel(/Observer link/).inputValue(),
  };
}

/** Rates every dimension of the open score form at `level` and submits it. */
export async function submitScoreForm(page: Page, level: 1 | 2 | 3 | 4, justification: string) {
  const form = page.locator('form.score-form');
  const dimensions = form.locator('fieldset.dimension');
  const count = await dimensions.count();
  for (let i = 0; i < count; i++)
    await dimensions.nth(i).locator(`input[value="${level}"]`).check();
  await form.getByLabel(/Justification/).fill(justification);
  await form.getByRole('button', { name: 'Submit score' }).click();
}
