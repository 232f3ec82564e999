import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateLoopRequest } from '../../shared/src/api';
import type { ClientCommand } from '../../shared/src/loop/commands';
import { LoopService } from '../../server/src/loops/loop-service';
import { silentLogger } from '../../server/src/log';
import { openSqliteStore } from '../../server/src/store/sqlite-store';
import { content } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function serviceOn(dataDir: string, clock: FakeClock) {
  const store = openSqliteStore(dataDir);
  return { store, service: new LoopService({ store, content, clock, log: silentLogger }) };
}
const candidate = { kind: 'role', role: 'candidate' } as const;
let n = 0;
const command = (
  c: { type: ClientCommand['type']; [field: string]: unknown },
  commandId = `c${++n}-aaaaaaaa`,
) => ({ ...c, commandId }) as ClientCommand;

function newLoop(
  service: LoopService,
  request: CreateLoopRequest = { mode: 'solo', rounds: [{ id: 'screen' }] },
) {
  const created = service.create(request);
  if (!created.ok) throw new Error(created.error.message);
  return created.data;
}

describe('loop service on SQLite', () => {
  it('loads the same state from the store as it holds live, across snapshots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const { store, service } = serviceOn(dir, clock);
    const { id } = newLoop(service);
    service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null);
    // Enough edits to cross several snapshot boundaries.
    for (let i = 0; i < 60; i++) {
      clock.advance(1000);
      const ack = service.execute(
        id,
        candidate,
        command({ type: 'notes:update', round: 0, text: `draft ${i}` }),
        null,
      );
      expect(ack.ok).toBe(true);
    }
    const live = service.get(id)!;
    service.stop();
    store.close();

    const reopened = serviceOn(dir, clock);
    expect(reopened.store.load(id)!.state).toEqual(live);
    expect(reopened.store.events(id)).toHaveLength(live.version);
    reopened.store.close();
  });

  it('applies a resent command once and answers it with the same version', () => {
    const clock = new FakeClock();
    const { store, service } = serviceOn(':memory:', clock);
    const { id } = newLoop(service);
    const start = command({ type: 'round:start', round: 0 }, 'same-command-id');
    const first = service.execute(id, candidate, start, start.commandId);
    const again = service.execute(id, candidate, start, start.commandId);
    expect(first).toEqual(again);
    expect(store.events(id).filter((e) => e.type === 'round.started')).toHaveLength(1);
    store.close();
  });

  it('ends phases by itself and catches up on phases that ended while it was down', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const first = serviceOn(dir, clock);
    const { id } = newLoop(first.service);
    first.service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null);
    const phases = first.service.get(id)!.rounds[0]!.phases;
    clock.advance(phases[0]!.minutes * 60_000);
    expect(first.service.get(id)!.rounds[0]!.clock).toMatchObject({ kind: 'running', phase: 1 });
    first.service.stop();
    first.store.close();

    // Down for longer than phase 2: on start-up the service replays the missed expiry.
    clock.current += (phases[1]!.minutes + 0.5) * 60_000;
    const second = serviceOn(dir, clock);
    expect(second.service.resume()).toBe(1);
    clock.advance(0);
    const round = second.service.get(id)!.rounds[0]!;
    expect(round.clock).toMatchObject({ kind: 'running', phase: 2 });
    const advanced = second.store.events(id).filter((e) => e.type === 'phase.advanced');
    expect(advanced.map((e) => e.at)).toEqual([
      clock.current - (phases[1]!.minutes + 0.5) * 60_000,
      clock.current - 0.5 * 60_000,
    ]);
    second.service.stop();
    second.store.close();
  });

  it('never stores a token in the clear', () => {
    const { store, service } = serviceOn(':memory:', new FakeClock());
    const created = newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    for (const [role, token] of Object.entries(created.tokens)) {
      expect(JSON.stringify(store.tokenHashes(created.id))).not.toContain(token);
      expect(service.authenticate(created.id, token)).toBe(role);
      expect(service.authenticate('another-loop', token)).toBeNull();
    }
    store.close();
  });

  it('does not rotate a link twice for one command id, and keeps the first new token valid', () => {
    const { store, service } = serviceOn(':memory:', new FakeClock());
    const created = newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    const first = service.rotateToken(created.id, 'interviewer', 'candidate', 'rotate-cmd-1');
    if (!first.ok) throw new Error(first.error.message);
    expect(
      service.rotateToken(created.id, 'interviewer', 'candidate', 'rotate-cmd-1'),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(service.authenticate(created.id, first.data.token)).toBe('candidate');
    expect(service.authenticate(created.id, created.tokens.candidate!)).toBeNull();
    store.close();
  });

  it('swaps once: a reused command id creates no orphan loop, the observer may not swap', () => {
    const { store, service } = serviceOn(':memory:', new FakeClock());
    const created = newLoop(service, { mode: 'paired', rounds: [{ id: 'screen' }] });
    const interviewer = { kind: 'role', role: 'interviewer' } as const;
    service.execute(
      created.id,
      interviewer,
      command({ type: 'round:next', round: 0 }, 'used-id-0001'),
      'used-id-0001',
    );
    expect(service.swap(created.id, 'candidate', 'used-id-0001')).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(service.get(created.id)!.nextLoopId).toBeNull();
    expect(service.swap(created.id, 'observer', 'swap-id-0001')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const swapped = service.swap(created.id, 'candidate', 'swap-id-0002');
    if (!swapped.ok) throw new Error(swapped.error.message);
    expect(service.swap(created.id, 'interviewer', 'swap-id-0003')).toEqual(swapped);
    expect(service.authenticate(swapped.data.nextLoopId, created.tokens.candidate!)).toBe(
      'interviewer',
    );
    expect(service.authenticate(swapped.data.nextLoopId, created.tokens.interviewer!)).toBe(
      'candidate',
    );
    store.close();
  });
});

