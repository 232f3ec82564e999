/**
 * Recording the spoken answers, in Chromium with a fake microphone that plays a known
 * pattern of tone and quiet: nothing is recorded until the candidate agrees; once they do,
 * everyone sees the indicator and the round is recorded to the server in chunks; on the
 * review the recording plays with the replay, "How you spoke" finds the candidate speaking,
 * and deleting it removes it from the page and from the store.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumPath,
  collectErrors,
  DESKTOP,
  FAKE_MEDIA_ARGS,
  PHONE,
  screenshot,
  seriousA11yViolationsInBothThemes,
  sidewaysScroll,
} from '../helpers/browser';
import { commandIds, PairedClient } from '../helpers/paired';

/** A mono 16-bit WAV: 1.5 s of a 220 Hz tone, 1.5 s of near silence, over and over. */
function toneWav(seconds: number): Buffer {
  const rate = 16_000;
  const samples = seconds * rate;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const voiced = t % 3 < 1.5;
    const value = voiced ? 0.4 * Math.sin(2 * Math.PI * 220 * t) : (Math.random() - 0.5) * 0.001;
    wav.writeInt16LE(Math.round(value * 32_767), 44 + i * 2);
  }
  return wav;
}

const wavFile = join(mkdtempSync(join(tmpdir(), 'mockloop-mic-')), 'voice.wav');
writeFileSync(wavFile, toneWav(30));
const suite = browserSuite(undefined, {
  launchArgs: [...FAKE_MEDIA_ARGS, `--use-file-for-fake-audio-capture=${wavFile}`],
});
const client = new PairedClient(() => suite.server.url);
const cid = commandIds('recording-ui');
/** Reads a supertest response's body as the bytes sent. */
const asBytes = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!chromiumPath)('recording the spoken answers', () => {
  it('records a round only once agreed, replays it with its analysis, and deletes it for good', async () => {
    const loop = await client.createLoop('solo', [{ id: 'screen', minutes: 10 }]);
    const token = loop.tokens.candidate!;
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(`${suite.server.url}/loop/${loop.id}#token=${token}`);
    const panel = page.getByTestId('recording');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/Recording: off/);

    // Off: the round runs and nothing is recorded.
    await page.getByRole('button', { name: 'Start round' }).click();
    await sleep(2_500);
    const listed = async () =>
      (
        await request(suite.server.url)
          .get(`/api/loops/${loop.id}/recordings`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body.recordings as {
        id: string;
        bytes: number;
        chunks: number;
        role: string;
        startedAt: number;
      }[];
    expect(await listed()).toEqual([]);

    // Agreed: the indicator shows and this browser records the running round to the server.
    await panel.locator('summary').click();
    await page.getByTestId('recording-agree').click();
    await page.getByTestId('recording-indicator').waitFor();
    await expect
      .poll(() => page.getByTestId('recording-state').textContent(), { timeout: 10_000 })
      .toMatch(/this browser is recording/);
    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
    await screenshot(page, 'recording-on');
    await expect
      .poll(async () => (await listed())[0]?.chunks ?? 0, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);

    // The round ends (and the loop): the last chunk is written and the review shows.
    const me = await client.join('candidate', loop.id, token);
    await me.emit('round:end', { commandId: cid(), round: 0 });
    await sleep(1_000);
    await me.emit('loop:end', { commandId: cid() });
    const [recording] = await listed();
    expect(recording).toMatchObject({ role: 'candidate' });
    expect(recording!.bytes).toBeGreaterThan(1_000);

    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    await page.getByTestId('replay-toggle').first().click();
    const item = page.getByTestId('recording-item');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toMatch(/The candidate's microphone.*kept on the server/);
    // Downloaded as a file of its own, the bytes the server keeps.
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(saved.suggestedFilename()).toMatch(
      new RegExp(`^mockloop-${loop.id}-round-1-candidate\\.webm$`),
    );
    const savedFile = join(mkdtempSync(join(tmpdir(), 'mockloop-audio-')), 'audio.webm');
    await saved.saveAs(savedFile);
    expect(readFileSync(savedFile).length).toBe((await listed())[0]!.bytes);

    // How you spoke: the tone was heard as the candidate speaking, and nobody else.
    const spoke = page.getByTestId('how-you-spoke');
    await spoke.waitFor({ timeout: 15_000 });
    const firstRow = spoke.locator('tbody tr').first();
    const cells = await firstRow.locator('td').allTextContents();
    expect(cells[1]).not.toBe('0:00');
    expect(cells[2]).toBe('0:00');
    expect(await page.getByTestId('longest-silence').textContent()).toMatch(/no talk ratio/);
    // It fits a phone: no sideways scroll with the recordings and the table open.
    await page.setViewportSize(PHONE);
    await screenshot(page, 'recording-review-phone');
    expect(await sidewaysScroll(page)).toBe(0);
    await page.setViewportSize(DESKTOP);

    // Playing the replay plays the recording with it; pausing pauses it.
    // From the second the recording started (the candidate agreed after the round began).
    await page.getByTestId('replay-slider').focus();
    await page.keyboard.press('Home');
    const startedIn = Math.ceil(
      (recording!.startedAt - (await me.sync()).rounds[0]!.startedAt!) / 1000,
    );
    for (let i = 0; i < startedIn; i++) await page.keyboard.press('ArrowRight');
    await page.getByLabel('Speed').selectOption('1');
    await page.getByLabel('Skip quiet stretches').uncheck();
    await page.getByTestId('replay-play').click();
    const audio = page.getByTestId('recording-audio');
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0.5);
    await page.getByTestId('replay-play').click();
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.paused), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await seriousA11yViolationsInBothThemes(page)).toEqual([]);
    await screenshot(page, 'recording-review');

    // The JSON report with the replay and the audio carries the recording byte for byte; an
    // imported copy plays it and works out the same analysis.
    const withAudio = await request(suite.server.url)
      .get(`/api/loops/${loop.id}/report.json?replay=1&audio=1`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    const carried = JSON.parse((withAudio.body as Buffer).toString('utf8')) as {
      recordings: { id: string; audio: string }[];
      replays: unknown[];
    };
    const stored = await request(suite.server.url)
      .get(`/api/loops/${loop.id}/recordings/${recording!.id}/audio`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    expect(carried.replays).toHaveLength(1);
    expect(carried.recordings.map((r) => r.id)).toEqual([recording!.id]);
    expect(Buffer.from(carried.recordings[0]!.audio, 'base64').equals(stored.body as Buffer)).toBe(
      true,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'mockloop-report-')), 'report.json');
    writeFileSync(file, withAudio.body as Buffer);
    const importer = await context.newPage();
    await importer.goto(`${suite.server.url}/import`);
    await importer.getByLabel('Report file (JSON)').setInputFiles(file);
    await importer.getByTestId('replay-toggle').click();
    await expect
      .poll(() => importer.getByTestId('recording-item').textContent(), { timeout: 10_000 })
      .toMatch(/from the report file/);
    await importer.getByTestId('how-you-spoke').waitFor({ timeout: 15_000 });
    expect(await importer.getByTestId('recording-delete').count()).toBe(0);
    await importer.close();

    // Deleting asks once more, then removes it from the page and from the store.
    await page.getByTestId('recording-delete').click();
    expect(await page.getByTestId('recording-delete').textContent()).toMatch(/Press again/);
    await page.getByTestId('recording-delete').click();
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    expect(await listed()).toEqual([]);
    expect(await suite.server.store.recordings.recordings(loop.id)).toEqual([]);
    expect(errors).toEqual([]);
    me.close();
    await context.close();
  });

  it('in a pair: both must agree, everyone sees it, and each keeps their recording where they chose', async () => {
    const loop = await client.createPaired([{ id: 'behavioral', minutes: 10 }]);
    const open = async (token: string) => {
      const context = await suite.browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/loop/${loop.id}#token=${token}`);
      await page.getByTestId('recording').waitFor();
      return page;
    };
    const interviewer = await open(loop.tokens.interviewer);
    const candidate = await open(loop.tokens.candidate);
    const observer = await open(loop.tokens.observer);
    const state = (page: typeof candidate) => page.getByTestId('recording-state').textContent();

    // The candidate agrees and keeps theirs in this browser: still off until the interviewer does.
    await candidate.getByTestId('recording').locator('summary').click();
    await candidate.getByLabel('only in this browser').check();
    await candidate.getByTestId('recording-agree').click();
    await expect
      .poll(() => state(interviewer), { timeout: 10_000 })
      .toMatch(/waiting for the interviewer to agree/);
    expect(await observer.getByTestId('recording-indicator').count()).toBe(0);
    // The observer has no say.
    await observer.getByTestId('recording').locator('summary').click();
    expect(await observer.getByTestId('recording-agree').count()).toBe(0);
    await interviewer.getByTestId('recording').locator('summary').click();
    await interviewer.getByTestId('recording-agree').click();
    for (const page of [interviewer, candidate, observer])
      await page.getByTestId('recording-indicator').waitFor();

    // The round: the candidate types their STAR answer a part at a time while both record.
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await expect
      .poll(() => state(candidate), { timeout: 10_000 })
      .toMatch(/this browser is recording/);
    const field = (name: string) => candidate.getByRole('textbox', { name, exact: true });
    await field('Situation').fill('Our model drifted during the holiday peak.');
    await sleep(3_000);
    await field('Task').fill('Bring false positives back under one percent.');
    await sleep(3_000);
    const me = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    await me.emit('round:end', { commandId: cid(), round: 0 });
    await sleep(1_000);
    // The interviewer withdraws: the indicator goes from every screen.
    await interviewer.getByTestId('recording-withdraw').click();
    await expect
      .poll(() => observer.getByTestId('recording-indicator').count(), { timeout: 10_000 })
      .toBe(0);
    await me.emit('loop:end', { commandId: cid() });

    // Only the interviewer's recording is on the server; the candidate's stayed in their browser.
    const kept = (
      await request(suite.server.url)
        .get(`/api/loops/${loop.id}/recordings`)
        .set('Authorization', `Bearer ${loop.tokens.candidate}`)
        .expect(200)
    ).body.recordings as { role: string }[];
    expect(kept.map((r) => r.role)).toEqual(['interviewer']);

    await candidate.getByRole('heading', { name: 'Loop review' }).waitFor();
    await candidate.getByTestId('replay-toggle').first().click();
    const items = candidate.getByTestId('recording-item');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    const texts = await items.allTextContents();
    expect(texts.join('\n')).toMatch(
      /The candidate's microphone and what they heard.*kept in this browser/,
    );
    expect(texts.join('\n')).toMatch(/The interviewer's microphone.*kept on the server/);
    const spoke = candidate.getByTestId('how-you-spoke');
    await spoke.waitFor({ timeout: 15_000 });
    expect(await candidate.getByTestId('longest-silence').textContent()).toMatch(/Talk ratio/);
    // Both voices were heard: each from its own microphone (both play the same tone).
    const phaseRow = await candidate
      .getByTestId('spoke-phases')
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(phaseRow[1], 'the candidate spoke').not.toBe('0:00');
    expect(phaseRow[2], 'the interviewer spoke').not.toBe('0:00');
    const parts = await candidate
      .getByTestId('spoke-star-parts')
      .locator('tbody th')
      .allTextContents();
    expect(parts).toEqual(['Situation', 'Task']);

    // The candidate deletes theirs: gone from the page and from this browser's storage.
    const local = items.filter({ hasText: 'kept in this browser' });
    await local.getByTestId('recording-delete').click();
    await local.getByTestId('recording-delete').click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(1);
    const stored = await candidate.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const request = indexedDB.open('mockloop-recordings');
          request.onsuccess = () => {
            const count = request.result
              .transaction('recordings')
              .objectStore('recordings')
              .count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(stored).toBe(0);
    expect(await seriousA11yViolationsInBothThemes(candidate)).toEqual([]);
    await screenshot(candidate, 'recording-paired-review');
    me.close();
    for (const page of [interviewer, candidate, observer]) await page.context().close();
  });

  it('in the call, records what each person hears on its own channel', async () => {
    const loop = await client.createPaired([{ id: 'screen', minutes: 10 }]);
    const open = async (token: string) => {
      const page = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
      await page.goto(`${suite.server.url}/loop/${loop.id}#token=${token}`);
      await page.getByTestId('recording').waitFor();
      return page;
    };
    const interviewer = await open(loop.tokens.interviewer);
    const candidate = await open(loop.tokens.candidate);
    for (const page of [interviewer, candidate])
      await page.getByRole('button', { name: 'Join the call' }).click();
    for (const [page, other] of [
      [interviewer, 'candidate'],
      [candidate, 'interviewer'],
    ] as const)
      await expect
        .poll(() => page.getByTestId('call-state').textContent(), { timeout: 20_000 })
        .toContain(`Connected to the ${other}`);
    // The interviewer keeps theirs in their browser: the candidate's review has only the
    // candidate's recording, whose second channel is what the candidate heard.
    await interviewer.getByTestId('recording').locator('summary').click();
    await interviewer.getByLabel('only in this browser').check();
    await interviewer.getByTestId('recording-agree').click();
    await candidate.getByTestId('recording').locator('summary').click();
    await candidate.getByTestId('recording-agree').click();
    await candidate.getByTestId('recording-indicator').waitFor();
    await interviewer.getByRole('button', { name: 'Start round' }).click();
    await expect
      .poll(() => candidate.getByTestId('recording-state').textContent(), { timeout: 10_000 })
      .toMatch(/this browser is recording/);
    await sleep(7_000);
    const me = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    await me.emit('round:end', { commandId: cid(), round: 0 });
    await sleep(1_000);
    await me.emit('loop:end', { commandId: cid() });
    me.close();

    await candidate.getByRole('heading', { name: 'Loop review' }).waitFor();
    await candidate.getByTestId('replay-toggle').first().click();
    const items = candidate.getByTestId('recording-item');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(1);
    expect(await items.textContent()).toMatch(/The candidate's microphone and what they heard/);
    await candidate.getByTestId('how-you-spoke').waitFor({ timeout: 15_000 });
    const row = await candidate
      .getByTestId('spoke-phases')
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(row[1], 'the candidate, from their microphone').not.toBe('0:00');
    expect(row[2], 'the interviewer, heard through the call').not.toBe('0:00');
    for (const page of [interviewer, candidate]) await page.context().close();
  }, 90_000);
});
