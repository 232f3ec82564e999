/**
 * SQL answers without a browser: the result-set comparison, the one-SELECT statement
 * check, the encoding of a result for the run report, the content schema's checks of a
 * sql spec, and the worker's SQL runtime run here in Node on sql.js's Node build.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { RUN_MAX_TEXT } from '../../shared/src/code-run';
import { starterFor } from '../../shared/src/code';
import { sqlSpecSchema } from '../../shared/src/content';
import {
  decodeSqlActual,
  encodeSqlActual,
  SQL_MAX_RESULT_ROWS,
  type SqlCase,
  type SqlResultSet,
  type SqlTable,
} from '../../shared/src/sql';
import { compareResultSets, sqlValuesEqual } from '../../shared/src/sql-compare';
import { checkSelectStatement } from '../../shared/src/sql-statement';
import type {
  SqlRunRequest,
  WorkerReport,
} from '../../client/src/features/workspace-code/runner/run-protocol';
import {
  completedRun,
  failedRun,
} from '../../client/src/features/workspace-code/runner/run-results';
import { sqlCaseResult } from '../../client/src/features/workspace-code/runner/sql-results';
import { runSql } from '../../client/src/features/workspace-code/runner/sql-runtime';

const set = (columns: string[], rows: SqlResultSet['rows']): SqlResultSet => ({ columns, rows });

describe('comparing result sets', () => {
  const expected = set(
    ['item', 'orders'],
    [
      ['bread', 2],
      ['milk', 1],
      ['eggs', 1],
    ],
  );

  it('compares numbers within a millionth, NULL only with NULL, text exactly', () => {
    expect(sqlValuesEqual(2, 2.0)).toBe(true);
    expect(sqlValuesEqual(1 / 3, 0.3333333333)).toBe(true);
    expect(sqlValuesEqual(0.5, 0.5001)).toBe(false);
    expect(sqlValuesEqual(1e9, 1e9 + 100)).toBe(true);
    expect(sqlValuesEqual(1e9, 1e9 + 10_000)).toBe(false);
    expect(sqlValuesEqual(null, null)).toBe(true);
    expect(sqlValuesEqual(null, 0)).toBe(false);
    expect(sqlValuesEqual(0, null)).toBe(false);
    expect(sqlValuesEqual('', null)).toBe(false);
    expect(sqlValuesEqual('2', 2)).toBe(false);
    expect(sqlValuesEqual('Milk', 'milk')).toBe(false);
  });

  it('ignores row order only when the case says so, and counts duplicate rows', () => {
    const shuffled = set(
      ['a', 'b'],
      [
        ['eggs', 1],
        ['bread', 2],
        ['milk', 1],
      ],
    );
    expect(compareResultSets(expected, shuffled, false).passed).toBe(true);
    const inOrder = compareResultSets(expected, shuffled, true);
    expect(inOrder.passed).toBe(false);
    expect(inOrder.reason).toBe(
      'The right rows in the wrong order, from row 1 (order matters here).',
    );

    const doubled = set(
      ['a', 'b'],
      [
        ['bread', 2],
        ['bread', 2],
        ['milk', 1],
      ],
    );
    const multiset = compareResultSets(expected, doubled, false);
    expect(multiset.passed).toBe(false);
    expect(multiset.missing).toEqual([2]);
    expect(multiset.unexpected).toEqual([1]);
    expect(multiset.reason).toBe(
      '1 expected row missing, 1 row not expected (3 rows expected, 3 returned; order does not matter).',
    );
  });

  it('names the column counts, the row counts and the first differing row', () => {
    const narrow = compareResultSets(expected, set(['item'], [['bread']]), false);
    expect(narrow).toMatchObject({ passed: false, missing: [], unexpected: [] });
    expect(narrow.reason).toBe('Expected 2 columns (item, orders), got 1 (item).');

    const short = compareResultSets(expected, set(['x', 'y'], [['bread', 2]]), true);
    expect(short.reason).toBe('Expected 3 rows, got 1; the first difference is at row 2.');
    expect(short).toMatchObject({ missing: [1, 2], unexpected: [] });

    const changed = set(
      ['x', 'y'],
      [
        ['bread', 2],
        ['milk', 1],
        ['eggs', null],
      ],
    );
    const one = compareResultSets(expected, changed, true);
    expect(one).toMatchObject({ reason: 'Row 3 differs (order matters here).', missing: [2] });

    expect(compareResultSets(set(['n'], []), set(['n'], []), true).passed).toBe(true);
    expect(compareResultSets(set(['n'], []), set(['n'], [[0]]), false).passed).toBe(false);
    // Aliases are the author's choice: only the number of columns is compared.
    expect(compareResultSets(expected, set(['x', 'y'], expected.rows), true).passed).toBe(true);
  });
});

describe('the one-SELECT statement check', () => {
  const ok = (sql: string) => expect(checkSelectStatement(sql), sql).toEqual({ ok: true });
  const refused = (sql: string, message: RegExp) => {
    const check = checkSelectStatement(sql);
    expect(check.ok, sql).toBe(false);
    if (!check.ok) expect(check.message, sql).toMatch(message);
  };

  it('accepts one SELECT or WITH … SELECT, with comments and a final semicolon', () => {
    ok('SELECT 1');
    ok('select 1;');
    ok('  -- header\n/* block; with a ; */\nSELECT a FROM t;;\n-- trailing comment\n');
    ok('SELECT \';\' AS semi, "x;y", [z;], `w;` FROM t');
    ok("SELECT 'it''s; fine'");
    ok('WITH x AS (SELECT 1) SELECT * FROM x');
    ok(
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r',
    );
    ok(
      'with a as materialized (select 1), "b" (c) as not materialized (select 2) select * from a, b',
    );
    ok("SELECT replace(name, 'a', 'b') FROM t");
    ok('SELECT "delete", "update" FROM t');
  });

  it('refuses an empty answer, a second statement and anything but a query', () => {
    refused('', /only comments/);
    refused('-- nothing yet\n', /only comments/);
    refused(';', /only a ";"/);
    refused('SELECT 1; SELECT 2', /single statement: there is more after the ";" on line 1/);
    refused('SELECT 1;\n\nDROP TABLE t;', /more after the ";" on line 1/);
    refused('CREATE TABLE x (a INTEGER)', /starts with CREATE \(line 1\)/);
    refused('\n\ninsert into t values (1)', /starts with INSERT \(line 3\)/);
    refused('PRAGMA table_info(t)', /starts with PRAGMA/);
    refused('VALUES (1)', /starts with VALUES/);
    refused('EXPLAIN SELECT 1', /starts with EXPLAIN/);
    refused('ATTACH DATABASE "x" AS y', /starts with ATTACH/);
  });

  it('refuses a WITH clause that leads into a change of data', () => {
    refused(
      'WITH x AS (SELECT 1) DELETE FROM t',
      /After its WITH clause this statement runs DELETE/,
    );
    refused('WITH x(a) AS (SELECT 1)\nUPDATE t SET a = 1', /runs UPDATE \(line 2\)/);
    refused("WITH 'x' AS (SELECT 1) INSERT INTO t SELECT * FROM x", /runs INSERT/);
    refused('WITH x AS (SELECT 1) REPLACE INTO t VALUES (1)', /runs REPLACE/);
    // A header this parser cannot follow is still read for a data-changing keyword.
    refused('WITH x AS SELECT 1 DELETE FROM t', /runs DELETE/);
    ok('WITH x AS SELECT 1 SELECT 2');
  });
});

