/**
 * What replaying a long round costs: a 60-minute coding round typed continuously (a
 * keystroke every 200 ms, one in ten a backspace, now and then a jump to another line),
 * every keystroke one acknowledged edit on a real server with a SQLite file and a clock
 * that moves only when told. Once the round is over the replay is fetched over HTTP, as
 * the review does (gzip, as sent), and instants are rebuilt from it at random.
 *
 * Measured in one run: seeking with keyframes against the baseline of applying every step
 * from the start of the round; the server reading the history as steps settled (as stored
 * once the round is over) against from its updates (as stored while it runs); the history's
 * bytes settled against as updates.
 *
 * With Chromium, the replay's first paint on the review is measured too (the client must be
 * built: `npm run build`).
 *
 * `npm run bench:replay`; `npm run bench` runs it after the typing measurement.
 * BENCH_REPLAY_MINUTES (default 60) sets the round's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { loadCatalog } from '@mockloop/rounds';
import { createApp, type App } from '../server/src/app';
import { DEFAULT_LIMITS } from '../server/src/limits';
import { silentLogger } from '../server/src/log';
import { DEFAULT_RATE_LIMITS } from '../server/src/security/rate-limits';
import { openSqliteStore } from '../server/src/store/sqlite-store';
import type { DocHistoryRow, LoopStore } from '../server/src/store/store';
import { docHistories } from '../server/src/workspaces/history';
import type { DocRef } from '../shared/src/docs';
import {
  indexDoc,
  textsAt,
  countUpTo,
  type IndexedDoc,
  type RoundReplay,
} from '../shared/src/replay/replay';
import { FakeClock } from '../tests/helpers/fake-clock';
import { CLIENT_DIR, chromiumPath, DESKTOP, launchBrowser } from '../tests/helpers/browser';
import { intFromEnv } from './config';
import { joinLoop } from './typing-storage';
import { percentile, round2 } from './stats';

/** The targets: any instant rebuilt, and the replay's first paint, for that round. */
export const REPLAY_TARGETS = { seekMs: 50, firstPaintMs: 1_000 };
const KEYSTROKE_MS = 200;
const SEEKS = 400;
const LIFTED = { perSecond: 1e9, burst: 1e9 };

export interface ReplayFigures {
  minutes: number;
  keystrokes: number;
  finalChars: number;
  /** History updates stored while the round ran, their bytes, and the bytes once settled. */
  rowsTyped: number;
  historyBytes: number;
  settledBytes: number;
  /** The replay as sent (gzip) and as JSON. */
  gzipBytes: number;
  jsonBytes: number;
  /** Server: from the request to the whole response. */
  fetchMs: number;
  /** The server reading the history as steps: settled (as stored), and from its updates. */
  readSettledMs: number;
  readUpdatesMs: number;
  /** Browser-side work before the first instant can be shown: parse and index. */
  parseMs: number;
  indexMs: number;
  /** Rebuilding one instant: with keyframes, and the baseline from the start. */
  seek: { medianMs: number; p99Ms: number; maxMs: number };
  baselineSeek: { medianMs: number; p99Ms: number; maxMs: number };
  /**
   * The replay's first paint on the review, measured in Chromium when there is one: with
   * the replay's code not yet loaded, and loaded (median).
   */
  firstPaint?: { coldMs: number; warmMs: number };
  met: boolean;
}

/** A small deterministic source of randomness. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** A GET's status, content encoding and body as sent (not decoded). */
function getRaw(
  url: string,
  headers: Record<string, string>,
): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
        else resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
};

const summary = (samples: number[]) => ({
  medianMs: round2(percentile(samples, 50)),
  p99Ms: round2(percentile(samples, 99)),
  maxMs: round2(Math.max(...samples)),
});

/** The baseline: every step from the start of the round applied up to the instant. */
function rebuildFromStart(doc: IndexedDoc, at: number): string[] {
  const texts = doc.fields.map(() => '');
  const count = countUpTo(doc.times, at);
  for (let i = 0; i < count; i++) {
    const [, field, index, remove, insert] = doc.steps[i]!;
    const text = texts[field]!;
    texts[field] = text.slice(0, index) + insert + text.slice(index + remove);
  }
  return texts;
}

export interface LongRound {
  app: App;
  url: string;
  loopId: string;
  tokens: { candidate: string };
  keystrokes: number;
  rowsTyped: number;
  finalText: string;
  store: LoopStore;
  /** The history as stored while the round ran, before it was folded. */
  unfoldedRows: DocHistoryRow[];
  close(): Promise<void>;
}

