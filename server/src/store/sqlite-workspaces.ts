/** The shared workspaces' tables in the embedded SQLite store. */
import { nextUnsavedToken } from './unsaved-token';
import type { Database } from 'better-sqlite3';
import {
  boardHistoryJson,
  historyRound,
  type DocHistoryRow,
  type SettledDoc,
  type WorkspaceStore,
} from './store';

export const WORKSPACE_SCHEMA = `
CREATE TABLE IF NOT EXISTS code_updates (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  doc_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (loop_id, doc_key, seq)
) WITHOUT ROWID;
-- A document whose text is not yet saved into the loop's log, with a token that changes
-- on every update, so that saving an older state never clears a newer one. (The tables
-- keep the names they had when code was the only document, so older stores still open.)
CREATE TABLE IF NOT EXISTS code_unsaved (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  doc_key TEXT NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY (loop_id, doc_key)
) WITHOUT ROWID;
-- Every update of every document and every change of a whiteboard, with its instant, for
-- the round's replay. Never compacted.
CREATE TABLE IF NOT EXISTS doc_history (
  id INTEGER PRIMARY KEY,
  loop_id TEXT NOT NULL REFERENCES loops(id),
  round INTEGER NOT NULL,
  doc_key TEXT NOT NULL,
  at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_history_round ON doc_history (loop_id, round, id);
-- A document's history once its round is over: its state and its steps, compressed.
CREATE TABLE IF NOT EXISTS doc_settled (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  round INTEGER NOT NULL,
  doc_key TEXT NOT NULL,
  state BLOB NOT NULL,
  steps BLOB NOT NULL,
  PRIMARY KEY (loop_id, round, doc_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS board_history (
  id INTEGER PRIMARY KEY,
  loop_id TEXT NOT NULL REFERENCES loops(id),
  round INTEGER NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS board_history_round ON board_history (loop_id, round, id);
CREATE TABLE IF NOT EXISTS board_elements (
  loop_id TEXT NOT NULL REFERENCES loops(id),
  round INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (loop_id, round, element_id)
) WITHOUT ROWID;
`;

/** Wraps a write so that it joins the store's group commit and resolves once committed. */
export type Write = <A extends unknown[]>(
  run: (...args: A) => unknown,
) => (...args: A) => Promise<void>;
/** Wraps a read in a promise. */
export type Read = <A extends unknown[], R>(run: (...args: A) => R) => (...args: A) => Promise<R>;

