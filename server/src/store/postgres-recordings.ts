/** The recordings' tables in the shared PostgreSQL store. */
import pg from 'pg';
import type { Recording } from '@mockloop/shared/recording-api';
import {
  chunkStep,
  grown,
  repeatOf,
  sliceChunks,
  wholeRecording,
  type ChunkSpan,
} from './recording-chunks';
import type { ChunkAppend, RecordingStore } from './store';

/** The schema change that adds the recordings (one of the store's migrations). */
export const RECORDING_MIGRATION = `
  CREATE TABLE recordings (
    id TEXT PRIMARY KEY,
    loop_id TEXT NOT NULL REFERENCES loops (id),
    role TEXT NOT NULL,
    round INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    mime_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    chunks INTEGER NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX recordings_loop ON recordings (loop_id);
  CREATE TABLE recording_chunks (
    recording_id TEXT NOT NULL REFERENCES recordings (id),
    seq INTEGER NOT NULL,
    byte_offset BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (recording_id, seq)
  );`;

const COLUMNS = `id, loop_id AS "loopId", role, round, started_at AS "startedAt",
  mime_type AS "mimeType", bytes, chunks, created_at AS "createdAt"`;
type Row = Omit<Recording, 'startedAt' | 'bytes' | 'createdAt'> & {
  startedAt: string;
  bytes: string;
  createdAt: string;
};
/** BIGINT columns arrive as text. */
const recordingOf = (row: Row): Recording => ({
  ...row,
  startedAt: Number(row.startedAt),
  bytes: Number(row.bytes),
  createdAt: Number(row.createdAt),
});

/**
 * Runs `work` in a transaction holding the lock of a loop's recordings: appends and deletes
 * of one loop take turns, whichever node runs them.
 */
async function lockedFor<T>(
  pool: pg.Pool,
  loopId: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`recordings/${loopId}`]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function postgresRecordings(pool: pg.Pool): RecordingStore {
  const query = async <R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
    on: pg.Pool | pg.PoolClient = pool,
  ) => (await on.query<R>(text, values)).rows;
  const one = async (loopId: string, id: string, on?: pg.PoolClient) => {
    const [row] = await query<Row>(
      `SELECT ${COLUMNS} FROM recordings WHERE id = $1 AND loop_id = $2`,
      [id, loopId],
      on,
    );
    return row ? recordingOf(row) : null;
  };
  const chunk = async (id: string, seq: number, on?: pg.PoolClient) => {
    const [row] = await query<{ data: Buffer }>(
      'SELECT data FROM recording_chunks WHERE recording_id = $1 AND seq = $2',
      [id, seq],
      on,
    );
    return row?.data ?? null;
  };
  const loopBytes = async (loopId: string, on?: pg.PoolClient) => {
    const [row] = await query<{ bytes: string }>(
      'SELECT COALESCE(SUM(bytes), 0) AS bytes FROM recordings WHERE loop_id = $1',
      [loopId],
      on,
    );
    return Number(row?.bytes ?? 0);
  };

  return {
    async createRecording(r) {
      await pool.query(
        `INSERT INTO recordings
           (id, loop_id, role, round, started_at, mime_type, bytes, chunks, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.id, r.loopId, r.role, r.round, r.startedAt, r.mimeType, r.bytes, r.chunks, r.createdAt],
      );
    },

    recording: (loopId, id) => one(loopId, id),

    async recordings(loopId) {
      const rows = await query<Row>(
        `SELECT ${COLUMNS} FROM recordings WHERE loop_id = $1 ORDER BY created_at, id`,
        [loopId],
      );
      return rows.map(recordingOf);
    },

    appendRecordingChunk: (loopId, id, seq, data, cap) =>
      lockedFor(pool, loopId, async (client): Promise<ChunkAppend> => {
        const recording = await one(loopId, id, client);
        const used = await loopBytes(loopId, client);
        const step = chunkStep(recording, seq, data.length, used, cap);
        if (step.kind === 'compare-last')
          return repeatOf(recording!, (await chunk(id, seq, client))!, data);
        if (step.kind !== 'append') return step;
        await client.query(
          `WITH c AS (
             INSERT INTO recording_chunks (recording_id, seq, byte_offset, data)
             VALUES ($1, $2, $3, $4)
           )
           UPDATE recordings SET bytes = bytes + $5, chunks = chunks + 1 WHERE id = $1`,
          [id, seq, recording!.bytes, Buffer.from(data), data.length],
        );
        return { kind: 'stored', recording: grown(recording!, data.length) };
      }),

    async *recordingAudio(loopId, id, range) {
      const recording = await one(loopId, id);
      if (!recording) return;
      const bytes = range ?? wholeRecording(recording.bytes);
      const spans = await query<{ seq: number; offset: string; size: number }>(
        `SELECT seq, byte_offset AS offset, octet_length(data) AS size FROM recording_chunks
         WHERE recording_id = $1 AND byte_offset <= $2 AND byte_offset + octet_length(data) > $3
         ORDER BY seq`,
        [id, bytes.end, bytes.start],
      );
      const spansOf: ChunkSpan[] = spans.map((s) => ({ ...s, offset: Number(s.offset) }));
      // One chunk a query: a long recording is never held in memory whole.
      yield* sliceChunks(spansOf, bytes, (seq) => chunk(id, seq));
    },

    deleteRecording: (loopId, id) =>
      lockedFor(pool, loopId, async (client) => {
        await client.query(
          `DELETE FROM recording_chunks
           WHERE recording_id IN (SELECT id FROM recordings WHERE id = $1 AND loop_id = $2)`,
          [id, loopId],
        );
        const deleted = await client.query(
          'DELETE FROM recordings WHERE id = $1 AND loop_id = $2',
          [id, loopId],
        );
        return deleted.rowCount === 1;
      }),

    recordingBytes: (loopId) => loopBytes(loopId),
  };
}