describe('encoding a result for the run report', () => {
  it('keeps every row that fits, then whole rows only, and says how many there were', () => {
    const small = set(['n'], [[1], [null], ['x']]);
    expect(decodeSqlActual(encodeSqlActual(small, RUN_MAX_TEXT))).toEqual({
      ...small,
      rowCount: 3,
    });

    const rows = Array.from({ length: 5_000 }, (_, i) => [i, `item ${i}`]);
    const text = encodeSqlActual(set(['id', 'name'], rows), RUN_MAX_TEXT);
    expect(text.length).toBeLessThanOrEqual(RUN_MAX_TEXT);
    const decoded = decodeSqlActual(text)!;
    expect(decoded.rowCount).toBe(5_000);
    expect(decoded.rows.length).toBeGreaterThan(50);
    expect(decoded.rows).toEqual(rows.slice(0, decoded.rows.length));
    // One more row would not have fitted.
    const more = JSON.stringify({
      columns: ['id', 'name'],
      rows: rows.slice(0, decoded.rows.length + 1),
      rowCount: 5_000,
    });
    expect(more.length).toBeGreaterThan(RUN_MAX_TEXT);

    expect(decodeSqlActual(null)).toBeNull();
    expect(decodeSqlActual('{"columns":["a"],"rows":[[1]]')).toBeNull();
    expect(decodeSqlActual('[1,2]')).toBeNull();
  });
});

