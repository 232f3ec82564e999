/**
 * The first page as a browser downloads it: the JavaScript counted on the network
 * (compressed, as transferred), not the build's sizes.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, DESKTOP } from '../helpers/browser';

const suite = browserSuite();
/** The most JavaScript the first page may transfer. */
const FIRST_PAGE_SCRIPT_BUDGET_BYTES = 150 * 1024;

describe.skipIf(!chromiumPath)('the first page load', () => {
  it('transfers at most 150 KB of JavaScript, compressed', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const scripts: Promise<{ url: string; bytes: number; encoding: string | undefined }>[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      scripts.push(
        Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
          url: request.url(),
          bytes: sizes.responseBodySize,
          encoding: response?.headers()['content-encoding'],
        })),
      );
    });
    await page.goto(suite.server.url, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /Start loop/ }).waitFor();
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, s) => sum + s.bytes, 0);
    console.info(
      `first page: ${loaded.length} scripts, ${(total / 1024).toFixed(1)} KB transferred`,
    );
    expect(loaded.length).toBeGreaterThan(0);
    // Compressed, all but the smallest (under 1 KB, where it saves too little).
    const sent = loaded.filter((s) => s.bytes >= 1_024);
    expect(
      sent.every((s) => s.encoding === 'br'),
      JSON.stringify(loaded),
    ).toBe(true);
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_SCRIPT_BUDGET_BYTES);
    await context.close();
  });
});
