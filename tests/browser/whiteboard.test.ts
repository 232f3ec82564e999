import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolations,
  SCREENSHOT_DIR,
  browserSuite,
} from '../helpers/browser';
import { commandIds, PairedClient, versionOf } from '../helpers/paired';

const suite = browserSuite();
const cid = commandIds('whiteboard');

/** A paired loop with one system-design round, and each role's link. */
async function designLoop() {
  const loop = await new PairedClient(() => suite.server.url).createLoop('paired', [
    { id: 'system-design' },
  ]);
  const { links, tokens } = loop as unknown as {
    links: Record<'interviewer' | 'candidate' | 'observer', string>;
    tokens: Record<'interviewer' | 'candidate' | 'observer', string>;
  };
  return { id: loop.id, links, tokens };
}

/** A page that records its errors and requests, and gives up on a missing element after 10 s. */
async function openPage(
  viewport: { width: number; height: number },
  errors: string[],
  requests: string[],
  touch = false,
): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport, hasTouch: touch })).newPage();
  page.setDefaultTimeout(10_000);
  collectErrors(page, errors);
  page.on('request', (request) => requests.push(request.url()));
  return page;
}

/** Requests that left the server's origin (data: and blob: URLs stay in the page). */
function foreign(requests: string[]): string[] {
  const origin = new URL(suite.server.url).origin;
  return requests.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
  );
}

/**
 * Serious and critical axe violations, except inside Excalidraw's own container: 0.18 has
 * a main-menu button with no name and a zoom button named "Reset zoom" that shows "100%",
 * neither of which this app can change. The board's heading, help and skip button are
 * checked with the rest of the page.
 */
const seriousViolationsOutsideExcalidraw = (page: Page) =>
  seriousA11yViolations(page, ['.whiteboard__canvas']);

const board = (page: Page) => page.getByTestId('whiteboard-canvas');
const shownElements = async (page: Page) =>
  Number(await board(page).getAttribute('data-element-count'));

/**
 * Drags on the board's canvas between two points relative to its top-left corner (kept
 * right of x = 300: Excalidraw's style panel covers the left of the canvas).
 */
async function drag(page: Page, from: [number, number], to: [number, number]) {
  const scrolled = await board(page).evaluate((node) => {
    const { top, bottom } = node.getBoundingClientRect();
    if (top >= 0 && bottom <= window.innerHeight) return false;
    node.scrollIntoView({ block: 'center' });
    return true;
  });
  // Excalidraw re-reads its position on the page a moment after a scroll.
  if (scrolled) await page.waitForTimeout(300);
  const box = await board(page).locator('canvas.interactive').boundingBox();
  if (!box) throw new Error('the whiteboard canvas is not visible');
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 8 });
  await page.mouse.up();
}

/** Clicks a tool in Excalidraw's toolbar (its radio input is covered by its icon). */
const pickTool = (page: Page, tool: string) =>
  board(page).getByTestId(`toolbar-${tool}`).locator('..').click();

/** Opens a role's link and waits until the board is drawn with what the server holds. */
async function openBoard(page: Page, link: string) {
  await page.goto(link);
  await board(page).locator('canvas.interactive').waitFor();
}

