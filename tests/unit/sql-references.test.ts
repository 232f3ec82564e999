/**
 * The SQL questions' own checks, on SQLite through better-sqlite3 and the same comparison
 * module the browser uses: every reference query passes every case of its question; other
 * correct ways of writing it pass too (so the cases do not demand one phrasing, and the
 * expected results are checked by a second query); and plausible wrong queries each fail
 * at least one case. The bank itself: enough questions, cases and follow-ups.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/src/content';
import {
  createTableSql,
  insertSql,
  type SqlCase,
  type SqlResultSet,
  type SqlSpec,
  type SqlValue,
} from '../../shared/src/sql';
import { compareResultSets } from '../../shared/src/sql-compare';
import { checkSelectStatement } from '../../shared/src/sql-statement';
import { catalog } from '../helpers/content';
import { SQL_VARIANTS } from '../helpers/sql-variants';

const questions = catalog.rounds.flatMap((round) =>
  round.questions.flatMap((q) => (q.sql ? [{ round: round.id, question: q, spec: q.sql }] : [])),
);

/** Runs `query` on a fresh in-memory database holding the case's fixtures. */
function runOnSqlite(spec: Pick<SqlSpec, 'tables'>, test: SqlCase, query: string) {
  const db = new Database(':memory:');
  try {
    for (const table of spec.tables) {
      db.exec(createTableSql(table));
      const insert = db.prepare(insertSql(table));
      for (const row of test.fixtures[table.name] ?? []) insert.run(...row);
    }
    const statement = db.prepare(query);
    if (!statement.reader) throw new Error('the query returns no rows');
    const columns = statement.columns().map((c) => c.name);
    const rows = statement.raw(true).all() as SqlValue[][];
    return { columns, rows } satisfies SqlResultSet;
  } finally {
    db.close();
  }
}

/** The cases `query` fails, each with the reason; SQLite's errors are kept apart. */
function judge(spec: SqlSpec, query: string): { errors: string[]; mismatches: string[] } {
  const errors: string[] = [];
  const mismatches: string[] = [];
  spec.tests.forEach((test, index) => {
    let actual: SqlResultSet;
    try {
      actual = runOnSqlite(spec, test, query);
    } catch (error) {
      errors.push(`case ${index + 1}: ${(error as Error).message}`);
      return;
    }
    const verdict = compareResultSets(test.expected, actual, test.ordered);
    if (!verdict.passed) mismatches.push(`case ${index + 1} (${test.note}): ${verdict.reason}`);
  });
  return { errors, mismatches };
}

const passing = { errors: [], mismatches: [] };

describe('SQL reference queries on SQLite', () => {
  it('has SQL questions to check', () => {
    expect(questions.length).toBeGreaterThanOrEqual(10);
  });

  for (const { question, spec } of questions) {
    it(`${question.id}: the reference is one SELECT and passes every case`, () => {
      expect(checkSelectStatement(spec.solution)).toEqual({ ok: true });
      expect(judge(spec, spec.solution)).toEqual(passing);
    });
  }
});

describe('SQL questions against other queries', () => {
  for (const { question, spec } of questions) {
    const variants = SQL_VARIANTS[question.id];
    it(`${question.id}: other correct queries pass, plausible wrong ones fail`, () => {
      expect(variants, `no variants written for ${question.id}`).toBeDefined();
      expect(variants!.correct.length).toBeGreaterThanOrEqual(1);
      expect(variants!.wrong.length).toBeGreaterThanOrEqual(3);
      for (const query of variants!.correct) expect(judge(spec, query), query).toEqual(passing);
      for (const query of variants!.wrong) {
        // A wrong query must run and return a wrong result: an error proves nothing.
        const { errors, mismatches } = judge(spec, query);
        expect(errors, query).toEqual([]);
        expect(mismatches.length, `passes every case:\n${query}`).toBeGreaterThan(0);
      }
    });
  }
});

describe('the SQL bank', () => {
  const byDifficulty = (d: Question['difficulty']) =>
    questions.filter((q) => q.question.difficulty === d).length;

  it('mixes difficulties and gives every question enough cases, follow-ups and hints', () => {
    expect(byDifficulty('easy')).toBeGreaterThanOrEqual(2);
    expect(byDifficulty('medium')).toBeGreaterThanOrEqual(3);
    expect(byDifficulty('hard')).toBeGreaterThanOrEqual(3);
    for (const { round, question, spec } of questions) {
      expect(round, question.id).toBe('coding');
      expect(question.family, question.id).toBe('sql');
      expect(spec.tests.length, question.id).toBeGreaterThanOrEqual(8);
      expect(
        question.followUps.some((f) => f.constraintChange),
        question.id,
      ).toBe(true);
      // A case where the table the answer starts from (the first one) is empty.
      const main = spec.tables[0]!.name;
      const empty = spec.tests.some((t) => !t.fixtures[main]?.length);
      expect(empty, `${question.id} has no case with an empty ${main}`).toBe(true);
      // Every case says what it checks, so a failing one explains itself.
      expect(
        spec.tests.every((t) => t.note),
        question.id,
      ).toBe(true);
    }
  });

  it('includes the prompts of the real loop and its usual SQL patterns', () => {
    const ids = questions.map((q) => q.question.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'sql-bought-together',
        'sql-top-products-per-category',
        'sql-sessionize-events',
        'sql-retention-cohorts',
        'sql-ab-test-metrics',
        'sql-latest-address',
        'sql-running-balance',
        'sql-funnel-conversion',
        'sql-latency-median-p90',
        'sql-login-streaks',
      ]),
    );
  });
});
