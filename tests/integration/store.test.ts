/**
 * The store suite: the same tests on the embedded SQLite store and on PostgreSQL, through
 * the loop service as the server uses it, plus what only one of them has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CreateLoopRequest } from '../../shared/src/api';
import type { ClientCommand } from '../../shared/src/loop/commands';
import { LoopService } from '../../server/src/loops/loop-service';
import { Boards } from '../../server/src/workspaces/boards';
import type { BoardElement } from '../../shared/src/board';
import { silentLogger } from '../../server/src/log';
import { openPostgresStore } from '../../server/src/store/postgres-store';
import { openSqliteStore } from '../../server/src/store/sqlite-store';
import {
  VersionConflict,
  type DocHistoryRow,
  type LoopStore,
  type SettledDoc,
} from '../../server/src/store/store';
import { content } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import { freshDatabase, hasPostgres } from '../helpers/services';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A place a store lives (a folder, a database schema) that can be opened again. */
interface Backend {
  name: string;
  /** A new empty place; its stores open on it, as often as asked. */
  place(): Promise<() => Promise<LoopStore>>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async place() {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return () => Promise.resolve(openSqliteStore(dir));
  },
};
const postgres: Backend = {
  name: 'PostgreSQL',
  async place() {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    return () => openPostgresStore({ url: database.url });
  },
};
const backends = [sqlite, ...(hasPostgres() ? [postgres] : [])];

const opened: LoopStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
});

async function serviceOn(open: () => Promise<LoopStore>, clock: FakeClock) {
  const store = await open();
  opened.push(store);
  return { store, service: new LoopService({ store, content, clock, log: silentLogger }) };
}
const candidate = { kind: 'role', role: 'candidate' } as const;
let n = 0;
const command = (
  c: { type: ClientCommand['type']; [field: string]: unknown },
  commandId = `c${++n}-aaaaaaaa`,
) => ({ ...c, commandId }) as ClientCommand;

const system = { kind: 'system' } as const;
/** The round's notes, saved into the log as the server saves a document. */
const saveNotes = (text: string, round = 0) =>
  ({ type: 'doc:save', ref: { kind: 'notes', round }, texts: { text } }) as const;

