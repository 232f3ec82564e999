/**
 * The replay on the review: a paired round is typed in over sockets with pauses between
 * bursts, each burst's stored state read from the store itself; in the browser, seeking by
 * keyboard to the second after each burst shows exactly that code, those notes, those
 * private notes (to the staff only), that last test run and that whiteboard. Playing moves
 * the position; the page passes axe in both themes and fits a phone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { docKey, type DocRef } from '../../shared/src/docs';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousA11yViolationsInBothThemes,
  sidewaysScroll,
} from '../helpers/browser';
import { rectangle } from '../helpers/board';
import { DocEditor } from '../helpers/docs';
import { commandIds, PairedClient, questionOf, type Peer } from '../helpers/paired';

const suite = browserSuite();
const client = new PairedClient(() => suite.server.url);
const cid = commandIds('replay-ui');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Bursts of typing are this far apart, so every second after one shows it alone. */
const QUIET_MS = 2_200;

async function command(peer: Peer, event: string, payload: object) {
  const ack = await peer.emit(event, { commandId: cid(), ...payload });
  if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
}

/** A document's text as the store holds it now. */
async function storedText(loopId: string, ref: DocRef, field: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of await suite.server.store.workspaces.docUpdates(loopId, docKey(ref)))
    Y.applyUpdate(doc, update);
  return doc.getText(field).toString();
}

/** Opens the review of a loop as a role and the replay of its first round. */
async function openReplay(page: Page, loopId: string, token: string) {
  await page.goto(`${suite.server.url}/loop/${loopId}#token=${token}`);
  await page.getByRole('heading', { name: 'Loop review' }).waitFor();
  await page.getByTestId('replay-toggle').first().click();
  await page.getByTestId('replay').waitFor();
}