describe.skipIf(!chromiumPath)('system-design whiteboard in the browser', () => {
  it('interviewer and candidate draw on one board live; the observer watches', async () => {
    const { links } = await designLoop();
    const errors: string[] = [];
    const requests: string[] = [];
    const interviewer = await openPage(DESKTOP, errors, requests);
    const candidate = await openPage(DESKTOP, errors, requests);

    await interviewer.goto(links.interviewer);
    await candidate.goto(links.candidate);
    // Excalidraw stays out of the first load: nothing of it is fetched before the round.
    await candidate.getByText('Waiting for the interviewer to start the round.').waitFor();
    expect(requests.filter((url) => /excalidraw|whiteboard/.test(url))).toEqual([]);

    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await board(interviewer).locator('canvas.interactive').waitFor();
    await board(candidate).locator('canvas.interactive').waitFor();
    expect(await shownElements(candidate)).toBe(0);
    await interviewer.getByRole('heading', { name: 'Whiteboard', exact: true }).waitFor();

    // The candidate draws a rectangle with the toolbar and the mouse…
    await pickTool(candidate, 'rectangle');
    await drag(candidate, [340, 120], [500, 220]);
    await expect.poll(() => shownElements(candidate)).toBe(1);
    await expect.poll(() => shownElements(interviewer)).toBe(1);
    await expect
      .poll(() => candidate.getByTestId('whiteboard-save-state').textContent())
      .toBe('Saved');

    // …the interviewer draws one back, choosing the tool by its key…
    // (The interviewer's board is the console's middle pane: narrower than the candidate's.)
    await drag(interviewer, [560, 460], [560, 460]); // a click on empty canvas: focus, no shape
    await interviewer.keyboard.press('r');
    await drag(interviewer, [460, 280], [600, 360]);
    await expect.poll(() => shownElements(interviewer)).toBe(2);
    await expect.poll(() => shownElements(candidate)).toBe(2);

    // …and labels it with text, which reaches the candidate too.
    await interviewer.keyboard.press('t');
    await drag(interviewer, [340, 330], [340, 330]);
    await interviewer.keyboard.type('Feature store');
    await interviewer.keyboard.press('Escape');
    await expect.poll(() => shownElements(candidate)).toBe(3);

    // A deletion is an edit too: the candidate draws a shape, deletes it, the interviewer follows.
    await pickTool(candidate, 'ellipse');
    await drag(candidate, [620, 120], [700, 180]);
    await expect.poll(() => shownElements(interviewer)).toBe(4);
    await candidate.keyboard.press('Delete');
    await expect.poll(() => shownElements(candidate)).toBe(3);
    await expect.poll(() => shownElements(interviewer)).toBe(3);

    // The board is kept with the loop: a refresh shows it again.
    await candidate.reload();
    await board(candidate).locator('canvas.interactive').waitFor();
    await expect.poll(() => shownElements(candidate)).toBe(3);

    // The observer watches: same board, no tools.
    const observer = await openPage(DESKTOP, errors, requests);
    await openBoard(observer, links.observer);
    await expect.poll(() => shownElements(observer)).toBe(3);
    expect(await board(observer).getByTestId('toolbar-rectangle').count()).toBe(0);
    await observer.getByRole('heading', { name: 'Whiteboard (live, view only)' }).waitFor();

    // Keyboard: the skip button jumps past the board, and Tab leaves it after its toolbar.
    await candidate.getByRole('button', { name: 'Skip past the whiteboard' }).focus();
    await candidate.keyboard.press('Enter');
    expect(await candidate.evaluate(() => document.activeElement?.textContent)).toBe(
      'End of the whiteboard.',
    );
    await candidate.getByRole('button', { name: 'Skip past the whiteboard' }).focus();
    let left = false;
    for (let i = 0; i < 80 && !left; i++) {
      await candidate.keyboard.press('Tab');
      left = await candidate.evaluate(
        () =>
          !document.activeElement?.closest('.whiteboard') &&
          document.activeElement !== document.body,
      );
    }
    expect(left).toBe(true);

    for (const page of [candidate, observer])
      expect(await seriousViolationsOutsideExcalidraw(page)).toEqual([]);
    await screenshot(candidate, 'whiteboard-candidate-desktop');
    await screenshot(observer, 'whiteboard-observer-desktop');

    const phone = await openPage(PHONE, errors, requests, true);
    await openBoard(phone, links.candidate);
    await expect.poll(() => shownElements(phone)).toBe(3);
    const phoneBoard = (await board(phone).boundingBox())!;
    expect(phoneBoard.width).toBeLessThanOrEqual(PHONE.width);
    expect(phoneBoard.height).toBeGreaterThan(300);
    expect(phoneBoard.height).toBeLessThan(PHONE.height);
    await screenshot(phone, 'whiteboard-candidate-phone');

    // Nothing left the origin: the fonts came from this server too.
    expect(foreign(requests)).toEqual([]);
    expect(requests.some((url) => url.includes('/vendor/excalidraw/fonts/'))).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the review shows the diagram as an image, described in its alt text', async () => {
    const loop = await designLoop();
    const client = new PairedClient(() => suite.server.url);
    const interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));
    const base = { angle: 0, seed: 1, versionNonce: 1, isDeleted: false, width: 160, height: 80 };
    const elements = [
      { ...base, id: 'store', type: 'rectangle', index: 'a0', version: 2, x: 0, y: 0 },
      { ...base, id: 'model', type: 'ellipse', index: 'a1', version: 2, x: 320, y: 0 },
      { ...base, id: 'gone', type: 'diamond', index: 'a2', version: 3, x: 0, y: 200 },
      {
        ...base,
        id: 'flow',
        type: 'arrow',
        index: 'a3',
        version: 2,
        x: 170,
        y: 40,
        width: 140,
        height: 0,
        points: [
          [0, 0],
          [140, 0],
        ],
      },
      {
        ...base,
        id: 'label',
        type: 'text',
        index: 'a4',
        version: 2,
        x: 10,
        y: 30,
        text: 'Feature\nstore',
        originalText: 'Feature\nstore',
        fontSize: 20,
        fontFamily: 5,
      },
    ];
    elements[2]!.isDeleted = true;
    expect(await interviewer.emit('board:update', { round: 0, elements })).toEqual({
      ok: true,
      data: {},
    });
    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 }));
    versionOf(await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 }));
    interviewer.close();

    const errors: string[] = [];
    const requests: string[] = [];
    const page = await openPage(DESKTOP, errors, requests);
    await page.goto(loop.links.candidate);
    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    const image = page.getByTestId('diagram-image');
    await image.waitFor();
    expect(await image.getAttribute('alt')).toBe(
      'Whiteboard diagram from the ML system design round: 2 boxes, 1 arrow or line, ' +
        '0 freehand strokes, 1 text label. Labels: “Feature store”.',
    );
    // Drawn, at twice its size for sharp text, and shown at its own size.
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(2 * 480);
    const shown = await image.evaluate((img: HTMLImageElement) => [img.width, img.naturalWidth]);
    expect(shown[0]).toBe(shown[1]! / 2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'whiteboard-review');

    // The report carries the diagram; imported elsewhere, the review draws it again.
    const exported = await fetch(`${suite.server.url}/api/loops/${loop.id}/report.json`, {
      headers: { Authorization: `Bearer ${loop.tokens.candidate}` },
    });
    const file = `${SCREENSHOT_DIR}/exported-design-report.json`;
    writeFileSync(file, await exported.text());
    const elsewhere = await openPage(DESKTOP, errors, requests);
    await elsewhere.goto(`${suite.server.url}/import`);
    await elsewhere.getByLabel('Report file (JSON)').setInputFiles(file);
    const imported = elsewhere.getByTestId('diagram-image');
    await imported.waitFor();
    expect(await imported.getAttribute('alt')).toBe(await image.getAttribute('alt'));
    expect(foreign(requests)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps what every drawing tool makes, and never shows an embedded page a participant pushes', async () => {
    const { id, links, tokens } = await designLoop();
    const errors: string[] = [];
    const requests: string[] = [];
    const interviewer = await openPage(DESKTOP, errors, requests);
    const candidate = await openPage(DESKTOP, errors, requests);
    await interviewer.goto(links.interviewer);
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await openBoard(candidate, links.candidate);
    await board(interviewer).locator('canvas.interactive').waitFor();

    // Each tool by its key: the server keeps all of them (a refused one would never reach
    // the interviewer's board, and the candidate's would say it could not save).
    const strokes: [string, [number, number], [number, number]][] = [
      ['d', [340, 120], [420, 180]],
      ['a', [440, 150], [560, 150]],
      ['l', [340, 240], [460, 300]],
      ['p', [500, 240], [600, 320]],
      ['f', [620, 100], [760, 220]],
    ];
    await drag(candidate, [700, 460], [700, 460]); // a click on empty canvas: focus, no shape
    for (const [key, from, to] of strokes) {
      await candidate.keyboard.press('Escape');
      await candidate.keyboard.press(key);
      await drag(candidate, from, to);
    }
    await expect.poll(() => shownElements(candidate)).toBe(strokes.length);
    await expect.poll(() => shownElements(interviewer)).toBe(strokes.length);
    await expect
      .poll(() => candidate.getByTestId('whiteboard-save-state').textContent())
      .toBe('Saved');

    // A participant's script sends the fake sign-in page as an iframe element: refused,
    // and nothing of it reaches the interviewer's page.
    const raw = await new PairedClient(() => suite.server.url).join(
      'candidate',
      id,
      tokens.candidate,
    );
    const phish = {
      id: 'phish',
      type: 'iframe',
      version: 1,
      versionNonce: 1,
      isDeleted: false,
      x: 300,
      y: 100,
      width: 400,
      height: 300,
      customData: { generationData: { status: 'done', html: '<h1>Session expired</h1>' } },
    };
    const refused = await raw.emit('board:update', { round: 0, elements: [phish] });
    expect(refused.ok).toBe(false);
    raw.close();
    await interviewer.reload();
    await openBoard(interviewer, links.interviewer);
    await expect.poll(() => shownElements(interviewer)).toBe(strokes.length);
    expect(await interviewer.locator('iframe').count()).toBe(0);
    expect(await interviewer.getByText('Session expired').count()).toBe(0);
    await screenshot(interviewer, 'whiteboard-every-tool');

    // An imported report cannot bring one back either.
    const report = {
      format: 'mockloop-report@1',
      loop: {
        id: 'x',
        mode: 'solo',
        status: 'ended',
        createdAt: '2026-12-01T10:00:00.000Z',
        endedAt: null,
      },
      viewedAs: 'candidate',
      rounds: [],
      debrief: null,
      principles: [],
    };
    const withIframe = {
      ...report,
      rounds: [
        {
          roundId: 'system-design',
          title: 'ML system design',
          status: 'done',
          minutes: 45,
          question: { id: 'q', prompt: 'Design it', difficulty: 'medium' },
          hintsUsed: 0,
          ledger: [],
          pacing: null,
          dimensions: [],
          self: null,
          partner: null,
          notes: '',
          code: null,
          lastRun: null,
          star: null,
          signalsHeard: null,
          diagram: [phish],
        },
      ],
    };
    const file = `${SCREENSHOT_DIR}/report-with-iframe.json`;
    writeFileSync(file, JSON.stringify(withIframe));
    const importer = await openPage(DESKTOP, errors, requests);
    await importer.goto(`${suite.server.url}/import`);
    await importer.getByLabel('Report file (JSON)').setInputFiles(file);
    await importer
      .getByText(/This report is damaged at rounds\.0\.diagram\.0: .*"iframe" is not allowed/)
      .waitFor();
    expect(await importer.locator('iframe').count()).toBe(0);
    expect(foreign(requests)).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('the review says so when nothing was drawn', async () => {
    const loop = await designLoop();
    const interviewer = await new PairedClient(() => suite.server.url).join(
      'interviewer',
      loop.id,
      loop.tokens.interviewer,
    );
    for (const command of ['round:start', 'round:end', 'round:next'] as const)
      versionOf(await interviewer.socket.emitWithAck(command, { commandId: cid(), round: 0 }));
    interviewer.close();

    const errors: string[] = [];
    const page = await openPage(DESKTOP, errors, []);
    await page.goto(loop.links.interviewer);
    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    await page.getByText('No diagram was drawn.').waitFor();
    expect(await page.getByTestId('diagram-image').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
