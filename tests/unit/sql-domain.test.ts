/**
 * SQL questions in the pure domain: a SQL question is answered in SQL only and a coding
 * question never in SQL, its runs are recorded like any other, its code is saved as SQL,
 * and every role gets its tables and cases but never the reference query.
 */
import { describe, expect, it } from 'vitest';
import type { CodeRunInput } from '../../shared/src/code-run';
import { decide } from '../../shared/src/loop/decide';
import { project } from '../../shared/src/loop/project';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

const bank = content.round('coding')!.questions;
const sqlQuestion = bank.find((q) => q.sql)!;
const codingQuestion = bank.find((q) => q.coding)!;

/** A paired coding round on `questionId`, chosen by the interviewer before it starts. */
function roundOn(questionId: string) {
  const { state } = newLoop('paired', [{ id: 'coding' }]);
  const change = cmd('question:change', { round: 0, questionId });
  return state.rounds[0]!.questionId === questionId
    ? state
    : run(state, change, as('interviewer'), T0);
}

const sqlRun = (cases: number[]): CodeRunInput => ({
  language: 'sql',
  outcome: 'passed',
  message: `${cases.length} of ${cases.length} cases passed`,
  durationMs: 40,
  cases: cases.map((index) => ({
    index,
    passed: true,
    actual: '{"columns":["a"],"rows":[],"rowCount":0}',
    error: null,
    stdout: '',
  })),
});

describe('a SQL question in the coding round', () => {
  it('is answered in SQL only, and a coding question never in SQL', () => {
    const sql = roundOn(sqlQuestion.id);
    const refused = (state: typeof sql, language: 'python' | 'sql', message: string) =>
      expect(
        decide(state, cmd('code:language', { round: 0, language }), as('candidate'), T0, content),
      ).toMatchObject({ ok: false, error: { code: 'bad-request', message } });
    refused(sql, 'python', 'this question is answered in SQL');
    const picked = run(
      sql,
      cmd('code:language', { round: 0, language: 'sql' }),
      as('candidate'),
      T0,
    );
    expect(picked.rounds[0]!.code).toEqual({ language: 'sql', text: '' });

    refused(roundOn(codingQuestion.id), 'sql', 'SQL is for SQL questions only');
  });

  it('records a SQL run, refuses a run in another language or with unknown cases', () => {
    const state = roundOn(sqlQuestion.id);
    const tests = sqlQuestion.sql!.tests.length;
    const good = sqlRun([...Array(tests).keys()]);
    const after = run(state, cmd('code:run', { round: 0, run: good }), as('candidate'), T0 + 5);
    expect(project(after, 'interviewer', T0, content).rounds[0]!.lastRun).toEqual({
      ...good,
      at: T0 + 5,
    });
    const asPython = { ...good, language: 'python' as const };
    expect(
      decide(state, cmd('code:run', { round: 0, run: asPython }), as('candidate'), T0, content),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const beyond = sqlRun([tests]);
    expect(
      decide(state, cmd('code:run', { round: 0, run: beyond }), as('candidate'), T0, content),
    ).toMatchObject({ ok: false, error: { message: `this question has ${tests} test cases` } });

    const onCoding = roundOn(codingQuestion.id);
    expect(
      decide(
        onCoding,
        cmd('code:run', { round: 0, run: sqlRun([0]) }),
        as('candidate'),
        T0,
        content,
      ),
    ).toMatchObject({ ok: false, error: { message: 'SQL is for SQL questions only' } });
  });

  it('saves the shared text as SQL', () => {
    const state = roundOn(sqlQuestion.id);
    const save = {
      type: 'doc:save',
      ref: { kind: 'code', round: 0, questionId: sqlQuestion.id },
      texts: { code: 'SELECT 1;' },
    } as const;
    const after = run(state, save, { kind: 'system' }, T0);
    expect(after.rounds[0]!.code).toEqual({ language: 'sql', text: 'SELECT 1;' });
  });

  it('shows every role the tables and the cases; the reference query only with the kit', () => {
    const state = roundOn(sqlQuestion.id);
    for (const role of ['candidate', 'interviewer', 'observer'] as const) {
      const question = project(state, role, T0, content).rounds[0]!.question;
      const { tables, tests, solution } = sqlQuestion.sql!;
      expect(question.sql).toEqual(
        role === 'candidate' ? { tables, tests } : { tables, tests, solution },
      );
      expect(question.coding).toBeUndefined();
      if (role === 'candidate')
        expect(JSON.stringify(question)).not.toContain(solution.slice(0, 60));
    }
  });
});