const purchases: SqlTable = {
  name: 'purchases',
  columns: [
    { name: 'order_id', type: 'INTEGER', nullable: false },
    { name: 'item', type: 'TEXT', nullable: true, note: 'NULL when the line was voided' },
  ],
};

describe('the sql spec in the content schema', () => {
  const spec = {
    tables: [purchases],
    tests: [
      {
        fixtures: {
          purchases: [
            [1, 'milk'],
            [1, null],
          ],
        },
        expected: { columns: ['item'], rows: [['milk']] },
        ordered: false,
      },
    ],
    solution: 'SELECT item FROM purchases WHERE item IS NOT NULL',
  };
  const problems = (value: unknown) =>
    sqlSpecSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ??
    [];

  it('accepts a well-formed spec and refuses rows that do not fit their table', () => {
    expect(problems(spec)).toEqual([]);
    const bad = structuredClone(spec) as {
      tests: {
        fixtures: Record<string, unknown[][]>;
        expected: { columns: string[]; rows: unknown[][] };
      }[];
    };
    bad.tests[0]!.fixtures.purchases = [[1], [null, 'milk'], [1.5, 'tea'], [2, 7]];
    bad.tests[0]!.fixtures.orders = [[1]];
    bad.tests[0]!.expected.rows = [['milk', 1]];
    expect(problems(bad)).toEqual([
      'tests.0.fixtures.purchases.0: has 1 values, purchases has 2 columns',
      'tests.0.fixtures.purchases.1.0: null does not fit purchases.order_id (INTEGER NOT NULL)',
      'tests.0.fixtures.purchases.2.0: 1.5 does not fit purchases.order_id (INTEGER NOT NULL)',
      'tests.0.fixtures.purchases.3.1: 7 does not fit purchases.item (TEXT)',
      'tests.0.fixtures.orders: no table "orders" is declared',
      'tests.0.expected.rows.0: has 2 values for 1 columns',
    ]);
  });

  it('bounds the fixtures and requires the same output columns in every case', () => {
    const many = structuredClone(spec);
    many.tests[0]!.fixtures.purchases = Array.from({ length: 201 }, (_, i) => [i, 'x']);
    expect(problems(many).join()).toMatch(/tests\.0\.fixtures\.purchases: Too big/);
    const long = structuredClone(spec);
    long.tests[0]!.fixtures.purchases = [[1, 'x'.repeat(201)]];
    expect(problems(long).length).toBeGreaterThan(0);
    const drift = structuredClone(spec);
    drift.tests.push({ ...spec.tests[0]!, expected: { columns: ['product'], rows: [] } });
    expect(problems(drift)).toEqual(['tests.1.expected.columns: every case must expect item']);
    const names = structuredClone(spec);
    names.tables[0]!.name = 'Purchases';
    expect(problems(names).join()).toMatch(/snake_case/);
  });

  it('starts the editor from the tables as SQL comments', () => {
    const starter = starterFor({ sql: spec }, 'python');
    expect(starter).toBe(
      [
        '-- SQLite. Tables:',
        '--   purchases',
        '--     order_id  INTEGER',
        '--     item      TEXT, may be NULL — NULL when the line was voided',
        '-- Return the columns: item',
        '-- Write one SELECT statement (WITH … SELECT is fine).',
        '',
        '',
      ].join('\n'),
    );
    expect(checkSelectStatement(starter).ok).toBe(false);
  });
});

