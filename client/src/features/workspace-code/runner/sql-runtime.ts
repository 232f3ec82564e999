/**
 * Runs a SQL answer inside the test-runner worker with sql.js (SQLite compiled to
 * WebAssembly). This module and sql.js are a chunk of their own, imported by the worker on
 * the first SQL run only; the wasm comes from this server's `/vendor/sqljs/` (never a CDN).
 *
 * For each case: a fresh in-memory database, the question's tables, that case's fixture
 * rows, then the candidate's query; the result set goes back as JSON and the page compares
 * it (run-results.ts). The query must be one SELECT (or WITH … SELECT) statement.
 */
/// <reference path="./sql-js.d.ts" />
import type { Database, ResultValue, SqlJsStatic } from 'sql.js';
import {
  createTableSql,
  insertSql,
  SQL_MAX_RESULT_ROWS,
  type SqlResultSet,
  type SqlTable,
  type SqlValue,
} from '@mockloop/shared/sql';
import { checkSelectStatement } from '@mockloop/shared/sql-statement';
import type { SqlRunRequest, WorkerReport } from './run-protocol';
import type { CallOutcome } from './run-results';

type Post = (report: WorkerReport) => void;

/** Where the server serves sql.js's wasm (server/src/http/vendor-assets.ts). */
const SQLJS_PATH = '/vendor/sqljs/';

async function loadSqlJs(): Promise<SqlJsStatic> {
  const { default: initSqlJs } = await import('sql.js');
  const base = new URL(SQLJS_PATH, self.location.href).href;
  return initSqlJs({ locateFile: (file) => `${base}${file}` });
}

let sqlite: Promise<SqlJsStatic> | null = null;
let loaded = false;

/** A message for what SQLite threw: "SQL error: no such column: x". */
function sqlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `SQL error: ${message}`;
}

/** A blob shown the way SQLite writes one, x'0a1b'; questions never expect blobs. */
function toSqlValue(value: ResultValue): SqlValue {
  if (value instanceof Uint8Array)
    return `x'${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
  return value;
}

/** A database holding `tables` with the given rows. */
function buildDatabase(
  SQL: SqlJsStatic,
  tables: readonly SqlTable[],
  fixtures: Record<string, SqlValue[][]>,
): Database {
  const db = new SQL.Database();
  try {
    for (const table of tables) {
      db.run(createTableSql(table));
      const rows = fixtures[table.name] ?? [];
      if (rows.length === 0) continue;
      const insert = db.prepare(insertSql(table));
      try {
        for (const row of rows) insert.run(row);
      } finally {
        insert.free();
      }
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs `query` on `db`, reading at most SQL_MAX_RESULT_ROWS rows. */
function runQuery(db: Database, query: string): SqlResultSet {
  const statement = db.prepare(query);
  try {
    const columns = statement.getColumnNames();
    const rows: SqlValue[][] = [];
    while (statement.step()) {
      if (rows.length === SQL_MAX_RESULT_ROWS)
        throw new Error(
          `the query returned more than ${SQL_MAX_RESULT_ROWS.toLocaleString('en')} rows; no case expects that many`,
        );
      rows.push(statement.get().map(toSqlValue));
    }
    return { columns, rows };
  } finally {
    statement.free();
  }
}

/** One case: its own database, the query, the result set as JSON or what SQLite threw. */
function runCase(
  SQL: SqlJsStatic,
  request: SqlRunRequest,
  index: number,
  fixtures: Record<string, SqlValue[][]>,
): CallOutcome {
  let db: Database;
  try {
    db = buildDatabase(SQL, request.tables, fixtures);
  } catch (error) {
    // The question's own data: not the candidate's fault, and not expected to happen.
    return { index, threw: `The test data could not be loaded: ${sqlError(error)}`, stdout: '' };
  }
  try {
    const result = runQuery(db, request.code);
    return { index, returned: { json: JSON.stringify(result) }, stdout: '' };
  } catch (error) {
    return { index, threw: sqlError(error), stdout: '' };
  } finally {
    db.close();
  }
}

/**
 * Runs a SQL request, posting the same reports as the other runtimes. `load` is sql.js's
 * loader: the browser's by default, Node's in unit tests.
 */
export async function runSql(
  request: SqlRunRequest,
  post: Post,
  load: () => Promise<SqlJsStatic> = loadSqlJs,
): Promise<void> {
  const { runId } = request;
  const fail = (message: string) => post({ type: 'failed', runId, message, broken: false });

  if (!loaded) post({ type: 'loading', runId, runtime: 'SQLite' });
  let SQL: SqlJsStatic;
  try {
    sqlite ??= load();
    SQL = await sqlite;
    loaded = true;
  } catch (error) {
    sqlite = null;
    const message = error instanceof Error ? error.message : String(error);
    return post({
      type: 'failed',
      runId,
      message: `SQLite could not be loaded: ${message}`,
      broken: true,
    });
  }

  post({ type: 'started', runId });
  const check = checkSelectStatement(request.code);
  if (!check.ok) return fail(check.message);
  // Compiled once on empty tables first: a syntax error or an unknown column is one clear
  // message for the run, as a Python syntax error is, not the same failure in every case.
  try {
    const db = buildDatabase(SQL, request.tables, {});
    try {
      db.prepare(request.code).free();
    } finally {
      db.close();
    }
  } catch (error) {
    return fail(sqlError(error));
  }
  post({ type: 'defined', runId });
  for (const [index, fixtures] of request.fixtures.entries())
    post({ type: 'case', runId, outcome: runCase(SQL, request, index, fixtures) });
  post({ type: 'finished', runId });
}