async function newLoop(
  service: LoopService,
  request: CreateLoopRequest = { mode: 'solo', rounds: [{ id: 'screen' }] },
) {
  const created = await service.create(request);
  if (!created.ok) throw new Error(created.error.message);
  return created.data;
}
async function must<T>(
  ack: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
) {
  const result = await ack;
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe.each(backends)('loop store on $name', (backend) => {
  it('loads the same state from the store as it holds live, across snapshots', async () => {
    const place = await backend.place();
    const clock = new FakeClock();
    const { store, service } = await serviceOn(place, clock);
    const { id } = await newLoop(service);
    await must(service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null));
    // Enough edits to cross several snapshot boundaries.
    for (let i = 0; i < 60; i++) {
      await clock.advance(1000);
      await must(service.execute(id, system, saveNotes(`draft ${i}`), null));
    }
    const live = (await service.get(id))!;
    service.stop();
    await store.close();

    const reopened = await serviceOn(place, clock);
    expect((await reopened.store.load(id))!.state).toEqual(live);
    expect(await reopened.store.eventsSince(id, 0)).toHaveLength(live.version);
    expect(await reopened.store.eventsSince(id, live.version - 2)).toHaveLength(2);
  });

  it('applies a resent command once and answers it with the same version', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const { id } = await newLoop(service);
    const start = command({ type: 'round:start', round: 0 }, 'same-command-id');
    const first = await service.execute(id, candidate, start, start.commandId);
    const again = await service.execute(id, candidate, start, start.commandId);
    expect(first).toEqual(again);
    const events = await store.eventsSince(id, 0);
    expect(events.filter((e) => e.type === 'round.started')).toHaveLength(1);
  });

  it('ends phases by itself and catches up on phases that ended while it was down', async () => {
    const place = await backend.place();
    const clock = new FakeClock();
    const first = await serviceOn(place, clock);
    const { id } = await newLoop(first.service);
    await must(
      first.service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null),
    );
    const phases = (await first.service.get(id))!.rounds[0]!.phases;
    await clock.advance(phases[0]!.minutes * 60_000);
    expect((await first.service.get(id))!.rounds[0]!.clock).toMatchObject({
      kind: 'running',
      phase: 1,
    });
    first.service.stop();
    await first.store.close();

    // Down for longer than phase 2: on start-up the service replays the missed expiry.
    clock.current += (phases[1]!.minutes + 0.5) * 60_000;
    const second = await serviceOn(place, clock);
    expect(await second.service.resume()).toBe(1);
    await clock.advance(0);
    const round = (await second.service.get(id))!.rounds[0]!;
    expect(round.clock).toMatchObject({ kind: 'running', phase: 2 });
    const advanced = (await second.store.eventsSince(id, 0)).filter(
      (e) => e.type === 'phase.advanced',
    );
    expect(advanced.map((e) => e.at)).toEqual([
      clock.current - (phases[1]!.minutes + 0.5) * 60_000,
      clock.current - 0.5 * 60_000,
    ]);
    second.service.stop();
  });

  it('never stores a token in the clear', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const created = await newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    for (const [role, token] of Object.entries(created.tokens)) {
      expect(JSON.stringify(await store.tokenHashes(created.id))).not.toContain(token);
      expect(await service.authenticate(created.id, token)).toBe(role);
      expect(await service.authenticate('another-loop', token)).toBeNull();
    }
  });

  it('does not rotate a link twice for one command id, and keeps the first new token valid', async () => {
    const { service } = await serviceOn(await backend.place(), new FakeClock());
    const created = await newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    const first = await must(
      service.rotateToken(created.id, 'interviewer', 'candidate', 'rotate-cmd-1'),
    );
    expect(
      await service.rotateToken(created.id, 'interviewer', 'candidate', 'rotate-cmd-1'),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await service.authenticate(created.id, first.token)).toBe('candidate');
    expect(await service.authenticate(created.id, created.tokens.candidate!)).toBeNull();
  });

  it('swaps once: a reused command id creates no orphan loop, the observer may not swap', async () => {
    const { service } = await serviceOn(await backend.place(), new FakeClock());
    const created = await newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    const interviewer = { kind: 'role', role: 'interviewer' } as const;
    await service.execute(
      created.id,
      interviewer,
      command({ type: 'round:next', round: 0 }, 'used-id-0001'),
      'used-id-0001',
    );
    expect(await service.swap(created.id, 'candidate', 'used-id-0001')).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await service.get(created.id))!.nextLoopId).toBeNull();
    expect(await service.swap(created.id, 'observer', 'swap-id-0001')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const swapped = await must(service.swap(created.id, 'candidate', 'swap-id-0002'));
    expect(await service.swap(created.id, 'interviewer', 'swap-id-0003')).toEqual({
      ok: true,
      data: swapped,
    });
    expect(await service.authenticate(swapped.nextLoopId, created.tokens.candidate!)).toBe(
      'interviewer',
    );
    expect(await service.authenticate(swapped.nextLoopId, created.tokens.interviewer!)).toBe(
      'candidate',
    );
  });

  it('refuses a second write of the same version, or of the same command id', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const { id } = await newLoop(service);
    const before = (await service.get(id))!;
    const event = { type: 'notes.updated', at: 1, round: 0, text: 'a' } as const;
    const after = { ...before, version: before.version + 1 };
    await store.append(before, after, [event], 'first-command');
    await expect(store.append(before, after, [{ ...event, text: 'b' }], null)).rejects.toThrow(
      VersionConflict,
    );
    const later = { ...after, version: after.version + 1 };
    await expect(store.append(after, later, [event], 'first-command')).rejects.toThrow(
      VersionConflict,
    );
    expect((await store.eventsSince(id, 0)).at(-1)).toEqual(event);
    expect(await store.commandVersion(id, 'first-command')).toBe(after.version);
  });

  it('refuses only the append that lost its race when several are written together', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const [x, y] = [(await newLoop(service)).id, (await newLoop(service)).id];
    const event = (text: string) => ({ type: 'notes.updated', at: 1, round: 0, text }) as const;
    const next = (state: { version: number }) => ({ ...state, version: state.version + 1 });
    const [beforeX, beforeY] = [(await service.get(x))!, (await service.get(y))!];
    await store.append(beforeX, next(beforeX) as typeof beforeX, [event('x first')], null);
    // In one turn: a stale write to x (its version is taken) and a good one to y.
    const results = await Promise.allSettled([
      store.append(beforeX, next(beforeX) as typeof beforeX, [event('x stale')], null),
      store.append(beforeY, next(beforeY) as typeof beforeY, [event('y')], 'y-command'),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflict) });
    expect(results[1]).toMatchObject({ status: 'fulfilled' });
    expect((await store.eventsSince(x, 0)).at(-1)).toEqual(event('x first'));
    expect((await store.eventsSince(y, 0)).at(-1)).toEqual(event('y'));
    expect(await store.commandVersion(y, 'y-command')).toBe(beforeY.version + 1);
  });

  it('merges a whiteboard by the one rule, whatever order its updates arrive in', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const boards = new Boards({ service, store: store.workspaces, content });
    const element = (id: string, version: number, versionNonce: number, isDeleted = false) =>
      ({
        id,
        type: 'rectangle',
        version,
        versionNonce,
        isDeleted,
        x: version,
        y: versionNonce,
        width: 10,
        height: 10,
      }) as unknown as BoardElement;
    // Three participants' updates: a newer version wins, a tie goes to the lower nonce,
    // a deletion is a newer version like any other.
    const updates: BoardElement[][] = [
      [element('a', 1, 50), element('b', 1, 10)],
      [element('a', 3, 70), element('b', 1, 5)],
      [element('a', 3, 20), element('c', 2, 1, true)],
      [element('c', 1, 1), element('b', 1, 7)],
    ];
    const boardAfter = async (order: number[]) => {
      const { id } = await newLoop(service, { mode: 'solo', rounds: [{ id: 'system-design' }] });
      await must(service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null));
      for (const i of order) await must(boards.update(id, 'candidate', 0, updates[i]!));
      const loaded = await must(boards.load(id, 'candidate', 0));
      return loaded.elements.sort((x, y) => x.id.localeCompare(y.id));
    };
    const board = await boardAfter([0, 1, 2, 3]);
    expect(board.map((e) => [e.id, e.version, e.versionNonce, e.isDeleted])).toEqual([
      ['a', 3, 20, false],
      ['b', 1, 5, false],
      ['c', 2, 1, true],
    ]);
    // A deleted element is kept as a tombstone: nothing of what it showed.
    expect(board[2]).toEqual({
      id: 'c',
      type: 'rectangle',
      version: 2,
      versionNonce: 1,
      isDeleted: true,
    });
    for (const order of [
      [3, 2, 1, 0],
      [2, 0, 3, 1],
      [1, 3, 0, 2],
    ])
      expect(await boardAfter(order), `order ${order.join(',')}`).toEqual(board);
  });

  it('keeps code updates and board elements, and compacts code without losing an edit', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const { id } = await newLoop(service);
    const docs = [new Y.Doc(), new Y.Doc()];
    const stored: Promise<void>[] = [];
    for (const [i, doc] of docs.entries()) {
      doc.on('update', (update: Uint8Array) =>
        stored.push(store.workspaces.appendDocUpdate(id, '0:q', update)),
      );
      doc.getText('code').insert(0, `line ${i}\n`);
    }
    await Promise.all(stored);
    const merge = (updates: Uint8Array[]) => Y.mergeUpdates(updates);
    await store.workspaces.compactDoc(id, '0:q', merge);
    expect(await store.workspaces.docUpdates(id, '0:q')).toHaveLength(1);
    // An update stored after a compaction survives the next one.
    docs[0]!.getText('code').insert(0, '# top\n');
    await Promise.all(stored);
    await store.workspaces.compactDoc(id, '0:q', merge);
    const doc = new Y.Doc();
    for (const update of await store.workspaces.docUpdates(id, '0:q')) Y.applyUpdate(doc, update);
    const text = doc.getText('code').toString();
    expect(text).toContain('# top');
    expect(text).toContain('line 0');
    expect(text).toContain('line 1');

    await store.workspaces.putBoardElements(id, 2, [
      { id: 'a', json: '{"id":"a","version":1}' },
      { id: 'b', json: '{"id":"b","version":1}' },
    ]);
    await store.workspaces.putBoardElements(id, 2, [{ id: 'a', json: '{"id":"a","version":2}' }]);
    // An older copy arriving late (from another node) does not replace the newer one.
    await store.workspaces.putBoardElements(id, 2, [{ id: 'a', json: '{"id":"a","version":1}' }]);
    expect(await store.workspaces.boardStats(id, 2)).toEqual({
      elements: 2,
      chars: (await store.workspaces.boardElements(id, 2)).join('').length,
    });
    expect(await store.workspaces.boardElementsById(id, 2, ['a', 'c'])).toEqual([
      '{"id":"a","version":2}',
    ]);
    expect((await store.workspaces.boardElements(id, 2)).sort()).toEqual([
      '{"id":"a","version":2}',
      '{"id":"b","version":1}',
    ]);
    expect(await store.workspaces.boardElements(id, 1)).toEqual([]);

    // A report reads a round's diagram, deleted elements left out, as UTF-8 bytes.
    const label = '{"id":"t","isDeleted":false,"text":"Feature store é","version":1}';
    await store.workspaces.putBoardElements(id, 3, [
      { id: 't', json: label },
      { id: 'gone', json: '{"id":"gone","isDeleted":true,"version":2}' },
    ]);
    expect((await store.workspaces.boardDrawing(id, 3)).map((b) => b.toString('utf8'))).toEqual([
      label,
    ]);
    expect(await store.workspaces.boardDrawingSizes(id)).toEqual([
      { round: 3, elements: 1, bytes: Buffer.byteLength(label) },
    ]);
  });

  it('keeps every update and board change in the round history, with its instant, through compaction', async () => {
    const { store, service } = await serviceOn(await backend.place(), new FakeClock());
    const { id } = await newLoop(service);
    const before = await store.loopBytes(id);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('code').insert(0, 'a');
    doc.getText('code').insert(1, 'b');
    await store.workspaces.appendDocUpdate(id, '1:q', updates[0]!, false, 1_000);
    await store.workspaces.appendDocUpdate(id, '1:q', updates[1]!, true, 2_000);
    await store.workspaces.appendDocUpdate(id, 'notes:1', updates[0]!, true, 3_000);
    await store.workspaces.appendDocUpdate(id, 'notes:2', updates[0]!, true, 4_000);
    await store.workspaces.compactDoc(id, '1:q', (all) => Y.mergeUpdates(all));
    expect(await store.workspaces.docUpdates(id, '1:q')).toHaveLength(1);
    // The history of round 1 (code and notes), in the order stored; round 2's apart.
    const history = await store.workspaces.docHistory(id, 1);
    expect(history.map((row) => [row.docKey, row.at])).toEqual([
      ['1:q', 1_000],
      ['1:q', 2_000],
      ['notes:1', 3_000],
    ]);
    expect(history.map((row) => [...row.data])).toEqual(
      [updates[0]!, updates[1]!, updates[0]!].map((u) => [...u]),
    );
    expect((await store.workspaces.docHistory(id, 2)).map((row) => row.docKey)).toEqual([
      'notes:2',
    ]);
    // Settling stores each document's steps and state in place of its updates, in one go,
    // and leaves other rounds alone; settling again merges what came since.
    const settle = (tag: string) => (settled: SettledDoc[], rows: DocHistoryRow[]) =>
      [...new Set(rows.map((row) => row.docKey))].map((docKey) => ({
        docKey,
        state: Y.mergeUpdates(rows.filter((row) => row.docKey === docKey).map((row) => row.data)),
        steps: new TextEncoder().encode(
          `${settled.find((doc) => doc.docKey === docKey)?.steps.length ?? 0}:${tag}`,
        ),
      }));
    await store.workspaces.settleDocHistory(id, 1, settle('first'));
    expect(await store.workspaces.docHistory(id, 1)).toEqual([]);
    const settled = await store.workspaces.settledDocs(id, 1);
    const named = (docs: SettledDoc[]) =>
      docs
        .map((doc) => [doc.docKey, new TextDecoder().decode(doc.steps)])
        .sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(named(settled)).toEqual([
      ['1:q', '0:first'],
      ['notes:1', '0:first'],
    ]);
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, settled.find((doc) => doc.docKey === '1:q')!.state);
    expect(replayed.getText('code').toString()).toBe('ab');
    expect(await store.workspaces.docHistory(id, 2)).toHaveLength(1);
    // An update stored after the round was settled is settled with what was.
    await store.workspaces.appendDocUpdate(id, '1:q', updates[1]!, true, 7_000);
    await store.workspaces.settleDocHistory(id, 1, settle('again'));
    expect(named(await store.workspaces.settledDocs(id, 1))).toEqual([
      ['1:q', '7:again'],
      ['notes:1', '0:first'],
    ]);
    // Nothing to settle: nothing changes.
    await store.workspaces.settleDocHistory(id, 1, () => {
      throw new Error('not called without updates');
    });

    await store.workspaces.putBoardElements(
      id,
      1,
      [{ id: 'a', json: '{"id":"a","version":1}' }],
      5_000,
    );
    await store.workspaces.putBoardElements(
      id,
      1,
      [
        { id: 'a', json: '{"id":"a","version":2}' },
        { id: 'b', json: '{"id":"b","version":1}' },
      ],
      6_000,
    );
    expect(await store.workspaces.boardHistory(id, 1)).toEqual([
      { at: 5_000, json: '[{"id":"a","version":1}]' },
      { at: 6_000, json: '[{"id":"a","version":2},{"id":"b","version":1}]' },
    ]);
    expect(await store.workspaces.boardHistory(id, 0)).toEqual([]);
    // The history counts toward what the loop stores.
    const historyBytes = updates[0]!.byteLength + 24 + 48;
    expect(await store.loopBytes(id)).toBeGreaterThanOrEqual(before + historyBytes);
  });
});

