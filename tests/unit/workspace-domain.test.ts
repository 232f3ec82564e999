/**
 * The workspaces in the pure domain: the code's language and saved text, test runs,
 * STAR answers and the signal checklist — who may change them and who sees them.
 */
import { describe, expect, it } from 'vitest';
import type { CodeRunInput } from '../../shared/src/code-run';
import { decide } from '../../shared/src/loop/decide';
import { project } from '../../shared/src/loop/project';
import { EMPTY_STAR_ANSWER, type StoryRef } from '../../shared/src/star';
import { workspaceAccess } from '../../shared/src/docs';
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
    const save = (text: string, question = questionId) =>
      ({
        type: 'doc:save',
        ref: { kind: 'code', round: 0, questionId: question },
        texts: { code: text },
      }) as const;
    state = run(state, save('def f(): pass'), system, T0);
    expect(state.rounds[0]!.code).toEqual({ language: 'python', text: 'def f(): pass' });
    // Code saved for a question the round does not ask is dropped.
    expect(decide(state, save('x', 'another'), system, T0, content)).toEqual({
      ok: true,
      events: [],
    });
    // The same text again is no change.
    expect(decide(state, save('def f(): pass'), system, T0, content)).toEqual({
      ok: true,
      events: [],
    });
    state = run(state, cmd('loop:end', {}), as('interviewer'), T0);
    state = run(state, save('final'), system, T0);
    expect(state.rounds[0]!.code?.text).toBe('final');
  });

  it('drops code saved for the question the round asked before it changed', () => {
    let { state } = newLoop('solo', [{ id: 'coding' }]);
    const before = state.rounds[0]!.questionId;
    state = run(state, cmd('question:change', { round: 0 }), as('candidate'), T0);
    expect(state.rounds[0]!.questionId).not.toBe(before);
    const late = {
      type: 'doc:save',
      ref: { kind: 'code', round: 0, questionId: before },
      texts: { code: 'typed for the old question' },
    } as const;
    expect(decide(state, late, { kind: 'system' }, T0, content)).toEqual({ ok: true, events: [] });
  });

  it('saves notes and private notes, and nothing when the text is unchanged', () => {
    let { state } = newLoop('paired', [{ id: 'screen' }]);
    const system = { kind: 'system' } as const;
    for (const kind of ['notes', 'private-notes'] as const) {
      const save = {
        type: 'doc:save',
        ref: { kind, round: 0 },
        texts: { text: 'a note' },
      } as const;
      state = run(state, save, system, T0);
      expect(decide(state, save, system, T0, content)).toEqual({ ok: true, events: [] });
    }
    expect(state.rounds[0]).toMatchObject({ notes: 'a note', privateNotes: 'a note' });
    // A round the loop does not have: nothing to save.
    const nowhere = {
      type: 'doc:save',
      ref: { kind: 'notes', round: 5 },
      texts: { text: 'x' },
    } as const;
    expect(decide(state, nowhere, system, T0, content)).toEqual({ ok: true, events: [] });
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
      { type: 'doc:save', ref: { kind: 'code', round: 0, questionId }, texts: { code: 'x' } },
      { kind: 'system' },
      T0,
    );
    expect(state.rounds[0]!.code?.text).toBe('x');
    state = run(state, cmd('code:run', { round: 0, run: run1 }), as('candidate'), T0);
    state = run(state, cmd('question:change', { round: 0 }), as('candidate'), T0);
    expect(state.rounds[0]).toMatchObject({ code: null, lastRun: null, signalsTicked: [] });
  });
});

