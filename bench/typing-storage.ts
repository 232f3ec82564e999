/**
 * What typing costs the store: a 5,000-character note typed one character at a time, each
 * character one acknowledged edit, a keystroke every 200 ms by the server's clock (one that
 * moves only when told), on a real server with a SQLite file. Measured twice in
 * one run: as documents (each keystroke a small Yjs update; the final text written into the
 * log when the round ends) and, as the baseline, the way notes were stored before documents
 * (every keystroke an event in the loop's log carrying the whole note). Sizes are the pages
 * the SQLite file uses, free pages left out, read from a second connection.
 *
 * `npm run bench:typing`; `npm run bench` runs it first. BENCH_TYPED_CHARS (default 5,000)
 * sets the length of the note.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { loadCatalog } from '@mockloop/rounds';
import { createApp, type App } from '../server/src/app';
import { DEFAULT_LIMITS } from '../server/src/limits';
import { silentLogger } from '../server/src/log';
import { DEFAULT_RATE_LIMITS } from '../server/src/security/rate-limits';
import { openSqliteStore } from '../server/src/store/sqlite-store';
import type { DocRef } from '../shared/src/docs';
import type { Ack } from '../shared/src/errors';
import { PROTOCOL_VERSION } from '../shared/src/protocol';
import { FakeClock } from '../tests/helpers/fake-clock';

/** The targets: what typing the note may add to the store, while typing and once ended. */
export const TYPING_TARGETS = { typedBytes: 1024 * 1024, endedBytes: 64 * 1024 };

export interface TypingFigures {
  chars: number;
  /** Store growth from typing through documents, and once the round has ended. */
  typedBytes: number;
  endedBytes: number;
  /** Store growth with every keystroke an event carrying the whole note. */
  wholeTextBytes: number;
  typingMs: number;
  met: boolean;
}

const LIFTED = { perSecond: 1e9, burst: 1e9 };
const NOTES: DocRef = { kind: 'notes', round: 0 };
/** The text typed: ordinary prose, repeated. */
const PROSE = 'Clarify the metric first, then the baseline model and how it fails. ';

/** The server's clock moves this much between keystrokes: someone typing steadily. */
const KEYSTROKE_MS = 200;

async function startServer(dataDir: string, clock: FakeClock): Promise<{ app: App; url: string }> {
  const app = createApp({
    catalog: loadCatalog(),
    store: openSqliteStore(dataDir),
    clock,
    log: silentLogger,
    rateLimits: { ...DEFAULT_RATE_LIMITS, command: LIFTED },
    limits: DEFAULT_LIMITS,
  });
  await app.resume();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** Bytes of the SQLite file in use (free pages left out), as a second connection sees it. */
function usedBytes(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
    return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
  } finally {
    db.close();
  }
}