/** Two services ("nodes") on one new database, and a loop whose first round has started. */
async function twoNodesWithAStartedLoop() {
  const place = await postgres.place();
  const clock = new FakeClock();
  const a = await serviceOn(place, clock);
  const b = await serviceOn(place, clock);
  const { id } = await newLoop(a.service);
  await must(a.service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null));
  return { clock, a, b, id };
}

describe.skipIf(!backends.includes(postgres))('PostgreSQL shared by several nodes', () => {
  it('creates its schema once when nodes start together, and opens an existing one', async () => {
    const place = await postgres.place();
    const stores = await Promise.all([place(), place(), place()]);
    opened.push(...stores);
    const again = await place();
    opened.push(again);
    expect(await again.activeLoopIds()).toEqual([]);
  });

  it('serialises commands of two nodes on one loop: every version once, nothing lost', async () => {
    const { a, b, id } = await twoNodesWithAStartedLoop();
    // Both nodes hold the loop, then write at once: each loses races and decides again.
    await b.service.get(id);
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? a : b).service.execute(
        id,
        system,
        saveNotes(`from ${i % 2 ? 'a' : 'b'} ${i}`),
        `write-${i}-aaaa`,
      ),
    );
    const acks = await Promise.all(writes);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const versions = acks.map((ack) => (ack.ok ? ack.data.version : 0)).sort((x, y) => x - y);
    expect(new Set(versions).size).toBe(20);
    const events = await a.store.eventsSince(id, 0);
    expect(events).toHaveLength(2 + 20);
    await b.service.refresh(id);
    await a.service.refresh(id);
    expect(await a.service.get(id)).toEqual(await b.service.get(id));
  });

  it('ends a phase once when both nodes hold the loop and both clocks fire', async () => {
    const { clock, a, b, id } = await twoNodesWithAStartedLoop();
    expect(await b.service.resume()).toBe(1);
    const phases = (await a.service.get(id))!.rounds[0]!.phases;
    // Two timers, one per node, fall due at the same instant.
    expect(clock.pending).toBe(2);
    await clock.advance(phases[0]!.minutes * 60_000);
    const advanced = (await a.store.eventsSince(id, 0)).filter((e) => e.type === 'phase.advanced');
    expect(advanced).toHaveLength(1);
    expect(await a.store.commandVersion(id, `expire:0:0:2`)).toBe(3);
    // Both nodes now wait for the next phase's end, not the one that passed.
    expect((await b.service.get(id))!.rounds[0]!.clock).toMatchObject({ phase: 1 });
    expect(clock.pending).toBe(2);
    a.service.stop();
    b.service.stop();
  });
});