/** Seeks by keyboard to `seconds` into the round: Home, then the right arrow. */
async function seekTo(page: Page, seconds: number) {
  const slider = page.getByTestId('replay-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < seconds; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => slider.inputValue(), { timeout: 10_000 }).toBe(String(seconds));
}

const label = (id: string, text: string) => ({
  id,
  type: 'text',
  version: 1,
  versionNonce: 1,
  isDeleted: false,
  x: 0,
  y: 60,
  width: 120,
  height: 20,
  text,
  originalText: text,
  fontSize: 16,
  fontFamily: 1,
});

describe.skipIf(!chromiumPath)('the replay of a round', () => {
  it('shows at each instant the code, notes, private notes and last run the store held then', async () => {
    const loop = await client.createPaired([{ id: 'coding' }]);
    const interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    const candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
    const question = questionOf(interviewer.latest, 0);
    const codeRef: DocRef = { kind: 'code', round: 0, questionId: question.id };
    const notesRef: DocRef = { kind: 'notes', round: 0 };
    const secretRef: DocRef = { kind: 'private-notes', round: 0 };
    const code = await new DocEditor(candidate.socket, codeRef).join();
    const notes = await new DocEditor(candidate.socket, notesRef).join();
    const secret = await new DocEditor(interviewer.socket, secretRef).join();
    await command(interviewer, 'round:start', { round: 0 });
    const startedAt = (await interviewer.sync()).rounds[0]!.startedAt!;

    const bursts = [
      async () => {
        await code.append('\n# first idea: a hash map\n');
        await notes.append('Clarified the input size. ');
      },
      async () => {
        await code.append('# second: sort and sweep\n');
        await secret.append('Good clarifying questions. ');
        await command(candidate, 'code:run', {
          round: 0,
          run: {
            language: question.sql ? 'sql' : 'python',
            outcome: 'failed',
            message: '2 of 5 cases passed',
            durationMs: 12,
            cases: [],
          },
        });
      },
      async () => {
        await code.set('# rewritten from scratch\n');
        await notes.append('Rewrote it. ');
        await secret.append('Recovered well.');
      },
    ];
    const moments: { second: number; code: string; notes: string; secret: string }[] = [];
    for (const burst of bursts) {
      await burst();
      await Promise.all([code.settled(), notes.settled(), secret.settled()]);
      const after = Date.now();
      moments.push({
        second: Math.ceil((after - startedAt) / 1000),
        code: await storedText(loop.id, codeRef, 'code'),
        notes: await storedText(loop.id, notesRef, 'text'),
        secret: await storedText(loop.id, secretRef, 'text'),
      });
      await sleep(QUIET_MS);
    }
    await command(interviewer, 'round:end', { round: 0 });
    await command(interviewer, 'loop:end', {});
    interviewer.close();
    candidate.close();

    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    await openReplay(page, loop.id, loop.tokens.interviewer);
    const markers = page.locator('.replay__markers li');
    expect(await markers.allTextContents()).toEqual([
      expect.stringMatching(/^0:00 Started · Phase 1/),
      expect.stringMatching(/Tests: 2 of 5 cases passed$/),
      expect.stringMatching(/Ended early$/),
    ]);

    for (const [i, moment] of moments.entries()) {
      await seekTo(page, moment.second);
      expect(await page.getByTestId('replay-code').textContent(), `code after burst ${i + 1}`).toBe(
        moment.code,
      );
      expect(await page.getByTestId('replay-notes').textContent()).toBe(moment.notes);
      expect(await page.getByTestId('replay-private-notes').textContent()).toBe(moment.secret);
      expect(await page.getByTestId('replay-run').textContent()).toMatch(
        i === 0 ? /No test run yet/ : /Failed — 2 of 5 cases passed/,
      );
      expect(await page.getByTestId('replay-clock').textContent()).toMatch(
        /^Phase 1 of \d+: .* left in the phase/,
      );
    }
    // The first burst's moment differs from the last: the check can tell instants apart.
    expect(moments[0]!.code).not.toBe(moments[2]!.code);

    // A marker jumps there; playing moves on and pausing stops.
    await page.locator('.replay__markers summary').click();
    await markers.last().getByRole('button').click();
    expect(await page.getByTestId('replay-clock').textContent()).toBe('The round is over');
    await page.getByTestId('replay-slider').focus();
    await page.keyboard.press('Home');
    await page.getByLabel('Speed').selectOption('16');
    await page.getByTestId('replay-play').click();
    await expect
      .poll(() => page.getByTestId('replay-slider').inputValue(), { timeout: 10_000 })
      .not.toBe('0');
    await page.getByTestId('replay-play').click();
    expect(await page.getByTestId('replay-play').textContent()).toMatch(/Play/);

    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
    await screenshot(page, 'replay-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'replay-phone');
    expect(await sidewaysScroll(page)).toBe(0);
    expect(errors).toEqual([]);

    // The candidate's replay has no private notes, at any instant.
    const own = await context.newPage();
    await openReplay(own, loop.id, loop.tokens.candidate);
    await seekTo(own, moments[2]!.second);
    expect(await own.getByTestId('replay-code').textContent()).toBe(moments[2]!.code);
    expect(await own.getByTestId('replay-private-notes').count()).toBe(0);
    expect(await own.content()).not.toContain('Recovered well');

    // The review's JSON report with the replay, imported elsewhere, replays the same.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON report with the replay' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'mockloop-replay-')), 'report.json');
    await download.saveAs(file);
    const importer = await context.newPage();
    collectErrors(importer, errors);
    await importer.goto(`${suite.server.url}/import`);
    await importer.getByLabel('Report file (JSON)').setInputFiles(file);
    await importer.getByRole('heading', { name: 'Loop review (imported)' }).waitFor();
    await importer.getByTestId('replay-toggle').click();
    await importer.getByTestId('replay').waitFor();
    for (const moment of [moments[0]!, moments[2]!]) {
      await seekTo(importer, moment.second);
      expect(await importer.getByTestId('replay-code').textContent()).toBe(moment.code);
      expect(await importer.getByTestId('replay-private-notes').textContent()).toBe(moment.secret);
    }
    expect(await importer.getByTestId('replay-recordings').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the whiteboard as it was', async () => {
    const loop = await client.createLoop('solo', [{ id: 'system-design' }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    await command(me, 'round:start', { round: 0 });
    const startedAt = (await me.sync()).rounds[0]!.startedAt!;
    const boards = [
      [rectangle('a', 1), label('l', 'Feature store')],
      [rectangle('b', 1), rectangle('c', 1)],
      [rectangle('a', 2, true)],
    ];
    const moments: { second: number; boxes: number }[] = [];
    for (const elements of boards) {
      const ack = await me.emit('board:update', { round: 0, elements });
      expect(ack.ok).toBe(true);
      const stored = (await suite.server.store.workspaces.boardElements(loop.id, 0))
        .map((json) => JSON.parse(json) as { type: string; isDeleted: boolean })
        .filter((element) => !element.isDeleted);
      moments.push({
        second: Math.ceil((Date.now() - startedAt) / 1000),
        boxes: stored.filter((element) => element.type === 'rectangle').length,
      });
      await sleep(QUIET_MS);
    }
    await command(me, 'round:end', { round: 0 });
    await command(me, 'loop:end', {});
    me.close();

    const page = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    await openReplay(page, loop.id, loop.tokens.candidate!);
    expect(moments.map((m) => m.boxes)).toEqual([1, 3, 2]);
    for (const moment of moments) {
      await seekTo(page, moment.second);
      await expect
        .poll(() => page.getByTestId('replay').getByTestId('diagram-image').getAttribute('alt'), {
          timeout: 15_000,
        })
        .toMatch(new RegExp(`: ${moment.boxes} box(es)?, .*Labels: “Feature store”`));
    }
    await page.context().close();
  });
});
