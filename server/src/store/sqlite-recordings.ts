/** The recordings' tables in the embedded SQLite store. */
import type { Database } from 'better-sqlite3';
import type { Recording } from '@mockloop/shared/recording-api';
import {
  chunkStep,
  grown,
  repeatOf,
  sliceChunks,
  wholeRecording,
  type ChunkSpan,
} from './recording-chunks';
import type { Read, Write } from './sqlite-workspaces';
import type { ChunkAppend, RecordingStore } from './store';

// Chunks are large rows: a table with row ids keeps them on overflow pages of their own.
export const RECORDING_SCHEMA = `
CREATE TABLE IF NOT EXISTS recordings (
  id TEXT PRIMARY KEY,
  loop_id TEXT NOT NULL REFERENCES loops(id),
  role TEXT NOT NULL,
  round INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  mime_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  chunks INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS recordings_loop ON recordings(loop_id);
CREATE TABLE IF NOT EXISTS recording_chunks (
  recording_id TEXT NOT NULL REFERENCES recordings(id),
  seq INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (recording_id, seq)
);
`;

const COLUMNS = `id, loop_id AS loopId, role, round, started_at AS startedAt,
  mime_type AS mimeType, bytes, chunks, created_at AS createdAt`;

export function openSqliteRecordings(db: Database, write: Write, read: Read): RecordingStore {
  const insert = db.prepare<Recording>(
    `INSERT INTO recordings
       (id, loop_id, role, round, started_at, mime_type, bytes, chunks, created_at)
     VALUES (@id, @loopId, @role, @round, @startedAt, @mimeType, @bytes, @chunks, @createdAt)`,
  );
  const selectOne = db.prepare<[string, string], Recording>(
    `SELECT ${COLUMNS} FROM recordings WHERE id = ? AND loop_id = ?`,
  );
  const selectAll = db.prepare<[string], Recording>(
    `SELECT ${COLUMNS} FROM recordings WHERE loop_id = ? ORDER BY created_at, id`,
  );
  const loopBytes = db.prepare<[string], { bytes: number }>(
    'SELECT COALESCE(SUM(bytes), 0) AS bytes FROM recordings WHERE loop_id = ?',
  );
  const selectChunk = db.prepare<[string, number], { data: Buffer }>(
    'SELECT data FROM recording_chunks WHERE recording_id = ? AND seq = ?',
  );
  const insertChunk = db.prepare(
    'INSERT INTO recording_chunks (recording_id, seq, byte_offset, data) VALUES (?, ?, ?, ?)',
  );
  const addChunk = db.prepare(
    'UPDATE recordings SET bytes = bytes + ?, chunks = chunks + 1 WHERE id = ?',
  );
  const selectSpans = db.prepare<[string, number, number], ChunkSpan>(
    `SELECT seq, byte_offset AS offset, length(data) AS size FROM recording_chunks
     WHERE recording_id = ? AND byte_offset <= ? AND byte_offset + length(data) > ?
     ORDER BY seq`,
  );
  // Written over with zeros in place (a blob of the same size keeps its pages) before the
  // rows go: pages SQLite frees keep their old bytes until reused.
  const zeroChunks = db.prepare(
    `UPDATE recording_chunks SET data = zeroblob(length(data))
     WHERE recording_id IN (SELECT id FROM recordings WHERE id = ? AND loop_id = ?)`,
  );
  const deleteChunks = db.prepare(
    `DELETE FROM recording_chunks
     WHERE recording_id IN (SELECT id FROM recordings WHERE id = ? AND loop_id = ?)`,
  );
  const deleteRow = db.prepare('DELETE FROM recordings WHERE id = ? AND loop_id = ?');

  /** A write whose result is wanted: it resolves with it once committed. */
  const writeFor =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      let result: R | undefined;
      await write((...a: A) => (result = run(...a)))(...args);
      return result as R;
    };

  const appendTx = db.transaction(
    (loopId: string, id: string, seq: number, data: Uint8Array, cap: number): ChunkAppend => {
      const recording = selectOne.get(id, loopId) ?? null;
      const step = chunkStep(recording, seq, data.length, loopBytes.get(loopId)!.bytes, cap);
      if (step.kind === 'compare-last')
        return repeatOf(recording!, selectChunk.get(id, seq)!.data, data);
      if (step.kind !== 'append') return step;
      insertChunk.run(id, seq, recording!.bytes, Buffer.from(data));
      addChunk.run(data.length, id);
      return { kind: 'stored', recording: grown(recording!, data.length) };
    },
  );
  const deleteTx = db.transaction((loopId: string, id: string): boolean => {
    zeroChunks.run(id, loopId);
    deleteChunks.run(id, loopId);
    return deleteRow.run(id, loopId).changes === 1;
  });

  return {
    createRecording: write((recording: Recording) => insert.run(recording)),
    recording: read((loopId: string, id: string) => selectOne.get(id, loopId) ?? null),
    recordings: read((loopId: string) => selectAll.all(loopId)),
    appendRecordingChunk: writeFor(appendTx),
    async *recordingAudio(loopId, id, range) {
      const recording = selectOne.get(id, loopId);
      if (!recording) return;
      const bytes = range ?? wholeRecording(recording.bytes);
      const spans = selectSpans.all(id, bytes.end, bytes.start);
      yield* sliceChunks(spans, bytes, (seq) => selectChunk.get(id, seq)?.data ?? null);
    },
    deleteRecording: writeFor(deleteTx),
    recordingBytes: read((loopId: string) => loopBytes.get(loopId)!.bytes),
  };
}