describe('SQLite store upgrades', () => {
  it('moves snapshots out of the loops row of a store made by an earlier version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const open = () => Promise.resolve(openSqliteStore(dir));
    const clock = new FakeClock();
    const first = await serviceOn(open, clock);
    const { id } = await newLoop(first.service);
    await first.service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null);
    await must(first.service.execute(id, system, saveNotes('kept'), null));
    const expected = await first.service.get(id);
    await first.store.close();

    // Rebuild the earlier layout: the snapshot in the loops row, no snapshots table.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'mockloop.sqlite'));
    const snapshot = db.prepare('SELECT version, state FROM snapshots').get() as {
      version: number;
      state: string;
    };
    db.exec(`ALTER TABLE loops ADD COLUMN snapshot TEXT NOT NULL DEFAULT '';
             ALTER TABLE loops ADD COLUMN snapshot_version INTEGER NOT NULL DEFAULT 0;
             DROP TABLE snapshots;`);
    db.prepare('UPDATE loops SET snapshot = ?, snapshot_version = ?').run(
      snapshot.state,
      snapshot.version,
    );
    db.close();

    const second = await serviceOn(open, clock);
    expect((await second.store.load(id))?.state).toEqual(expected);
    await must(second.service.execute(id, system, saveNotes('more'), null));
    expect((await second.store.load(id))?.state.rounds[0]!.notes).toBe('more');
  });
});