describe('SQLite store upgrades', () => {
  it('moves snapshots out of the loops row of a store made by an earlier version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const first = serviceOn(dir, clock);
    const { id } = newLoop(first.service);
    first.service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null);
    first.service.execute(
      id,
      candidate,
      command({ type: 'notes:update', round: 0, text: 'kept' }),
      null,
    );
    const expected = first.service.get(id);
    first.store.close();

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

    const second = serviceOn(dir, clock);
    expect(second.store.load(id)?.state).toEqual(expected);
    second.service.execute(
      id,
      candidate,
      command({ type: 'notes:update', round: 0, text: 'more' }),
      null,
    );
    expect(second.store.load(id)?.state.rounds[0]!.notes).toBe('more');
    second.store.close();
  });
});

describe('SQLite store writes', () => {
  it('refuses a second write of the same version (two writers of one loop)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    dirs.push(dir);
    const { store, service } = serviceOn(dir, new FakeClock());
    const { id } = newLoop(service);
    const before = service.get(id)!;
    const event = { type: 'notes.updated', at: 1, round: 0, text: 'a' } as const;
    const after = { ...before, version: before.version + 1 };
    store.append(before, after, [event], null);
    expect(() => store.append(before, after, [{ ...event, text: 'b' }], null)).toThrow(
      /version conflict/,
    );
    expect(store.events(id).at(-1)).toEqual(event);
    store.close();
  });
});

describe('SQLite group commit', () => {
  it('commits the writes of one event-loop turn together, and acknowledges only after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-store-'));
    dirs.push(dir);
    const { store, service } = serviceOn(dir, new FakeClock());
    const { id } = newLoop(service);
    service.execute(id, candidate, command({ type: 'round:start', round: 0 }), null);
    service.execute(id, candidate, command({ type: 'notes:update', round: 0, text: 'x' }), null);
    const order: string[] = [];
    store.afterCommit(() => order.push('acked'));

    // Another connection (another process, after a crash) sees nothing before the commit.
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(join(dir, 'mockloop.sqlite'), { readonly: true });
    const count = () =>
      (
        reader.prepare('SELECT COUNT(*) AS n FROM events WHERE loop_id = ?').get(id) as {
          n: number;
        }
      ).n;
    expect(order).toEqual([]);
    expect(count()).toBe(0);

    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['acked']);
    expect(count()).toBe(3);
    // Nothing pending: a later wait runs at once.
    store.afterCommit(() => order.push('at once'));
    expect(order).toEqual(['acked', 'at once']);
    reader.close();
    store.close();
  });
});