/** A server with one solo coding round of `minutes` typed continuously, and over. */
export async function typeLongRound(minutes: number, clientDir?: string): Promise<LongRound> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-replay-'));
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const store = openSqliteStore(dataDir);
  const app = createApp({
    catalog: loadCatalog(),
    store,
    clock,
    log: silentLogger,
    clientDir,
    rateLimits: { ...DEFAULT_RATE_LIMITS, command: LIFTED, rest: LIFTED },
    limits: DEFAULT_LIMITS,
  });
  await app.resume();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const close = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const created = await fetch(`${url}/api/loops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'solo', rounds: [{ id: 'coding', minutes: minutes + 1 }] }),
    });
    const loop = (await created.json()) as { id: string; tokens: { candidate: string } };
    const emit = await joinLoop(url, loop.id, loop.tokens.candidate);
    const view = (await app.service.view(loop.id, 'candidate'))!;
    const ref: DocRef = { kind: 'code', round: 0, questionId: view.rounds[0]!.question.id };
    await emit('round:start', { commandId: 'replay-start', round: 0 });

    const doc = new Y.Doc();
    const opened = await emit('doc:sync', { doc: ref, stateVector: Y.encodeStateVector(doc) });
    Y.applyUpdate(doc, new Uint8Array(opened.update as Uint8Array));
    const text = doc.getText('code');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const next = random(11);
    const keystrokes = Math.floor((minutes * 60_000) / KEYSTROKE_MS);
    let cursor = text.length;
    const line = 'score = model.predict(features) + bias  # keep the baseline\n';
    for (let i = 0; i < keystrokes; i++) {
      await clock.advance(KEYSTROKE_MS);
      const roll = next();
      if (roll < 0.02) cursor = Math.floor(next() * (text.length + 1));
      if (roll > 0.9 && cursor > 0) {
        text.delete(cursor - 1, 1);
        cursor -= 1;
      } else {
        text.insert(cursor, line[i % line.length]!);
        cursor += 1;
      }
      // What the editor sends: the update of this one keystroke.
      await emit('doc:edit', { doc: ref, update: updates.pop()! });
    }
    const unfoldedRows = await store.workspaces.docHistory(loop.id, 0);
    await emit('round:end', { commandId: 'replay-end', round: 0 });
    await emit('loop:end', { commandId: 'replay-loop-end' });
    // The history is settled once the round is over (the server starts it on the round's
    // end; called here too, a no-op if done, so the figures are taken after it).
    await app.docs.settleHistory(loop.id, 0);
    return {
      app,
      url,
      loopId: loop.id,
      tokens: loop.tokens,
      keystrokes,
      rowsTyped: unfoldedRows.length,
      finalText: text.toString(),
      store,
      unfoldedRows,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function benchReplay(
  minutes: number,
  firstPaint?: (round: LongRound) => Promise<{ coldMs: number; warmMs: number }>,
): Promise<ReplayFigures> {
  const round = await typeLongRound(minutes, firstPaint ? CLIENT_DIR : undefined);
  try {
    const started = performance.now();
    const sent = await getRaw(`${round.url}/api/loops/${round.loopId}/rounds/0/replay`, {
      authorization: `Bearer ${round.tokens.candidate}`,
      'accept-encoding': 'gzip',
    });
    const fetchMs = performance.now() - started;
    const gzipBytes = sent.body.length;
    const json = (sent.encoding === 'gzip' ? gunzipSync(sent.body) : sent.body).toString('utf8');
    const [replay, parseMs] = timed(() => JSON.parse(json) as RoundReplay);
    const code = replay.docs.find((doc) => doc.ref.kind === 'code');
    if (!code) throw new Error('the replay has no code');
    const [indexed, indexMs] = timed(() => indexDoc(code));
    const end = replay.timeline.endedAt!;
    if (textsAt(indexed, end).code !== round.finalText)
      throw new Error('the replay at the end is not the text typed');
    const settled = await round.store.workspaces.settledDocs(round.loopId, 0);
    const [, readSettledMs] = timed(() => docHistories(settled, []));
    const [, readUpdatesMs] = timed(() => docHistories([], round.unfoldedRows));

    const next = random(5);
    const start = replay.timeline.startedAt!;
    const seeks: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < SEEKS; i++) {
      const at = start + next() * (end - start);
      const [texts, ms] = timed(() => textsAt(indexed, at));
      const [slow, baselineMs] = timed(() => rebuildFromStart(indexed, at));
      if (texts.code !== slow[0]) throw new Error(`seeking and rebuilding differ at ${at}`);
      seeks.push(ms);
      baseline.push(baselineMs);
    }
    const figures: ReplayFigures = {
      minutes,
      keystrokes: round.keystrokes,
      finalChars: round.finalText.length,
      rowsTyped: round.rowsTyped,
      historyBytes: round.unfoldedRows.reduce((sum, row) => sum + row.data.byteLength, 0),
      settledBytes: settled.reduce(
        (sum, doc) => sum + doc.state.byteLength + doc.steps.byteLength,
        0,
      ),
      gzipBytes,
      jsonBytes: Buffer.byteLength(json),
      fetchMs: round2(fetchMs),
      readSettledMs: round2(readSettledMs),
      readUpdatesMs: round2(readUpdatesMs),
      parseMs: round2(parseMs),
      indexMs: round2(indexMs),
      seek: summary(seeks),
      baselineSeek: summary(baseline),
      met: false,
    };
    if (firstPaint) {
      const painted = await firstPaint(round);
      figures.firstPaint = { coldMs: round2(painted.coldMs), warmMs: round2(painted.warmMs) };
    }
    figures.met =
      figures.seek.maxMs <= REPLAY_TARGETS.seekMs &&
      (figures.firstPaint?.coldMs ?? 0) <= REPLAY_TARGETS.firstPaintMs;
    return figures;
  } finally {
    await round.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function describeReplay(f: ReplayFigures): string[] {
  return [
    `replay: a ${f.minutes}-minute coding round, a keystroke every ${KEYSTROKE_MS} ms ` +
      `(${f.keystrokes.toLocaleString('en')} acknowledged edits, ${f.finalChars.toLocaleString('en')} characters at the end)`,
    `  history: ${f.rowsTyped.toLocaleString('en')} updates (${kb(f.historyBytes)}) stored while typing, ` +
      `${kb(f.settledBytes)} once settled (${(f.settledBytes / f.historyBytes).toFixed(3)}× of it)`,
    `  fetched: ${kb(f.gzipBytes)} sent (gzip; ${kb(f.jsonBytes)} of JSON) in ${f.fetchMs} ms; ` +
      `parsed in ${f.parseMs} ms, indexed in ${f.indexMs} ms`,
    `  any instant rebuilt (${SEEKS} at random): median ${f.seek.medianMs} ms, p99 ${f.seek.p99Ms} ms, ` +
      `max ${f.seek.maxMs} ms (target ≤ ${REPLAY_TARGETS.seekMs} ms); from the start of the round: ` +
      `median ${f.baselineSeek.medianMs} ms, max ${f.baselineSeek.maxMs} ms ` +
      `(keyframes ${(f.seek.medianMs / Math.max(f.baselineSeek.medianMs, 0.001)).toFixed(3)}× of it)`,
    `  the server reading the history as steps: ${f.readSettledMs} ms settled (as stored), ` +
      `${f.readUpdatesMs} ms from its updates (as while typing; settled ${(f.readSettledMs / Math.max(f.readUpdatesMs, 0.001)).toFixed(3)}× of it)`,
    f.firstPaint
      ? `  first paint of the replay on the review (Chromium): ${f.firstPaint.coldMs} ms from the click ` +
        `(target ≤ ${REPLAY_TARGETS.firstPaintMs} ms), ${f.firstPaint.warmMs} ms with its code cached`
      : '  first paint on the review: not measured (no Chromium; set CHROMIUM_PATH)',
    `  targets ${f.met ? 'met' : 'MISSED'}`,
  ];
}

/**
 * The replay's first paint on the review, in Chromium: from the click on "Watch this round
 * again" until the code of the round's first instant is on the screen (a frame later), with
 * the replay's code not yet loaded, then with it cached (the median of the next runs).
 */
export async function firstPaintInBrowser(
  round: LongRound,
): Promise<{ coldMs: number; warmMs: number }> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${round.url}/loop/${round.loopId}#token=${round.tokens.candidate}`);
    await page.getByRole('heading', { name: 'Loop review' }).waitFor();
    const toggle = page.getByTestId('replay-toggle').first();
    // As a string: the page runs it as written, with nothing the bundler adds to functions.
    const paint = () =>
      page.evaluate(`new Promise((resolve) => {
        const started = performance.now();
        document.querySelector('[data-testid="replay-toggle"]').click();
        const check = () =>
          document.querySelector('[data-testid="replay-code"]')?.textContent
            ? requestAnimationFrame(() => resolve(performance.now() - started))
            : requestAnimationFrame(check);
        check();
      })`) as Promise<number>;
    const coldMs = await paint();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      await toggle.click(); // hide
      warm.push(await paint());
    }
    return { coldMs, warmMs: percentile(warm, 50) };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const minutes = intFromEnv('BENCH_REPLAY_MINUTES', 60, 1);
  void benchReplay(minutes, chromiumPath ? firstPaintInBrowser : undefined).then(
    (figures) => {
      for (const line of describeReplay(figures)) process.stdout.write(`${line}\n`);
      process.stdout.write(`${JSON.stringify({ replay: figures })}\n`);
      process.exit(figures.met ? 0 : 1);
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(2);
    },
  );
}
