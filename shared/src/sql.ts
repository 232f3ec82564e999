/**
 * SQL questions: the tables a question declares, its test cases (fixture rows per table
 * and the expected result set), and the SQL that builds a test database from them.
 * Queries run on SQLite: sql.js in the browser's test runner, better-sqlite3 in Node's
 * reference test. Zod-free: safe in the browser (the schema is in content.ts).
 */

/** Column types a table may declare: SQLite's storage classes, less BLOB. */
export const SQL_COLUMN_TYPES = ['INTEGER', 'REAL', 'TEXT'] as const;
export type SqlColumnType = (typeof SQL_COLUMN_TYPES)[number];

/** Table and column names: lower-case snake_case, so a query never needs to quote them. */
export const SQL_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Most rows of one table in one test case, and most rows a case may expect. */
export const SQL_MAX_FIXTURE_ROWS = 200;
export const SQL_MAX_EXPECTED_ROWS = 200;
/** Longest text value in a fixture or an expected row. */
export const SQL_MAX_TEXT = 200;
/**
 * Most rows read from the candidate's query per case: past it the case fails (a runaway
 * join or recursive query) instead of filling the worker's memory.
 */
export const SQL_MAX_RESULT_ROWS = 10_000;

/** One value of a row: SQLite's NULL, a number (INTEGER or REAL) or a text. */
export type SqlValue = string | number | null;

export interface SqlColumn {
  name: string;
  type: SqlColumnType;
  /** Whether the column may hold NULL; false makes it `NOT NULL`. */
  nullable: boolean;
  /** What the column holds, e.g. its unit or format, shown to the candidate. */
  note?: string;
}

export interface SqlTable {
  name: string;
  columns: SqlColumn[];
}

/** A query's result: column names and rows, each row a list in column order. */
export interface SqlResultSet {
  columns: string[];
  rows: SqlValue[][];
}

/** One test case of a SQL question. */
export interface SqlCase {
  /** What the case checks (ties, NULLs, an empty table…), shown beside its result. */
  note?: string;
  /** Rows of each table, in column order; a table not named here is empty. */
  fixtures: Record<string, SqlValue[][]>;
  expected: SqlResultSet;
  /** Whether row order matters (the prompt asks for an ORDER BY); otherwise rows are a multiset. */
  ordered: boolean;
}

/** What a SQL question carries besides its prompt (the reference solution stays on the server). */
export interface SqlSpec {
  tables: SqlTable[];
  tests: SqlCase[];
  solution: string;
}

const quote = (name: string) => `"${name}"`;

/** `CREATE TABLE "t" ("a" INTEGER NOT NULL, "b" TEXT)` */
export function createTableSql(table: SqlTable): string {
  const columns = table.columns.map(
    (c) => `${quote(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}`,
  );
  return `CREATE TABLE ${quote(table.name)} (${columns.join(', ')})`;
}

/** `INSERT INTO "t" ("a", "b") VALUES (?, ?)`, run once per fixture row. */
export function insertSql(table: SqlTable): string {
  const names = table.columns.map((c) => quote(c.name)).join(', ');
  const slots = table.columns.map(() => '?').join(', ');
  return `INSERT INTO ${quote(table.name)} (${names}) VALUES (${slots})`;
}

/** Whether `value` may be stored in `column` as the question's fixtures use it. */
export function fitsColumn(value: unknown, column: SqlColumn): boolean {
  if (value === null) return column.nullable;
  switch (column.type) {
    case 'INTEGER':
      return Number.isSafeInteger(value);
    case 'REAL':
      return typeof value === 'number' && Number.isFinite(value);
    case 'TEXT':
      return typeof value === 'string' && value.length <= SQL_MAX_TEXT;
  }
}

/**
 * The text a SQL question's editor starts from: the tables as comments (SQLite's `--`),
 * the columns the result must have, and the rule that one SELECT is run.
 */
export function sqlStarter(spec: Pick<SqlSpec, 'tables' | 'tests'>): string {
  const lines = ['-- SQLite. Tables:'];
  for (const table of spec.tables) {
    lines.push(`--   ${table.name}`);
    const width = Math.max(...table.columns.map((c) => c.name.length));
    for (const c of table.columns) {
      const type = `${c.type}${c.nullable ? ', may be NULL' : ''}`;
      lines.push(`--     ${c.name.padEnd(width)}  ${type}${c.note ? ` — ${c.note}` : ''}`);
    }
  }
  const columns = spec.tests[0]?.expected.columns;
  if (columns) lines.push(`-- Return the columns: ${columns.join(', ')}`);
  lines.push('-- Write one SELECT statement (WITH … SELECT is fine).', '', '');
  return lines.join('\n');
}

/** A query's result as a run reports it: the first rows that fit, and how many there were. */
export interface SqlActual extends SqlResultSet {
  rowCount: number;
}

/**
 * The JSON text of a result set for a case's `actual`, at most `maxChars` long: whole rows
 * are dropped from the end until it fits (`rowCount` keeps the real number).
 */
export function encodeSqlActual(result: SqlResultSet, maxChars: number): string {
  const encode = (rows: SqlValue[][]) =>
    JSON.stringify({ columns: result.columns, rows, rowCount: result.rows.length });
  let keep = result.rows.length;
  let text = encode(result.rows);
  // Halve, then creep back up: a few stringifications even for thousands of rows.
  while (text.length > maxChars && keep > 0) {
    keep = Math.floor(keep / 2);
    text = encode(result.rows.slice(0, keep));
  }
  while (keep < result.rows.length) {
    const more = encode(result.rows.slice(0, keep + 1));
    if (more.length > maxChars) break;
    keep++;
    text = more;
  }
  if (text.length > maxChars) text = encode([]).slice(0, maxChars);
  return text;
}

/** Reads a case's `actual` back as a result set, or null when it is not one (e.g. cut short). */
export function decodeSqlActual(text: string | null): SqlActual | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<SqlActual>;
    const ok =
      Array.isArray(value.columns) &&
      value.columns.every((c) => typeof c === 'string') &&
      Array.isArray(value.rows) &&
      value.rows.every((r) => Array.isArray(r)) &&
      typeof value.rowCount === 'number';
    return ok ? (value as SqlActual) : null;
  } catch {
    return null;
  }
}