async function createSoloLoop(url: string): Promise<{ id: string; token: string }> {
  const res = await fetch(`${url}/api/loops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'solo', rounds: [{ id: 'screen' }] }),
  });
  if (res.status !== 201) throw new Error(`creating a loop: HTTP ${res.status}`);
  const body = (await res.json()) as { id: string; tokens: { candidate: string } };
  return { id: body.id, token: body.tokens.candidate };
}

export type AnyEmit = (event: string, payload: unknown) => Promise<Record<string, unknown>>;

/** Joins a loop over a WebSocket as the token's role; each emit resolves with the ack's data. */
export async function joinLoop(url: string, loopId: string, token: string): Promise<AnyEmit> {
  const socket: Socket = connect(url, {
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('loop:updated', () => resolve());
    socket.once('connect_error', reject);
  });
  return async (event, payload) => {
    const ack = (await socket.emitWithAck(event, payload)) as Ack<Record<string, unknown>>;
    if (!ack.ok) throw new Error(`${event} refused: ${ack.error.message}`);
    return ack.data;
  };
}

/**
 * Runs `measure` against a fresh server with a SQLite file, with a solo loop whose round
 * has started; the server and its files are gone afterwards.
 */
async function withStartedLoop<T>(
  measure: (ctx: {
    app: App;
    file: string;
    loopId: string;
    emit: AnyEmit;
    clock: FakeClock;
  }) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-typing-'));
  const clock = new FakeClock();
  const { app, url } = await startServer(dataDir, clock);
  try {
    const loop = await createSoloLoop(url);
    const emit = await joinLoop(url, loop.id, loop.token);
    await emit('round:start', { commandId: 'typing-start', round: 0 });
    const file = join(dataDir, 'mockloop.sqlite');
    return await measure({ app, file, loopId: loop.id, emit, clock });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Types `chars` characters into a fresh loop's notes, one acknowledged update each. */
function typeThroughDocuments(chars: number) {
  return withStartedLoop(async ({ app, file, loopId, emit, clock }) => {
    const doc = new Y.Doc();
    const opened = await emit('doc:sync', { doc: NOTES, stateVector: Y.encodeStateVector(doc) });
    Y.applyUpdate(doc, new Uint8Array(opened.update as Uint8Array));
    const text = doc.getText('text');
    doc.transact(() => text.delete(0, text.length)); // the round's notes template
    await emit('doc:edit', { doc: NOTES, update: Y.encodeStateAsUpdate(doc) });
    const before = usedBytes(file);
    const started = performance.now();
    for (let i = 0; i < chars; i++) {
      await clock.advance(KEYSTROKE_MS);
      const vector = Y.encodeStateVector(doc);
      text.insert(text.length, PROSE[i % PROSE.length]!);
      await emit('doc:edit', { doc: NOTES, update: Y.encodeStateAsUpdate(doc, vector) });
    }
    const typingMs = performance.now() - started;
    const typed = usedBytes(file) - before;
    await emit('round:end', { commandId: 'typing-end', round: 0 });
    // The history is settled once the round is over (the server starts it on the round's
    // end; called here too, a no-op if done, so the figure is taken after it).
    await app.docs.settleHistory(loopId, 0);
    const view = await app.service.view(loopId, 'candidate');
    if (view?.rounds[0]?.notes !== text.toString())
      throw new Error('the notes in the log are not the text typed');
    return { typedBytes: typed, endedBytes: usedBytes(file) - before, typingMs };
  });
}

/** The baseline: the same keystrokes, each an event in the log carrying the whole note. */
function typeIntoTheLog(chars: number) {
  return withStartedLoop(async ({ app, file, loopId }) => {
    const save = (text: string) =>
      app.service.execute(
        loopId,
        { kind: 'system' },
        { type: 'doc:save', ref: NOTES, texts: { text } },
        null,
      );
    await save('');
    const before = usedBytes(file);
    let note = '';
    for (let i = 0; i < chars; i++) {
      note += PROSE[i % PROSE.length]!;
      const saved = await save(note);
      if (!saved.ok) throw new Error(saved.error.message);
    }
    return usedBytes(file) - before;
  });
}

export async function benchTypingStorage(chars: number): Promise<TypingFigures> {
  const documents = await typeThroughDocuments(chars);
  const wholeTextBytes = await typeIntoTheLog(chars);
  const met =
    documents.typedBytes <= TYPING_TARGETS.typedBytes &&
    documents.endedBytes <= TYPING_TARGETS.endedBytes;
  return { chars, ...documents, wholeTextBytes, met };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function describeTyping(f: TypingFigures): string[] {
  return [
    `typing storage: a ${f.chars.toLocaleString('en')}-character note typed one character per acknowledged edit`,
    `  as documents: store grew ${kb(f.typedBytes)} while typing (target ≤ ${kb(TYPING_TARGETS.typedBytes)}), ` +
      `${kb(f.endedBytes)} once the round ended (target ≤ ${kb(TYPING_TARGETS.endedBytes)}); ` +
      `${(f.typingMs / f.chars).toFixed(2)} ms per acknowledged edit`,
    `  baseline, the whole note in the log at every keystroke: ${kb(f.wholeTextBytes)} ` +
      `(documents use ${(f.typedBytes / f.wholeTextBytes).toFixed(3)}× of it while typing, ` +
      `${(f.endedBytes / f.wholeTextBytes).toFixed(4)}× once ended)`,
    `  targets ${f.met ? 'met' : 'MISSED'}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const chars = Number(process.env.BENCH_TYPED_CHARS ?? 5_000);
  void benchTypingStorage(chars).then(
    (figures) => {
      for (const line of describeTyping(figures)) process.stdout.write(`${line}\n`);
      process.stdout.write(`${JSON.stringify({ typing: figures })}\n`);
      process.exit(figures.met ? 0 : 1);
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(2);
    },
  );
}