/** Runs a query through the worker's SQL runtime, in Node, and builds the run as the page would. */
async function runInSqlRuntime(tables: SqlTable[], tests: SqlCase[], code: string) {
  const reports: WorkerReport[] = [];
  const request: SqlRunRequest = {
    type: 'run-sql',
    runId: 1,
    language: 'sql',
    code,
    tables,
    fixtures: tests.map((t) => t.fixtures),
  };
  await runSql(
    request,
    (report) => reports.push(structuredClone(report)),
    () => initSqlJs(),
  );
  const failed = reports.find((r) => r.type === 'failed');
  if (failed?.type === 'failed')
    return { reports, run: failedRun({ language: 'sql', message: failed.message, durationMs: 0 }) };
  const outcomes = reports.flatMap((r) => (r.type === 'case' ? [r.outcome] : []));
  const run = completedRun({
    language: 'sql',
    tests,
    judge: sqlCaseResult,
    outcomes,
    durationMs: 0,
  });
  return { reports, run };
}

describe("the worker's SQL runtime (sql.js)", () => {
  const tests: SqlCase[] = [
    {
      fixtures: {
        purchases: [
          [1, 'milk'],
          [1, 'bread'],
          [2, 'milk'],
          [2, null],
        ],
      },
      expected: {
        columns: ['item', 'orders'],
        rows: [
          ['milk', 2],
          ['bread', 1],
        ],
      },
      ordered: true,
    },
    { fixtures: {}, expected: { columns: ['item', 'orders'], rows: [] }, ordered: true },
  ];
  const reference =
    'SELECT item, COUNT(DISTINCT order_id) AS orders FROM purchases WHERE item IS NOT NULL GROUP BY item ORDER BY orders DESC, item';

  it('runs each case on a fresh database of its own and passes the right query', async () => {
    const { reports, run } = await runInSqlRuntime([purchases], tests, `${reference};\n`);
    expect(reports.map((r) => r.type)).toEqual([
      'loading',
      'started',
      'defined',
      'case',
      'case',
      'finished',
    ]);
    expect(run).toMatchObject({ outcome: 'passed', message: '2 of 2 cases passed' });
    expect(decodeSqlActual(run.cases[0]!.actual)).toEqual({
      columns: ['item', 'orders'],
      rows: [
        ['milk', 2],
        ['bread', 1],
      ],
      rowCount: 2,
    });
    // SQLite is loaded once per worker.
    const again = await runInSqlRuntime([purchases], tests, reference);
    expect(again.reports[0]!.type).toBe('started');
  });

  it('fails a wrong query case by case and keeps what it returned', async () => {
    const { run } = await runInSqlRuntime(
      [purchases],
      tests,
      'SELECT item, COUNT(*) AS orders FROM purchases GROUP BY item ORDER BY orders DESC',
    );
    expect(run).toMatchObject({ outcome: 'failed', message: '1 of 2 cases passed' });
    expect(run.cases[0]).toMatchObject({ passed: false, error: null });
    // The NULL line is a row of its own in the wrong query's result.
    expect(decodeSqlActual(run.cases[0]!.actual)?.rows).toContainEqual([null, 1]);
  });

  it('refuses what is not one SELECT and reports a syntax error once, with SQLite’s words', async () => {
    const drop = await runInSqlRuntime([purchases], tests, 'DROP TABLE purchases');
    expect(drop.run).toMatchObject({ outcome: 'error', cases: [] });
    expect(drop.run.message).toMatch(/^Only a query is run here: one SELECT statement/);

    const typo = await runInSqlRuntime([purchases], tests, 'SELECT item FORM purchases');
    expect(typo.run).toMatchObject({
      outcome: 'error',
      message: 'SQL error: near "purchases": syntax error',
    });
    const unknown = await runInSqlRuntime([purchases], tests, 'SELECT product FROM purchases');
    expect(unknown.run.message).toBe('SQL error: no such column: product');
  });

  it('fails a case whose query errors at run time, and one that returns too many rows', async () => {
    const { run } = await runInSqlRuntime(
      [purchases],
      tests,
      "SELECT item, json_extract(item, '$.x') FROM purchases",
    );
    expect(run.cases[0]).toMatchObject({
      passed: false,
      actual: null,
      error: 'SQL error: malformed JSON',
    });

    const endless = await runInSqlRuntime(
      [purchases],
      tests,
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n, n FROM r',
    );
    expect(endless.run.cases[0]!.error).toBe(
      `SQL error: the query returned more than ${SQL_MAX_RESULT_ROWS.toLocaleString('en')} rows; no case expects that many`,
    );
  });
});