describe('SQLite group commit', () => {
  it('commits the writes of its window together, across turns, and resolves them only after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { store, service } = await serviceOn(
      () => Promise.resolve(openSqliteStore(dir)),
      new FakeClock(),
    );
    const { id } = await newLoop(service);
    const before = (await service.get(id))!;
    const order: string[] = [];
    const event = (text: string) => ({ type: 'notes.updated', at: 1, round: 0, text }) as const;
    const one = { ...before, version: before.version + 1 };
    const two = { ...one, version: one.version + 1 };
    const three = { ...two, version: two.version + 1 };
    const writes = [
      store.append(before, one, [event('x')], null).then(() => order.push('first')),
      store.append(one, two, [event('y')], null).then(() => order.push('second')),
    ];
    // A write in a later turn of the event loop, within the window, joins the same commit.
    await new Promise((resolve) => setImmediate(resolve));
    writes.push(store.append(two, three, [event('z')], null).then(() => order.push('third')));

    // Another connection (another process, after a crash) sees nothing before the commit.
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(join(dir, 'mockloop.sqlite'), { readonly: true });
    const count = () =>
      (
        reader.prepare('SELECT COUNT(*) AS n FROM events WHERE loop_id = ?').get(id) as {
          n: number;
        }
      ).n;
    expect(count()).toBe(1);
    await Promise.resolve();
    expect(order).toEqual([]);

    await Promise.all(writes);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(count()).toBe(4);
    reader.close();
  });
});
