/**
 * The embedded store: SQLite through better-sqlite3. Each loop has an append-only
 * event log plus a snapshot of its state, refreshed every few events so that loading
 * replays only the tail. One process owns the file. Writes run at once and resolve when
 * the group commit that takes them is done.
 */
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import { restoreLoop } from '@mockloop/shared/loop/reduce';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import { openSqliteRecordings, RECORDING_SCHEMA } from './sqlite-recordings';
import { openSqliteWorkspaces, WORKSPACE_SCHEMA } from './sqlite-workspaces';
import { VersionConflict, type LoopStore, type StoredLoop } from './store';

/**
 * How long a group commit gathers writes. A commit costs more than a small write (about
 * 50 µs against 30 µs for a keystroke's document update, docs/performance.md), so under
 * load many writes share one; a write is acknowledged at most this much later.
 */
const GROUP_COMMIT_MS = 2;
/**
 * Pages the write-ahead log gathers before SQLite copies them into the database file
 * (SQLite's default is 1,000). Typing rewrites the same few pages of each open document
 * again and again; a longer log copies each of them once per checkpoint instead of many
 * times, which halved the time spent committing under `npm run bench`'s load. The log
 * grows to about 40 MB before it is reused.
 */
const WAL_CHECKPOINT_PAGES = 10_000;
/** A snapshot is written when this many events have accumulated since the last one. */
const SNAPSHOT_EVERY_EVENTS = 25;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS loops (
  id TEXT PRIMARY KEY,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
-- Apart from the loops row, which changes with every command: SQLite rewrites a whole row
-- on update, and a snapshot is kilobytes.
CREATE TABLE IF NOT EXISTS snapshots (
  loop_id TEXT PRIMARY KEY REFERENCES loops(id),
  version INTEGER NOT NULL,
  state TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (loop_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  command_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (loop_id, command_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT NOT NULL,
  loop_id TEXT NOT NULL REFERENCES loops(id),
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (hash, loop_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS tokens_role ON tokens(loop_id, role);
CREATE INDEX IF NOT EXISTS loops_status ON loops(status);
`;

/** Stores made before snapshots had their own table keep them in the loops row: move them. */
function migrateSnapshots(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(loops)').all();
  if (!columns.some((c) => c.name === 'snapshot')) return;
  db.transaction(() => {
    db.exec(SCHEMA);
    db.exec(`INSERT OR REPLACE INTO snapshots (loop_id, version, state)
             SELECT id, snapshot_version, snapshot FROM loops`);
    db.exec('ALTER TABLE loops DROP COLUMN snapshot');
    db.exec('ALTER TABLE loops DROP COLUMN snapshot_version');
  })();
}

/** Opens (creating if needed) the store in `dataDir`, or in memory for ':memory:'. */
export function openSqliteStore(dataDir: string): LoopStore {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'mockloop.sqlite');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed transaction survives a process crash; set explicitly.
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSnapshots(db);
  db.exec(SCHEMA);
  db.exec(WORKSPACE_SCHEMA);
  db.exec(RECORDING_SCHEMA);

  const insertLoop = db.prepare(
    `INSERT INTO loops (id, mode, status, created_at, updated_at, version)
     VALUES (@id, @mode, @status, @at, @at, @version)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO events (loop_id, version, type, at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  const insertToken = db.prepare(
    'INSERT INTO tokens (hash, loop_id, role, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertCommand = db.prepare(
    'INSERT INTO commands (loop_id, command_id, version) VALUES (?, ?, ?)',
  );
  const selectCommand = db.prepare<[string, string], { version: number }>(
    'SELECT version FROM commands WHERE loop_id = ? AND command_id = ?',
  );
  const selectSnapshot = db.prepare<[string], { version: number; state: string }>(
    'SELECT version, state FROM snapshots WHERE loop_id = ?',
  );
  const selectEvents = db.prepare<[string, number], { version: number; payload: string }>(
    'SELECT version, payload FROM events WHERE loop_id = ? AND version > ? ORDER BY version',
  );
  const selectEventsOfTypes = db.prepare<[string, string], { payload: string }>(
    `SELECT payload FROM events
     WHERE loop_id = ? AND type IN (SELECT value FROM json_each(?)) ORDER BY version`,
  );
  const updateLoop = db.prepare(
    'UPDATE loops SET version = ?, status = ?, updated_at = ? WHERE id = ?',
  );
  const putSnapshot = db.prepare(
    'INSERT OR REPLACE INTO snapshots (loop_id, version, state) VALUES (?, ?, ?)',
  );
  /** The version of each live loop's last snapshot, so an append need not read it back. */
  const snapshotVersions = new Map<string, number>();
  const snapshotVersion = (loopId: string) => {
    let version = snapshotVersions.get(loopId);
    if (version === undefined) {
      version = selectSnapshot.get(loopId)?.version ?? 0;
      snapshotVersions.set(loopId, version);
    }
    return version;
  };
  const selectTokens = db.prepare<[string], { role: Role; hash: string }>(
    'SELECT role, hash FROM tokens WHERE loop_id = ?',
  );
  const replaceToken = db.prepare(
    'UPDATE tokens SET hash = ?, created_at = ? WHERE loop_id = ? AND role = ?',
  );
  const selectLoopBytes = db.prepare<{ id: string }, { bytes: number }>(
    `SELECT (SELECT COALESCE(SUM(length(CAST(payload AS BLOB))), 0) FROM events WHERE loop_id = :id)
          + (SELECT COALESCE(SUM(length(data)), 0) FROM code_updates WHERE loop_id = :id)
          + (SELECT COALESCE(SUM(length(CAST(data AS BLOB))), 0) FROM board_elements WHERE loop_id = :id)
          + (SELECT COALESCE(SUM(length(data)), 0) FROM doc_history WHERE loop_id = :id)
          + (SELECT COALESCE(SUM(length(state) + length(steps)), 0) FROM doc_settled WHERE loop_id = :id)
          + (SELECT COALESCE(SUM(length(CAST(data AS BLOB))), 0) FROM board_history WHERE loop_id = :id)
       AS bytes`,
  );
  /** The database file and its write-ahead log. */
  const onDisk = () => {
    if (file === ':memory:') {
      const pages = db.pragma('page_count', { simple: true }) as number;
      return pages * (db.pragma('page_size', { simple: true }) as number);
    }
    const size = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    return size(file) + size(`${file}-wal`);
  };
  const selectActive = db.prepare<[], { id: string }>(
    "SELECT id FROM loops WHERE status = 'in-progress'",
  );

  // Group commit: the first write opens a transaction, and it commits GROUP_COMMIT_MS
  // later with every write made meanwhile. Each write runs in its own savepoint inside it
  // (better-sqlite3 nests transactions that way), so a failed command undoes only itself.
  // A write's promise resolves after the commit that takes it.
  let waiting: (() => void)[] = [];
  let commitTimer: NodeJS.Timeout | null = null;
  const commit = () => {
    if (commitTimer) clearTimeout(commitTimer);
    commitTimer = null;
    if (!db.inTransaction) return;
    db.exec('COMMIT');
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  /** Runs one write inside the open transaction; resolves once it is committed. */
  const write =
    <A extends unknown[]>(run: (...args: A) => unknown) =>
    (...args: A): Promise<void> => {
      try {
        if (!db.inTransaction) {
          db.exec('BEGIN');
          commitTimer = setTimeout(commit, GROUP_COMMIT_MS);
        }
        run(...args);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    };

  const createTx = db.transaction(
    (state: LoopState, created: LoopEvent, tokens: { role: Role; hash: string }[]) => {
      insertLoop.run({
        id: state.id,
        mode: state.mode,
        status: state.status,
        at: state.createdAt,
        version: state.version,
      });
      putSnapshot.run(state.id, state.version, JSON.stringify(state));
      insertEvent.run(state.id, 1, created.type, created.at, JSON.stringify(created));
      for (const token of tokens)
        insertToken.run(token.hash, state.id, token.role, state.createdAt);
    },
  );

  // A command writes its events and its id, and nothing else: the loops row changes only
  // with a snapshot or the loop's status. Each page a write touches is copied to the WAL,
  // so this keeps a typed note to about two pages.
  const appendTx = db.transaction(
    (before: LoopState, after: LoopState, events: LoopEvent[], commandId: string | null) => {
      try {
        events.forEach((event, i) => {
          insertEvent.run(
            before.id,
            before.version + i + 1,
            event.type,
            event.at,
            JSON.stringify(event),
          );
        });
      } catch (error) {
        // The primary key (loop, version) refuses a second writer of the same version.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
          throw new VersionConflict(before.id);
        throw error;
      }
      if (commandId) {
        try {
          insertCommand.run(before.id, commandId, after.version);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
            throw new VersionConflict(before.id);
          throw error;
        }
      }
      const snapshotDue = after.version - snapshotVersion(before.id) >= SNAPSHOT_EVERY_EVENTS;
      if (snapshotDue || after.status !== before.status) {
        updateLoop.run(after.version, after.status, Date.now(), before.id);
        putSnapshot.run(before.id, after.version, JSON.stringify(after));
        snapshotVersions.set(before.id, after.version);
      }
    },
  );

  const load = (loopId: string): StoredLoop | null => {
    const stored = selectSnapshot.get(loopId);
    if (!stored) return null;
    const rows = selectEvents.all(loopId, stored.version);
    // Every event after the snapshot, in order, none missing.
    const state = restoreLoop(
      loopId,
      stored,
      rows.map((r) => JSON.parse(r.payload) as LoopEvent),
      rows.at(-1)?.version ?? stored.version,
    );
    return { state };
  };
  /** A read as a promise: the interface is asynchronous, SQLite answers at once. */
  const read =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      try {
        return Promise.resolve(run(...args));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };

  return {
    kind: 'sqlite',
    workspaces: openSqliteWorkspaces(db, write, read),
    recordings: openSqliteRecordings(db, write, read),
    createLoop: write(
      (state: LoopState, created: LoopEvent, tokens: { role: Role; hash: string }[]) => {
        createTx(state, created, tokens);
        snapshotVersions.set(state.id, state.version);
      },
    ),
    append: write(
      (before: LoopState, after: LoopState, events: LoopEvent[], commandId: string | null) => {
        try {
          appendTx(before, after, events, commandId);
        } catch (error) {
          snapshotVersions.delete(before.id);
          throw error;
        }
        if (after.status === 'ended') snapshotVersions.delete(before.id);
      },
    ),
    load: read(load),
    eventsSince: read((loopId: string, version: number) =>
      selectEvents.all(loopId, version).map((r) => JSON.parse(r.payload) as LoopEvent),
    ),
    eventsOfTypes: read((loopId: string, types: readonly string[]) =>
      selectEventsOfTypes
        .all(loopId, JSON.stringify(types))
        .map((r) => JSON.parse(r.payload) as LoopEvent),
    ),
    commandVersion: read(
      (loopId: string, commandId: string) => selectCommand.get(loopId, commandId)?.version ?? null,
    ),
    tokenHashes: read((loopId: string) => selectTokens.all(loopId)),
    replaceToken: write((loopId: string, role: Role, hash: string) => {
      if (replaceToken.run(hash, Date.now(), loopId, role).changes !== 1)
        throw new Error(`loop ${loopId} has no ${role} token`);
    }),
    activeLoopIds: read(() => selectActive.all().map((r) => r.id)),
    loopBytes: read((loopId: string) => selectLoopBytes.get({ id: loopId })!.bytes),
    storeBytes: read(onDisk),
    close: () => {
      commit();
      db.close();
      return Promise.resolve();
    },
  };
}
