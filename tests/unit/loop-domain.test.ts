import { describe, expect, it } from 'vitest';
import { workspaceAccess } from '../../shared/src/docs';
import { decide } from '../../shared/src/loop/decide';
import type { LoopEvent } from '../../shared/src/loop/events';
import { planLoop } from '../../shared/src/loop/plan';
import { project } from '../../shared/src/loop/project';
import { replay } from '../../shared/src/loop/reduce';
import { MINUTE_MS } from '../../shared/src/timer';
import { content, ratingsFor, SIX_ROUNDS } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

/** A score:submit command rating every dimension of the round at `level`. */
const scoreCmd = (round: number, roundId: string, level: 1 | 2 | 3 | 4, justification = '') =>
  cmd('score:submit', {
    round,
    card: { ratings: ratingsFor(roundId, level), vote: level, justification },
  });

describe('planLoop', () => {
  it('draws one question per round and scales phases to the chosen minutes', () => {
    const plan = planLoop(
      { mode: 'solo', rounds: [{ id: 'coding', minutes: 30 }] },
      content,
      'x',
      T0,
      () => 0.5,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const [round] = plan.event.rounds;
    expect(round!.minutes).toBe(30);
    expect(round!.phases.reduce((s, p) => s + p.minutes, 0)).toBe(30);
    expect(content.question('coding', round!.questionId)).toBeDefined();
  });

  it('uses the full loop by default and prefers questions not practised recently', () => {
    const bank = content.round('screen')!.questions.map((q) => q.id);
    const recent = bank.slice(0, -1);
    const plan = planLoop({ mode: 'solo', recentQuestionIds: recent }, content, 'x', T0, () => 0);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.event.rounds.map((r) => r.roundId)).toEqual(SIX_ROUNDS);
    expect(plan.event.rounds[0]!.questionId).toBe(bank.at(-1));
  });

  it('honours a requested difficulty', () => {
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const plan = planLoop(
        { mode: 'solo', rounds: [{ id: 'system-design', difficulty }] },
        content,
        'x',
        T0,
        Math.random,
      );
      if (!plan.ok) throw new Error(plan.error.message);
      expect(content.question('system-design', plan.event.rounds[0]!.questionId)!.difficulty).toBe(
        difficulty,
      );
    }
  });

  it('refuses unknown rounds and a drill without exactly one round', () => {
    expect(
      planLoop({ mode: 'solo', rounds: [{ id: 'nope' }] }, content, 'x', T0, Math.random),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(planLoop({ mode: 'solo', template: 'drill' }, content, 'x', T0, Math.random).ok).toBe(
      false,
    );
  });
});