export function openSqliteWorkspaces(db: Database, write: Write, read: Read): WorkspaceStore {
  const selectUpdates = db.prepare<[string, string], { data: Buffer }>(
    'SELECT data FROM code_updates WHERE loop_id = ? AND doc_key = ? ORDER BY seq',
  );
  const nextSeq = db.prepare<[string, string], { next: number }>(
    'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM code_updates WHERE loop_id = ? AND doc_key = ?',
  );
  const insertUpdate = db.prepare(
    'INSERT INTO code_updates (loop_id, doc_key, seq, data) VALUES (?, ?, ?, ?)',
  );
  const insertHistory = db.prepare(
    'INSERT INTO doc_history (loop_id, round, doc_key, at, data) VALUES (?, ?, ?, ?, ?)',
  );
  const selectHistory = db.prepare<[string, number], { docKey: string; at: number; data: Buffer }>(
    'SELECT doc_key AS docKey, at, data FROM doc_history WHERE loop_id = ? AND round = ? ORDER BY id',
  );
  const selectSettled = db.prepare<
    [string, number],
    { docKey: string; state: Buffer; steps: Buffer }
  >('SELECT doc_key AS docKey, state, steps FROM doc_settled WHERE loop_id = ? AND round = ?');
  const upsertSettled = db.prepare(
    `INSERT INTO doc_settled (loop_id, round, doc_key, state, steps) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (loop_id, round, doc_key) DO UPDATE SET state = excluded.state, steps = excluded.steps`,
  );
  const deleteHistory = db.prepare('DELETE FROM doc_history WHERE loop_id = ? AND round = ?');
  const settled = (loopId: string, round: number): SettledDoc[] =>
    selectSettled.all(loopId, round).map((row) => ({
      docKey: row.docKey,
      state: new Uint8Array(row.state),
      steps: new Uint8Array(row.steps),
    }));
  const history = (loopId: string, round: number): DocHistoryRow[] =>
    selectHistory.all(loopId, round).map((row) => ({ ...row, data: new Uint8Array(row.data) }));
  const settleTx = db.transaction(
    (
      loopId: string,
      round: number,
      settle: (settled: SettledDoc[], rows: DocHistoryRow[]) => SettledDoc[],
    ) => {
      const rows = history(loopId, round);
      if (!rows.length) return;
      for (const doc of settle(settled(loopId, round), rows))
        upsertSettled.run(
          loopId,
          round,
          doc.docKey,
          Buffer.from(doc.state),
          Buffer.from(doc.steps),
        );
      deleteHistory.run(loopId, round);
    },
  );
  const insertBoardHistory = db.prepare(
    'INSERT INTO board_history (loop_id, round, at, data) VALUES (?, ?, ?, ?)',
  );
  const selectBoardHistory = db.prepare<[string, number], { at: number; json: string }>(
    'SELECT at, data AS json FROM board_history WHERE loop_id = ? AND round = ? ORDER BY id',
  );
  const deleteUpdates = db.prepare('DELETE FROM code_updates WHERE loop_id = ? AND doc_key = ?');
  const selectElements = db.prepare<[string, number], { data: string }>(
    'SELECT data FROM board_elements WHERE loop_id = ? AND round = ?',
  );
  // Read as bytes: a report splices them in, so they never become a JavaScript string.
  const selectDrawing = db.prepare<[string, number], { data: Buffer }>(
    `SELECT CAST(data AS BLOB) AS data FROM board_elements
     WHERE loop_id = ? AND round = ? AND json_extract(data, '$.isDeleted') = 0`,
  );
  const selectDrawingSizes = db.prepare<
    [string],
    { round: number; elements: number; bytes: number }
  >(
    `SELECT round, COUNT(*) AS elements, SUM(length(CAST(data AS BLOB))) AS bytes
     FROM board_elements
     WHERE loop_id = ? AND json_extract(data, '$.isDeleted') = 0
     GROUP BY round`,
  );
  const selectElement = db.prepare<[string, number, string], { data: string }>(
    'SELECT data FROM board_elements WHERE loop_id = ? AND round = ? AND element_id = ?',
  );
  const boardStats = db.prepare<[string, number], { elements: number; chars: number }>(
    `SELECT COUNT(*) AS elements, COALESCE(SUM(length(data)), 0) AS chars
     FROM board_elements WHERE loop_id = ? AND round = ?`,
  );
  // The merge rule (higher version, then lower nonce) holds in the store itself.
  const upsertElement = db.prepare(
    `INSERT INTO board_elements (loop_id, round, element_id, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (loop_id, round, element_id) DO UPDATE SET data = excluded.data
     WHERE json_extract(excluded.data, '$.version') > json_extract(board_elements.data, '$.version')
        OR (json_extract(excluded.data, '$.version') = json_extract(board_elements.data, '$.version')
            AND json_extract(excluded.data, '$.versionNonce')
                < json_extract(board_elements.data, '$.versionNonce'))`,
  );

  const markUnsaved = db.prepare(
    `INSERT INTO code_unsaved (loop_id, doc_key, token) VALUES (?, ?, ?)
     ON CONFLICT (loop_id, doc_key) DO UPDATE SET token = excluded.token`,
  );
  const selectUnsaved = db.prepare<[string], { loopId: string; docKey: string; token: string }>(
    `SELECT loop_id AS loopId, doc_key AS docKey, token FROM code_unsaved WHERE loop_id = ?`,
  );
  const selectAllUnsaved = db.prepare<[], { loopId: string; docKey: string; token: string }>(
    `SELECT loop_id AS loopId, doc_key AS docKey, token FROM code_unsaved`,
  );
  const deleteUnsaved = db.prepare(
    'DELETE FROM code_unsaved WHERE loop_id = ? AND doc_key = ? AND token = ?',
  );
  const append = (loopId: string, docKey: string, update: Uint8Array) =>
    insertUpdate.run(loopId, docKey, nextSeq.get(loopId, docKey)!.next, Buffer.from(update));
  const compactTx = db.transaction(
    (loopId: string, docKey: string, merge: (updates: Uint8Array[]) => Uint8Array) => {
      const updates = selectUpdates.all(loopId, docKey).map((row) => new Uint8Array(row.data));
      if (updates.length < 2) return;
      const merged = merge(updates);
      deleteUpdates.run(loopId, docKey);
      append(loopId, docKey, merged);
    },
  );
  const putTx = db.transaction(
    (loopId: string, round: number, elements: { id: string; json: string }[], at: number) => {
      for (const element of elements) upsertElement.run(loopId, round, element.id, element.json);
      insertBoardHistory.run(loopId, round, at, boardHistoryJson(elements));
    },
  );

  return {
    docUpdates: read((loopId: string, docKey: string) =>
      selectUpdates.all(loopId, docKey).map((row) => new Uint8Array(row.data)),
    ),
    appendDocUpdate: write(
      (loopId: string, docKey: string, update: Uint8Array, unsaved = true, at = Date.now()) => {
        append(loopId, docKey, update);
        insertHistory.run(loopId, historyRound(docKey), docKey, at, Buffer.from(update));
        if (unsaved) markUnsaved.run(loopId, docKey, nextUnsavedToken());
      },
    ),
    docHistory: read(history),
    settledDocs: read(settled),
    settleDocHistory: write(settleTx),
    boardHistory: read((loopId: string, round: number) => selectBoardHistory.all(loopId, round)),
    unsavedDocs: read((loopId?: string) =>
      loopId === undefined ? selectAllUnsaved.all() : selectUnsaved.all(loopId),
    ),
    markDocSaved: write((loopId: string, docKey: string, token: string) => {
      deleteUnsaved.run(loopId, docKey, token);
    }),
    compactDoc: write(compactTx),
    boardElements: read((loopId: string, round: number) =>
      selectElements.all(loopId, round).map((row) => row.data),
    ),
    boardDrawing: read((loopId: string, round: number) =>
      selectDrawing.all(loopId, round).map((row) => row.data),
    ),
    boardDrawingSizes: read((loopId: string) => selectDrawingSizes.all(loopId)),
    boardElementsById: read((loopId: string, round: number, ids: readonly string[]) =>
      ids.flatMap((id) => selectElement.get(loopId, round, id)?.data ?? []),
    ),
    boardStats: read((loopId: string, round: number) => boardStats.get(loopId, round)!),
    putBoardElements: write(
      (loopId: string, round: number, elements: { id: string; json: string }[], at = Date.now()) =>
        putTx(loopId, round, elements, at),
    ),
  };
}
