/**
 * The two stores for the recordings' tests, each with a way to look into the database
 * itself, past the store: what rows a recording has left, and (SQLite) the file's bytes.
 * PostgreSQL is there when `tests/helpers/services.ts` finds it (else it skips loudly).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../server/src/store/postgres-store';
import { openSqliteStore } from '../../server/src/store/sqlite-store';
import type { LoopStore } from '../../server/src/store/store';
import { freshDatabase, hasPostgres } from './services';

/** A store opened on a fresh place, and what is left of a recording in its database. */
export interface InspectedStore {
  store: LoopStore;
  /** Rows the database holds for a recording: its own, and its chunks. */
  rowsOf(recordingId: string): Promise<{ recordings: number; chunks: number }>;
  /** SQLite only: the database file's bytes, once its write-ahead log is copied into it. */
  fileBytes?(): Buffer;
  /** Closes the store and removes its place. */
  drop(): Promise<void>;
}

export interface RecordingBackend {
  name: string;
  open(): Promise<InspectedStore>;
}

const COUNTS = `SELECT (SELECT COUNT(*) FROM recordings WHERE id = $id) AS recordings,
  (SELECT COUNT(*) FROM recording_chunks WHERE recording_id = $id) AS chunks`;

const sqlite: RecordingBackend = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'mockloop-recordings-'));
    const file = join(dir, 'mockloop.sqlite');
    const store = openSqliteStore(dir);
    /** A connection of the test's own to the store's file. */
    const look = <T>(read: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return read(db);
      } finally {
        db.close();
      }
    };
    return {
      store,
      rowsOf: (id) =>
        Promise.resolve(
          look((db) => {
            const row = db.prepare(COUNTS.replaceAll('$id', '?')).get(id, id) as {
              recordings: number;
              chunks: number;
            };
            return { recordings: row.recordings, chunks: row.chunks };
          }),
        ),
      fileBytes: () =>
        look((db) => {
          db.pragma('wal_checkpoint(TRUNCATE)');
          return readFileSync(file);
        }),
      async drop() {
        await store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: RecordingBackend = {
  name: 'PostgreSQL',
  async open() {
    const database = await freshDatabase();
    const store = await openPostgresStore({ url: database.url });
    return {
      store,
      async rowsOf(id) {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ recordings: string; chunks: string }>(
            COUNTS.replaceAll('$id', '$1'),
            [id],
          );
          return { recordings: Number(rows[0]!.recordings), chunks: Number(rows[0]!.chunks) };
        } finally {
          await client.end();
        }
      },
      async drop() {
        await store.close().catch(() => undefined);
        await database.drop();
      },
    };
  },
};

/** `n` bytes of made-up audio, different for each `seed`. */
export const audioBytes = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 13 + seed) % 256));

/** SQLite always; PostgreSQL where it runs. */
export const recordingBackends = (): RecordingBackend[] => [
  sqlite,
  ...(hasPostgres() ? [postgres] : []),
];