describe('decide and reduce', () => {
  it('runs a round: start, pause, resume, extend, skip, time up, score, next', () => {
    let { state } = newLoop('solo');
    const me = as('candidate');
    state = run(state, cmd('round:start', { round: 0 }), me, T0);
    const first = state.rounds[0]!;
    expect(first.status).toBe('in-progress');
    expect(first.clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: T0 + first.phases[0]!.minutes * MINUTE_MS,
    });

    state = run(state, cmd('timer:pause', { round: 0 }), me, T0 + MINUTE_MS);
    expect(state.rounds[0]!.clock.kind).toBe('paused');
    state = run(state, cmd('timer:resume', { round: 0 }), me, T0 + 10 * MINUTE_MS);
    state = run(state, cmd('timer:extend', { round: 0, minutes: 5 }), me, T0 + 10 * MINUTE_MS);
    const clock = state.rounds[0]!.clock;
    expect(clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: T0 + 10 * MINUTE_MS + (first.phases[0]!.minutes - 1 + 5) * MINUTE_MS,
    });

    state = run(state, cmd('phase:next', { round: 0 }), me, T0 + 11 * MINUTE_MS);
    expect(state.rounds[0]!.clock).toMatchObject({ kind: 'running', phase: 1 });
    // The server's clock expires every remaining phase when time runs out.
    state = run(
      state,
      { type: 'phase:expire', round: 0 },
      { kind: 'system' },
      T0 + 500 * MINUTE_MS,
    );
    expect(state.rounds[0]!.status).toBe('scoring');

    state = run(state, scoreCmd(0, 'screen', 3, 'ok'), me, T0 + 501 * MINUTE_MS);
    expect(state.rounds[0]!.scores.self).toMatchObject({
      vote: 3,
      submittedAt: T0 + 501 * MINUTE_MS,
    });
    state = run(state, cmd('round:next', { round: 0 }), me, T0 + 502 * MINUTE_MS);
    expect(state.current).toBe(1);
    expect(state.rounds[0]!.status).toBe('done');
  });

  it('expiry advances each phase from the previous deadline, not from when the timer ran', () => {
    let { state } = newLoop('solo');
    state = run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
    const [p0, p1] = state.rounds[0]!.phases;
    const log: LoopEvent[] = [];
    state = run(
      state,
      { type: 'phase:expire', round: 0 },
      { kind: 'system' },
      T0 + (p0!.minutes + 0.5) * MINUTE_MS,
      log,
    );
    expect(log).toEqual([
      {
        type: 'phase.advanced',
        at: T0 + p0!.minutes * MINUTE_MS,
        round: 0,
        reason: 'expired',
        clock: {
          kind: 'running',
          phase: 1,
          phaseEndsAt: T0 + (p0!.minutes + p1!.minutes) * MINUTE_MS,
        },
      },
    ]);
    // A timer that fires early does nothing.
    const early = decide(
      state,
      { type: 'phase:expire', round: 0 },
      { kind: 'system' },
      T0,
      content,
    );
    expect(early).toEqual({ ok: true, events: [] });
  });

  it('refuses commands for a round that is not the current one', () => {
    const { state } = newLoop('solo');
    const decision = decide(state, cmd('round:start', { round: 1 }), as('candidate'), T0, content);
    expect(decision).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a self-score before the round is over, and a score missing a dimension', () => {
    let { state } = newLoop('solo');
    state = run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
    const card = { ratings: ratingsFor('screen', 3), vote: 3 as const, justification: '' };
    expect(
      decide(state, cmd('score:submit', { round: 0, card }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    state = run(state, cmd('round:end', { round: 0 }), as('candidate'), T0);
    const [missing, ...rest] = Object.keys(card.ratings);
    const partial = { ...card, ratings: Object.fromEntries(rest.map((k) => [k, 3 as const])) };
    const decision = decide(
      state,
      cmd('score:submit', { round: 0, card: partial }),
      as('candidate'),
      T0,
      content,
    );
    expect(decision).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!decision.ok) expect(decision.error.message).toContain(missing!);
  });

  it('reveals hints in ladder order only', () => {
    let { state } = newLoop('solo');
    state = run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
    expect(
      decide(state, cmd('hint:reveal', { round: 0, index: 1 }), as('candidate'), T0, content).ok,
    ).toBe(false);
    state = run(state, cmd('hint:reveal', { round: 0, index: 0 }), as('candidate'), T0 + 1000);
    expect(state.rounds[0]!.hintsRevealed).toEqual([{ index: 0, at: T0 + 1000 }]);
  });

  it('in a pair, only the interviewer runs the clock and the observer changes nothing', () => {
    const { state } = newLoop('paired');
    expect(
      decide(state, cmd('round:start', { round: 0 }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Typing is a document: whether the observer may write the notes is the workspace rule.
    expect(
      workspaceAccess(state, { kind: 'notes', round: 0 }, 'observer', true, content),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      decide(
        state,
        cmd('signal:tick', { round: 0, index: 0, checked: true }),
        as('observer'),
        T0,
        content,
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(decide(state, cmd('round:start', { round: 0 }), as('interviewer'), T0, content).ok).toBe(
      true,
    );
  });

  it('closing the last round ends the loop; an ended loop refuses everything', () => {
    let { state } = newLoop('solo', [{ id: 'screen' }]);
    state = run(state, cmd('round:next', { round: 0 }), as('candidate'), T0);
    expect(state.status).toBe('ended');
    expect(
      decide(state, cmd('hint:reveal', { round: 0, index: 0 }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      workspaceAccess(state, { kind: 'notes', round: 0 }, 'candidate', true, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('replaying the event log rebuilds exactly the live state', () => {
    const created = newLoop('solo');
    let state = created.state;
    const log = created.log;
    const me = as('candidate');
    state = run(state, cmd('round:start', { round: 0 }), me, T0, log);
    state = run(
      state,
      { type: 'doc:save', ref: { kind: 'notes', round: 0 }, texts: { text: 'clarify scope' } },
      { kind: 'system' },
      T0 + 1,
      log,
    );
    expect(state.rounds[0]!.notes).toBe('clarify scope');
    state = run(state, cmd('round:end', { round: 0 }), me, T0 + 2, log);
    state = run(state, scoreCmd(0, 'screen', 2), me, T0 + 3, log);
    expect(replay(log)).toEqual(state);
    expect(state.version).toBe(log.length);
  });
});

describe('changing the question', () => {
  it('picks a named question from the bank and resets the hint ladder', () => {
    let { state } = newLoop('solo', [{ id: 'ml-depth' }]);
    state = run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
    state = run(state, cmd('hint:reveal', { round: 0, index: 0 }), as('candidate'), T0);
    const other = content
      .round('ml-depth')!
      .questions.find((q) => q.id !== state.rounds[0]!.questionId)!;
    state = run(
      state,
      cmd('question:change', { round: 0, questionId: other.id }),
      as('candidate'),
      T0,
    );
    expect(state.rounds[0]).toMatchObject({ questionId: other.id, hintsRevealed: [] });
  });

  it('draws another question, never the current one nor one to avoid', () => {
    const { state } = newLoop('solo', [{ id: 'screen' }]);
    const bank = content.round('screen')!.questions.map((q) => q.id);
    const current = state.rounds[0]!.questionId;
    const keep = bank.find((id) => id !== current)!;
    const avoid = bank.filter((id) => id !== keep && id !== current);
    for (let i = 0; i < 10; i++) {
      const decision = decide(
        state,
        cmd('question:change', { round: 0, avoid }),
        as('candidate'),
        T0,
        content,
      );
      expect(decision).toMatchObject({
        ok: true,
        events: [{ type: 'question.changed', questionId: keep }],
      });
    }
  });

  it('a re-draw keeps the difficulty of the current question', () => {
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const plan = planLoop(
        { mode: 'solo', rounds: [{ id: 'coding', difficulty }] },
        content,
        'x',
        T0,
        Math.random,
      );
      if (!plan.ok) throw new Error(plan.error.message);
      const state = replay([plan.event]);
      for (let i = 0; i < 10; i++) {
        const decision = decide(
          state,
          cmd('question:change', { round: 0 }),
          as('candidate'),
          T0,
          content,
        );
        if (!decision.ok) throw new Error(decision.error.message);
        const { questionId } = decision.events[0] as { questionId: string };
        expect(content.question('coding', questionId)!.difficulty).toBe(difficulty);
      }
    }
  });

  it('draws within a topic, and refuses an unknown question or a finished round', () => {
    let { state } = newLoop('solo', [{ id: 'coding' }]);
    const onTopic = decide(
      state,
      cmd('question:change', { round: 0, topic: 'knapsack' }),
      as('candidate'),
      T0,
      content,
    );
    if (!onTopic.ok) throw new Error(onTopic.error.message);
    const event = onTopic.events[0] as { questionId: string };
    if (event.questionId !== state.rounds[0]!.questionId) {
      expect(content.question('coding', event.questionId)!.topics).toContain('knapsack');
    }
    expect(
      decide(
        state,
        cmd('question:change', { round: 0, questionId: 'nope' }),
        as('candidate'),
        T0,
        content,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    state = run(state, cmd('round:end', { round: 0 }), as('candidate'), T0);
    expect(
      decide(state, cmd('question:change', { round: 0 }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('lets the interviewer change the question in a pair, not the candidate', () => {
    const { state } = newLoop('paired', [{ id: 'screen' }]);
    expect(
      decide(state, cmd('question:change', { round: 0 }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      decide(state, cmd('question:change', { round: 0 }), as('interviewer'), T0, content).ok,
    ).toBe(true);
  });
});

describe('paired interviewing', () => {
  it('pushes follow-ups once each, only while the round runs, and only the interviewer', () => {
    let { state } = newLoop('paired', [{ id: 'system-design' }]);
    expect(
      decide(state, cmd('followup:push', { round: 0, index: 0 }), as('interviewer'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    state = run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
    expect(
      decide(state, cmd('followup:push', { round: 0, index: 0 }), as('candidate'), T0, content),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    state = run(state, cmd('followup:push', { round: 0, index: 1 }), as('interviewer'), T0 + 5000);
    expect(
      decide(state, cmd('followup:push', { round: 0, index: 1 }), as('interviewer'), T0, content),
    ).toEqual({
      ok: true,
      events: [],
    });
    expect(
      decide(state, cmd('followup:push', { round: 0, index: 9 }), as('interviewer'), T0, content)
        .ok,
    ).toBe(false);
    const candidate = project(state, 'candidate', T0, content).rounds[0]!.question.followUps;
    expect(candidate).toEqual([expect.objectContaining({ index: 1, pushedAt: T0 + 5000 })]);
    const interviewer = project(state, 'interviewer', T0, content).rounds[0]!.question.followUps;
    expect(interviewer.length).toBe(
      content.question('system-design', state.rounds[0]!.questionId)!.followUps.length,
    );
  });

  it("keeps the interviewer's private notes from the candidate and shows them to the observer", () => {
    let { state } = newLoop('paired', [{ id: 'screen' }]);
    const ref = { kind: 'private-notes', round: 0 } as const;
    expect(workspaceAccess(state, ref, 'interviewer', true, content).ok).toBe(true);
    state = run(
      state,
      { type: 'doc:save', ref, texts: { text: 'hesitant on metrics' } },
      { kind: 'system' },
      T0,
    );
    expect(JSON.stringify(project(state, 'candidate', T0, content))).not.toContain(
      'hesitant on metrics',
    );
    expect(project(state, 'observer', T0, content).rounds[0]!.privateNotes).toBe(
      'hesitant on metrics',
    );
    // The candidate may neither write nor read them.
    for (const write of [true, false])
      expect(workspaceAccess(state, ref, 'candidate', write, content)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(workspaceAccess(state, ref, 'observer', false, content).ok).toBe(true);
    expect(workspaceAccess(state, ref, 'observer', true, content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('swaps roles only after a paired loop has ended, once', () => {
    let { state } = newLoop('paired', [{ id: 'screen' }]);
    const swap = { type: 'loop:swap' as const, commandId: 'swap-0001', nextLoopId: 'next1' };
    expect(decide(state, swap, as('candidate'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    state = run(state, cmd('round:next', { round: 0 }), as('interviewer'), T0);
    expect(decide(state, swap, as('observer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    state = run(state, swap, as('candidate'), T0);
    expect(state.nextLoopId).toBe('next1');
    expect(decide(state, swap, as('interviewer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const solo = newLoop('solo', [{ id: 'screen' }]).state;
    const ended = run(solo, cmd('round:next', { round: 0 }), as('candidate'), T0);
    expect(decide(ended, swap, as('candidate'), T0, content).ok).toBe(false);
  });

  it('lets only the interviewer replace a link', () => {
    const { state } = newLoop('paired', [{ id: 'screen' }]);
    const rotate = cmd('token:rotate', { role: 'candidate' });
    expect(decide(state, rotate, as('candidate'), T0, content).ok).toBe(false);
    expect(decide(state, rotate, as('interviewer'), T0, content)).toMatchObject({
      ok: true,
      events: [{ type: 'token.rotated', role: 'candidate' }],
    });
  });
});

describe('project', () => {
  function scoredPair() {
    let { state } = newLoop('paired', [{ id: 'screen' }]);
    state = run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
    state = run(state, cmd('hint:reveal', { round: 0, index: 0 }), as('interviewer'), T0);
    state = run(state, cmd('round:end', { round: 0 }), as('interviewer'), T0);
    state = run(state, scoreCmd(0, 'screen', 2, 'secret view'), as('interviewer'), T0);
    return state;
  }

  it("gives each reader the phase guidance written for them: the interviewer's or the candidate's", () => {
    const definition = content.round('screen')!;
    for (const mode of ['solo', 'paired'] as const) {
      const { state } = newLoop(mode, [{ id: 'screen' }]);
      const candidate = project(state, 'candidate', T0, content).rounds[0]!.phases;
      expect(candidate.map((p) => p.guidance)).toEqual(
        definition.phases.map((p) => p.candidateGuidance),
      );
      if (mode === 'paired')
        for (const role of ['interviewer', 'observer'] as const)
          expect(
            project(state, role, T0, content).rounds[0]!.phases.map((p) => p.guidance),
          ).toEqual(definition.phases.map((p) => p.guidance));
    }
    // Written apart: a solo candidate is never told to "ask for a background".
    for (const phase of definition.phases) expect(phase.candidateGuidance).not.toBe(phase.guidance);
  });

  it('candidate never receives signals, red flags, follow-ups or unrevealed hints', () => {
    const state = scoredPair();
    const view = project(state, 'candidate', T0, content);
    const question = content.question('screen', state.rounds[0]!.questionId)!;
    const text = JSON.stringify(view);
    for (const hidden of [
      ...question.signals,
      ...question.redFlags,
      ...question.followUps.map((f) => f.text),
      ...question.hints.slice(1),
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(view.rounds[0]!.question.hints.map((h) => h.text)).toEqual([question.hints[0]]);
  });

  it("keeps the interviewer's score blind until the candidate has scored too", () => {
    let state = scoredPair();
    const before = project(state, 'candidate', T0, content);
    expect(before.rounds[0]!.scores.partner).toEqual({ submitted: true, card: null });
    expect(JSON.stringify(before)).not.toContain('secret view');
    state = run(state, scoreCmd(0, 'screen', 3), as('candidate'), T0);
    const after = project(state, 'candidate', T0, content);
    expect(after.rounds[0]!.scores.partner?.card?.justification).toBe('secret view');
    // Scored, the candidate gets the worked solution: the whole kit, in a pair as alone.
    const question = content.question('screen', state.rounds[0]!.questionId)!;
    expect(before.rounds[0]!.question.signals).toBeUndefined();
    expect(after.rounds[0]!.question.signals).toEqual(question.signals);
    expect(after.rounds[0]!.question.redFlags).toEqual(question.redFlags);
    expect(after.rounds[0]!.question.hints.map((h) => h.text)).toEqual(question.hints);
  });

  it('shows the solo candidate what a strong answer shows only after self-scoring', () => {
    let { state } = newLoop('solo', [{ id: 'screen' }]);
    state = run(state, cmd('round:end', { round: 0 }), as('candidate'), T0);
    expect(project(state, 'candidate', T0, content).rounds[0]!.question.signals).toBeUndefined();
    state = run(state, scoreCmd(0, 'screen', 3), as('candidate'), T0);
    expect(
      project(state, 'candidate', T0, content).rounds[0]!.question.signals?.length,
    ).toBeGreaterThan(0);
  });

  it('gives the debrief once the loop has ended, with the deciding clause', () => {
    let { state } = newLoop('solo', [{ id: 'screen' }, { id: 'bar-raiser' }]);
    const me = as('candidate');
    for (const [round, id, vote] of [
      [0, 'screen', 4],
      [1, 'bar-raiser', 2],
    ] as const) {
      state = run(state, cmd('round:end', { round }), me, T0);
      state = run(
        state,
        cmd('score:submit', {
          round,
          card: { ratings: ratingsFor(id, vote), vote, justification: '' },
        }),
        me,
        T0,
      );
      expect(project(state, 'candidate', T0, content).debrief).toBeNull();
      state = run(state, cmd('round:next', { round }), me, T0);
    }
    expect(project(state, 'candidate', T0, content).debrief).toMatchObject({
      outcome: 'no-hire',
      clause: 'bar-raiser-veto',
    });
  });
});