describe('STAR answers', () => {
  const fields = {
    situation: 'Our nightly model retrain kept failing.',
    task: 'Get it green before the quarterly launch.',
    action: 'I bisected the feature pipeline.',
    result: 'Retrains passed for 90 days.',
    learned: 'Alert on data drift, not only on failures.',
  };
  const system = { kind: 'system' } as const;
  const saveFields = (questionId: string, texts: Record<string, string> = fields) =>
    ({ type: 'doc:save', ref: { kind: 'star', round: 0, questionId }, texts }) as const;
  const tag = (questionId: string, principles: string[], story = null as StoryRef | null) =>
    cmd('star:tag', { round: 0, questionId, principles, story });

  it('keeps the candidate’s answer per question and shows it to the interviewer', () => {
    let { state } = newLoop('paired', [{ id: 'behavioral' }]);
    const questionId = state.rounds[0]!.questionId;
    state = run(state, saveFields(questionId), system, T0);
    state = run(
      state,
      tag(questionId, ['ownership', 'dive-deep', 'ownership']),
      as('candidate'),
      T0,
    );
    expect(state.rounds[0]!.stars[questionId]!.principles).toEqual(['ownership', 'dive-deep']);
    const seen = project(state, 'interviewer', T0, content).rounds[0]!.star;
    expect(seen).toEqual({ ...fields, principles: ['ownership', 'dive-deep'], story: null });
  });

  it('keeps the tags when the fields are saved, and the fields when the answer is tagged', () => {
    let { state } = newLoop('solo', [{ id: 'behavioral' }]);
    const questionId = state.rounds[0]!.questionId;
    const story = { id: 'retrain-1', title: 'The failing retrain' };
    // Tagged before anything is typed: the fields stay empty.
    state = run(state, tag(questionId, ['ownership'], story), as('candidate'), T0);
    expect(state.rounds[0]!.stars[questionId]).toEqual({
      ...EMPTY_STAR_ANSWER,
      principles: ['ownership'],
      story,
    });
    state = run(state, saveFields(questionId), system, T0);
    expect(state.rounds[0]!.stars[questionId]).toEqual({
      ...fields,
      principles: ['ownership'],
      story,
    });
    state = run(state, tag(questionId, ['dive-deep'], null), as('candidate'), T0);
    expect(state.rounds[0]!.stars[questionId]).toEqual({
      ...fields,
      principles: ['dive-deep'],
      story: null,
    });
    state = run(
      state,
      saveFields(questionId, { ...fields, result: 'Green ever since.' }),
      system,
      T0,
    );
    expect(state.rounds[0]!.stars[questionId]).toEqual({
      ...fields,
      result: 'Green ever since.',
      principles: ['dive-deep'],
      story: null,
    });
  });

  it('makes no event when neither the tags nor the fields change', () => {
    let { state } = newLoop('solo', [{ id: 'behavioral' }]);
    const questionId = state.rounds[0]!.questionId;
    const none = { ok: true, events: [] };
    // An untagged, empty answer tagged with nothing, or saved empty, is no change.
    expect(decide(state, tag(questionId, []), as('candidate'), T0, content)).toEqual(none);
    expect(decide(state, saveFields(questionId, {}), system, T0, content)).toEqual(none);
    state = run(state, saveFields(questionId), system, T0);
    state = run(state, tag(questionId, ['ownership', 'dive-deep']), as('candidate'), T0);
    expect(decide(state, saveFields(questionId), system, T0, content)).toEqual(none);
    expect(
      decide(
        state,
        tag(questionId, ['ownership', 'dive-deep', 'ownership']),
        as('candidate'),
        T0,
        content,
      ),
    ).toEqual(none);
    // Another order of the same principles is a change.
    expect(
      decide(state, tag(questionId, ['dive-deep', 'ownership']), as('candidate'), T0, content),
    ).toMatchObject({ ok: true, events: [{ type: 'star.updated' }] });
  });

  it('refuses the interviewer, a stale question, unknown principles and non-STAR rounds', () => {
    const { state } = newLoop('paired', [{ id: 'behavioral' }, { id: 'screen' }]);
    const questionId = state.rounds[0]!.questionId;
    const refused = (command: ReturnType<typeof cmd>, role: 'candidate' | 'interviewer') => {
      const decision = decide(state, command, as(role), T0, content);
      return decision.ok ? 'ok' : decision.error.code;
    };
    const principles = ['ownership'];
    expect(refused(tag(questionId, principles), 'candidate')).toBe('ok');
    expect(refused(tag(questionId, principles), 'interviewer')).toBe('forbidden');
    expect(refused(tag('other-question', principles), 'candidate')).toBe('conflict');
    expect(refused(tag(questionId, ['ownership', 'be-nice']), 'candidate')).toBe('bad-request');
    // The fields are a document, under the same rules.
    const access = (id: string, role: 'candidate' | 'interviewer') => {
      const result = workspaceAccess(
        state,
        { kind: 'star', round: 0, questionId: id },
        role,
        true,
        content,
      );
      return result.ok ? 'ok' : result.error.code;
    };
    expect(access(questionId, 'candidate')).toBe('ok');
    expect(access(questionId, 'interviewer')).toBe('forbidden');
    expect(access('other-question', 'candidate')).toBe('conflict');

    const later = run(state, cmd('round:next', { round: 0 }), as('interviewer'), T0);
    const screenQuestion = later.rounds[1]!.questionId;
    const decision = decide(
      later,
      cmd('star:tag', { round: 1, questionId: screenQuestion, principles, story: null }),
      as('candidate'),
      T0,
      content,
    );
    expect(decision.ok ? 'ok' : decision.error.code).toBe('bad-request');
    const screenAccess = workspaceAccess(
      later,
      { kind: 'star', round: 1, questionId: screenQuestion },
      'candidate',
      true,
      content,
    );
    expect(screenAccess.ok ? 'ok' : screenAccess.error.code).toBe('bad-request');
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
