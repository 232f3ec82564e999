/**
 * The workspaces in the pure domain: the code's language and saved text, test runs,
 * STAR answers and the signal checklist — who may change them and who sees them.
 */
import { describe, expect, it } from 'vitest';
import type { CodeRunInput } from '../../shared/src/code-run';
import { decide } from '../../shared/src/loop/decide';
import { project } from '../../shared/src/loop/project';
import { EMPTY_STAR_ANSWER } from '../../shared/src/star';
import { content, ratingsFor } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

const run1: CodeRunInput = {
  language: 'python',
  outcome: 'failed',
  message: '1 of 2 cases passed',
  durationMs: 12,
  cases: [
    { index: 0, passed: true, actual: '[1]', error: null, stdout: '' },
    { index: 1, passed: false, actual: '[]', error: null, stdout: 'debug\n' },
  ],
};

describe('coding workspace', () => {
  it('lets both partners pick the language, but not the observer', () => {
    const { state } = newLoop('paired', [{ id: 'coding' }]);
    const pick = cmd('code:language', { round: 0, language: 'typescript' });
    expect(decide(state, pick, as('observer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const role of ['candidate', 'interviewer'] as const) {
      const after = run(state, pick, as(role), T0);
      expect(after.rounds[0]!.code).toEqual({ language: 'typescript', text: '' });
    }
  });

  it('refuses a language for a round without a code editor', () => {
    const { state } = newLoop('solo', [{ id: 'screen' }]);
    const pick = cmd('code:language', { round: 0, language: 'python' });
    expect(decide(state, pick, as('candidate'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('saves the shared text from the server, for the current question only, even after the end', () => {
    let { state } = newLoop('paired', [{ id: 'coding' }]);
    const questionId = state.rounds[0]!.questionId;
    const system = { kind: 'system' } as const;
    state = run(
      state,
      { type: 'code:snapshot', round: 0, questionId, text: 'def f(): pass' },
      system,
      T0,
    );
    expect(state.rounds[0]!.code).toEqual({ language: 'python', text: 'def f(): pass' });
    const other = { type: 'code:snapshot', round: 0, questionId: 'another', text: 'x' } as const;
    expect(decide(state, other, system, T0, content)).toEqual({ ok: true, events: [] });
    state = run(state, cmd('loop:end', {}), as('interviewer'), T0);
    state = run(state, { type: 'code:snapshot', round: 0, questionId, text: 'final' }, system, T0);
    expect(state.rounds[0]!.code?.text).toBe('final');
  });

  it('keeps the last test run, shows it to every role, and checks the case numbers', () => {
    let { state } = newLoop('paired', [{ id: 'coding' }]);
    state = run(state, cmd('code:run', { round: 0, run: run1 }), as('candidate'), T0 + 5);
    for (const role of ['candidate', 'interviewer', 'observer'] as const)
      expect(project(state, role, T0, content).rounds[0]!.lastRun).toEqual({ ...run1, at: T0 + 5 });
    const tests = content.question('coding', state.rounds[0]!.questionId)!.coding!.tests;
    const tooMany = {
      ...run1,
      cases: [{ index: tests.length, passed: true, actual: '1', error: null, stdout: '' }],
    };
    expect(
      decide(state, cmd('code:run', { round: 0, run: tooMany }), as('candidate'), T0, content),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('sends the test cases to every role, never the reference solutions', () => {
    const { state } = newLoop('paired', [{ id: 'coding' }]);
    const question = content.question('coding', state.rounds[0]!.questionId)!;
    for (const role of ['candidate', 'interviewer', 'observer'] as const) {
      const view = project(state, role, T0, content);
      expect(view.rounds[0]!.question.coding?.tests).toEqual(question.coding!.tests);
      const text = JSON.stringify(view);
      expect(text).not.toContain(question.coding!.solutions.python.slice(0, 60));
      expect(text).not.toContain(question.coding!.solutions.javascript.slice(0, 60));
    }
  });

  it('forgets the code, its run and the ticks when the question changes', () => {
    let { state } = newLoop('solo', [{ id: 'coding' }]);
    const questionId = state.rounds[0]!.questionId;
    state = run(
      state,
      { type: 'code:snapshot', round: 0, questionId, text: 'x' },
      { kind: 'system' },
      T0,
    );
    state = run(state, cmd('code:run', { round: 0, run: run1 }), as('candidate'), T0);
    state = run(state, cmd('question:change', { round: 0 }), as('candidate'), T0);
    expect(state.rounds[0]).toMatchObject({ code: null, lastRun: null, signalsTicked: [] });
  });
});

describe('STAR answers', () => {
  const answer = {
    ...EMPTY_STAR_ANSWER,
    situation: 'Our nightly model retrain kept failing.',
    principles: ['ownership', 'dive-deep', 'ownership'],
  };

  it('keeps the candidate’s answer per question and shows it to the interviewer', () => {
    let { state } = newLoop('paired', [{ id: 'behavioral' }]);
    const questionId = state.rounds[0]!.questionId;
    state = run(state, cmd('star:update', { round: 0, questionId, answer }), as('candidate'), T0);
    expect(state.rounds[0]!.stars[questionId]!.principles).toEqual(['ownership', 'dive-deep']);
    const seen = project(state, 'interviewer', T0, content).rounds[0]!.star;
    expect(seen?.situation).toBe(answer.situation);
  });

  it('refuses the interviewer, a stale question, unknown principles and non-STAR rounds', () => {
    const { state } = newLoop('paired', [{ id: 'behavioral' }, { id: 'screen' }]);
    const questionId = state.rounds[0]!.questionId;
    const refused = (command: ReturnType<typeof cmd>, role: 'candidate' | 'interviewer') => {
      const decision = decide(state, command, as(role), T0, content);
      return decision.ok ? 'ok' : decision.error.code;
    };
    expect(refused(cmd('star:update', { round: 0, questionId, answer }), 'interviewer')).toBe(
      'forbidden',
    );
    expect(
      refused(cmd('star:update', { round: 0, questionId: 'other-question', answer }), 'candidate'),
    ).toBe('conflict');
    const unknown = { ...answer, principles: ['be-nice'] };
    expect(
      refused(cmd('star:update', { round: 0, questionId, answer: unknown }), 'candidate'),
    ).toBe('bad-request');
    const later = run(state, cmd('round:next', { round: 0 }), as('interviewer'), T0);
    const screenQuestion = later.rounds[1]!.questionId;
    const decision = decide(
      later,
      cmd('star:update', { round: 1, questionId: screenQuestion, answer }),
      as('candidate'),
      T0,
      content,
    );
    expect(decision.ok ? 'ok' : decision.error.code).toBe('bad-request');
  });
});

describe('signal checklist', () => {
  it('lets the interviewer tick signals, shown to staff and never to a paired candidate', () => {
    let { state } = newLoop('paired', [{ id: 'ml-depth' }]);
    const tick = (index: number, checked: boolean) =>
      cmd('signal:tick', { round: 0, index, checked });
    expect(decide(state, tick(0, true), as('candidate'), T0, content).ok).toBe(false);
    state = run(state, tick(2, true), as('interviewer'), T0);
    state = run(state, tick(0, true), as('interviewer'), T0);
    state = run(state, tick(2, false), as('interviewer'), T0);
    expect(state.rounds[0]!.signalsTicked).toEqual([0]);
    expect(project(state, 'interviewer', T0, content).rounds[0]!.question.signalsTicked).toEqual([
      0,
    ]);
    expect(
      project(state, 'candidate', T0, content).rounds[0]!.question.signalsTicked,
    ).toBeUndefined();
    const signals = content.question('ml-depth', state.rounds[0]!.questionId)!.signals;
    expect(decide(state, tick(signals.length, true), as('interviewer'), T0, content).ok).toBe(
      false,
    );
  });

  it('lets a solo candidate tick signals only once the round is self-scored', () => {
    let { state } = newLoop('solo', [{ id: 'screen' }]);
    const tick = cmd('signal:tick', { round: 0, index: 0, checked: true });
    state = run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
    state = run(state, cmd('round:end', { round: 0 }), as('candidate'), T0);
    expect(decide(state, tick, as('candidate'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const card = { ratings: ratingsFor('screen', 3), vote: 3 as const, justification: '' };
    state = run(state, cmd('score:submit', { round: 0, card }), as('candidate'), T0);
    state = run(state, tick, as('candidate'), T0);
    expect(project(state, 'candidate', T0, content).rounds[0]!.question.signalsTicked).toEqual([0]);
  });
});
