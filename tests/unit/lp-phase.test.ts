/**
 * The Leadership Principle phase that opens each technical round, in the pure domain:
 * commands in, events and projections out.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/src/loop/decide';
import type { LoopEvent, RoundPlan } from '../../shared/src/loop/events';
import { planLoop } from '../../shared/src/loop/plan';
import { project } from '../../shared/src/loop/project';
import { reduce, replay, upgradeState } from '../../shared/src/loop/reduce';
import type { LoopState } from '../../shared/src/loop/state';
import { LP_DIMENSION_ID, LP_PHASE_ID, lpBank } from '../../shared/src/leadership';
import { lpCoverage } from '../../shared/src/review/lp-coverage';
import { MINUTE_MS } from '../../shared/src/timer';
import { content, ratingsFor, SIX_ROUNDS } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

const TECHNICAL = ['coding', 'ml-depth', 'system-design'];

/** A seeded generator, so a failing draw can be reproduced. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const lpQuestionOf = (state: LoopState, round = 0) => {
  const lp = state.rounds[round]!.lp!;
  return content.question(lp.roundId, lp.questionId)!;
};

describe('planning the Leadership Principle phase', () => {
  it('gives each technical round of a full loop a story question on a principle it owns', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const plan = planLoop({ mode: 'solo' }, content, 'x', T0, seeded(seed));
      if (!plan.ok) throw new Error(plan.error.message);
      const rounds = plan.event.rounds;
      expect(rounds.map((r) => r.roundId)).toEqual(SIX_ROUNDS);
      const used = new Set<string>();
      for (const round of rounds) {
        if (!TECHNICAL.includes(round.roundId)) {
          expect(round.lpQuestion, round.roundId).toBeUndefined();
          continue;
        }
        const owned = content.round(round.roundId)!.leadershipPrinciples;
        const ref = round.lpQuestion!;
        expect(['behavioral', 'bar-raiser']).toContain(ref.roundId);
        const question = content.question(ref.roundId, ref.questionId)!;
        expect(question.leadershipPrinciples.some((p) => owned.includes(p))).toBe(true);
        expect(used.has(ref.questionId), `seed ${seed}: ${ref.questionId} twice`).toBe(false);
        used.add(ref.questionId);
        expect(round.phases[0]).toMatchObject({ id: LP_PHASE_ID, minutes: 10 });
      }
      // The behavioral and bar-raiser rounds never ask a story already asked in the loop.
      for (const round of rounds.filter((r) => !TECHNICAL.includes(r.roundId)))
        expect(used.has(round.questionId)).toBe(false);
    }
  });

  it('owns two or three principles per technical round, distinct across the three', () => {
    const owned = TECHNICAL.map((id) => content.round(id)!.leadershipPrinciples);
    for (const list of owned) expect(list.length).toBeGreaterThanOrEqual(2);
    for (const list of owned) expect(list.length).toBeLessThanOrEqual(3);
    const all = owned.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const id of TECHNICAL) {
      const round = content.round(id)!;
      const phase = round.phases.find((p) => p.id === LP_PHASE_ID)!;
      expect(phase.minutes).toBeGreaterThanOrEqual(10);
      expect(phase.minutes).toBeLessThanOrEqual(15);
      expect(round.phases[0]!.id).toBe(LP_PHASE_ID);
      expect(round.rubric.map((d) => d.id)).toContain(LP_DIMENSION_ID);
      expect(round.phases.reduce((sum, p) => sum + p.minutes, 0)).toBe(round.minutes);
    }
  });

  it('spreads the draws over every principle a round owns', () => {
    const seen = new Map(TECHNICAL.map((id) => [id, new Set<string>()]));
    for (let seed = 1; seed <= 200; seed++) {
      const plan = planLoop({ mode: 'solo', template: 'onsite' }, content, 'x', T0, seeded(seed));
      if (!plan.ok) throw new Error(plan.error.message);
      for (const round of plan.event.rounds.filter((r) => r.lpQuestion)) {
        const owned = content.round(round.roundId)!.leadershipPrinciples;
        const { roundId, questionId } = round.lpQuestion!;
        for (const p of content.question(roundId, questionId)!.leadershipPrinciples)
          if (owned.includes(p)) seen.get(round.roundId)!.add(p);
      }
    }
    for (const id of TECHNICAL)
      expect([...seen.get(id)!].sort()).toEqual(
        [...content.round(id)!.leadershipPrinciples].sort(),
      );
  });

  it('prefers story questions not practised recently', () => {
    const owned = content.round('coding')!.leadershipPrinciples;
    const bank = lpBank(content.catalog, owned).map((c) => c.questionId);
    const keep = bank.at(-1)!;
    for (let seed = 1; seed <= 10; seed++) {
      const plan = planLoop(
        {
          mode: 'solo',
          rounds: [{ id: 'coding' }],
          recentQuestionIds: bank.filter((id) => id !== keep),
        },
        content,
        'x',
        T0,
        seeded(seed),
      );
      if (!plan.ok) throw new Error(plan.error.message);
      expect(plan.event.rounds[0]!.lpQuestion!.questionId).toBe(keep);
    }
  });
});

/** A paired ML-depth round, started: its first phase is the Leadership Principle phase. */
function pairedTechnicalRound() {
  const created = newLoop('paired', [{ id: 'ml-depth' }]);
  const log = created.log;
  const state = run(created.state, cmd('round:start', { round: 0 }), as('interviewer'), T0, log);
  return { state, log };
}

describe('asking the Leadership Principle question', () => {
  it('shows the candidate the prompt, and only what the interviewer pushed or revealed', () => {
    let { state } = pairedTechnicalRound();
    const question = lpQuestionOf(state);
    const candidate = () => project(state, 'candidate', T0, content).rounds[0]!;
    expect(candidate().lp!.phase).toBe(0);
    expect(candidate().lp!.question.prompt).toBe(question.prompt);
    expect(candidate().lp!.question.followUps).toEqual([]);
    expect(candidate().lp!.question.hints).toEqual([]);
    const hidden = [
      ...question.signals,
      ...question.redFlags,
      ...question.hints,
      ...question.followUps.map((f) => f.text),
    ];
    for (const text of hidden) expect(JSON.stringify(candidate())).not.toContain(text);

    const interviewer = project(state, 'interviewer', T0, content).rounds[0]!.lp!;
    expect(interviewer.question.signals).toEqual(question.signals);
    expect(interviewer.question.redFlags).toEqual(question.redFlags);
    expect(interviewer.question.hints.map((h) => h.text)).toEqual(question.hints);
    expect(interviewer.principles).toEqual(content.round('ml-depth')!.leadershipPrinciples);

    const at = T0 + MINUTE_MS;
    state = run(
      state,
      cmd('followup:push', { round: 0, index: 1, part: 'lp' }),
      as('interviewer'),
      at,
    );
    state = run(
      state,
      cmd('hint:reveal', { round: 0, index: 0, part: 'lp' }),
      as('interviewer'),
      at,
    );
    const seen = candidate();
    expect(seen.lp!.question.followUps).toEqual([
      { index: 1, ...question.followUps[1]!, pushedAt: at },
    ]);
    expect(seen.lp!.question.hints).toEqual([
      { index: 0, text: question.hints[0], revealedAt: at },
    ]);
    // The round's own question is untouched.
    expect(seen.question.followUps).toEqual([]);
    expect(seen.question.hints).toEqual([]);
    expect(state.rounds[0]!.followUpsPushed).toEqual([]);
    for (const text of [
      ...question.signals,
      ...question.redFlags,
      ...question.hints.slice(1),
      question.followUps[0]!.text,
    ])
      expect(JSON.stringify(seen)).not.toContain(text);
  });

  it('pushes follow-ups once, reveals hints in ladder order, only the interviewer', () => {
    const { state } = pairedTechnicalRound();
    const question = lpQuestionOf(state);
    const push = cmd('followup:push', { round: 0, index: 0, part: 'lp' });
    expect(decide(state, push, as('candidate'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const once = run(state, push, as('interviewer'), T0);
    expect(decide(once, push, as('interviewer'), T0, content)).toEqual({ ok: true, events: [] });
    const beyond = cmd('followup:push', { round: 0, index: question.followUps.length, part: 'lp' });
    expect(decide(state, beyond, as('interviewer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const skip = cmd('hint:reveal', { round: 0, index: 1, part: 'lp' });
    expect(decide(state, skip, as('interviewer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('ticks its signals apart from the round question', () => {
    let { state } = pairedTechnicalRound();
    state = run(
      state,
      cmd('signal:tick', { round: 0, index: 1, checked: true, part: 'lp' }),
      as('interviewer'),
      T0,
    );
    expect(state.rounds[0]!.lp!.signalsTicked).toEqual([1]);
    expect(state.rounds[0]!.signalsTicked).toEqual([]);
    expect(
      project(state, 'interviewer', T0, content).rounds[0]!.lp!.question.signalsTicked,
    ).toEqual([1]);
    expect(project(state, 'candidate', T0, content).rounds[0]!.lp!.question.signalsTicked).toBe(
      undefined,
    );
  });

  it('shows the solo candidate the whole kit only once they have scored themself', () => {
    let { state } = newLoop('solo', [{ id: 'coding' }]);
    const me = as('candidate');
    state = run(state, cmd('round:start', { round: 0 }), me, T0);
    expect(
      project(state, 'candidate', T0, content).rounds[0]!.lp!.question.signals,
    ).toBeUndefined();
    expect(
      decide(
        state,
        cmd('signal:tick', { round: 0, index: 0, checked: true, part: 'lp' }),
        me,
        T0,
        content,
      ),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    state = run(state, cmd('round:end', { round: 0 }), me, T0);
    state = run(
      state,
      cmd('score:submit', {
        round: 0,
        card: { ratings: ratingsFor('coding', 3), vote: 3, justification: '' },
      }),
      me,
      T0,
    );
    const lp = project(state, 'candidate', T0, content).rounds[0]!.lp!;
    expect(lp.question.signals).toEqual(lpQuestionOf(state).signals);
    expect(lp.question.redFlags).toEqual(lpQuestionOf(state).redFlags);
  });

  it('needs a rating of the Leadership Principle dimension to score a technical round', () => {
    let { state } = pairedTechnicalRound();
    state = run(state, cmd('round:end', { round: 0 }), as('interviewer'), T0);
    const { [LP_DIMENSION_ID]: _lp, ...others } = ratingsFor('ml-depth', 3);
    const decision = decide(
      state,
      cmd('score:submit', { round: 0, card: { ratings: others, vote: 3, justification: '' } }),
      as('interviewer'),
      T0,
      content,
    );
    expect(decision).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: `missing ratings for ${LP_DIMENSION_ID}` },
    });
  });

  it('refuses a command about a principle question in a round that has none', () => {
    let { state } = newLoop('paired', [{ id: 'screen' }]);
    state = run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
    expect(state.rounds[0]!.lp).toBeNull();
    expect(project(state, 'interviewer', T0, content).rounds[0]!.lp).toBeNull();
    for (const command of [
      cmd('followup:push', { round: 0, index: 0, part: 'lp' }),
      cmd('hint:reveal', { round: 0, index: 0, part: 'lp' }),
      cmd('signal:tick', { round: 0, index: 0, checked: true, part: 'lp' }),
      cmd('question:change', { round: 0, part: 'lp' }),
    ])
      expect(decide(state, command, as('interviewer'), T0, content)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
  });
});

describe('changing the Leadership Principle question', () => {
  it('draws another question on the round’s principles, never one asked elsewhere in the loop', () => {
    const owned = content.round('system-design')!.leadershipPrinciples;
    for (let seed = 1; seed <= 30; seed++) {
      const plan = planLoop({ mode: 'paired' }, content, 'x', T0, seeded(seed));
      if (!plan.ok) throw new Error(plan.error.message);
      let state = replay([plan.event]);
      const index = state.rounds.findIndex((r) => r.roundId === 'system-design');
      state = { ...state, current: index };
      const before = state.rounds[index]!.lp!;
      const elsewhere = state.rounds.flatMap((r, i) =>
        i === index ? [] : [r.questionId, ...(r.lp ? [r.lp.questionId] : [])],
      );
      const decision = decide(
        state,
        cmd('question:change', { round: index, part: 'lp' }),
        as('interviewer'),
        T0,
        content,
        seeded(seed + 1000),
      );
      if (!decision.ok) throw new Error(decision.error.message);
      const [event] = decision.events as Extract<LoopEvent, { type: 'lp-question.changed' }>[];
      expect(event!.type).toBe('lp-question.changed');
      expect(event!.questionId).not.toBe(before.questionId);
      expect(elsewhere).not.toContain(event!.questionId);
      const drawn = content.question(event!.roundId, event!.questionId)!;
      expect(drawn.leadershipPrinciples.some((p) => owned.includes(p))).toBe(true);
    }
  });

  it('takes a chosen question, resets its ladder, and stops once its phase is over', () => {
    let { state, log } = pairedTechnicalRound();
    const ownQuestion = state.rounds[0]!.questionId;
    state = run(
      state,
      cmd('hint:reveal', { round: 0, index: 0, part: 'lp' }),
      as('interviewer'),
      T0,
      log,
    );
    state = run(
      state,
      cmd('followup:push', { round: 0, index: 0, part: 'lp' }),
      as('interviewer'),
      T0,
      log,
    );
    const owned = content.round('ml-depth')!.leadershipPrinciples;
    const other = lpBank(content.catalog, owned).find(
      (c) => c.questionId !== state.rounds[0]!.lp!.questionId,
    )!;
    state = run(
      state,
      cmd('question:change', { round: 0, questionId: other.questionId, part: 'lp' }),
      as('interviewer'),
      T0,
      log,
    );
    expect(state.rounds[0]!.lp).toEqual({
      roundId: other.roundId,
      questionId: other.questionId,
      hintsRevealed: [],
      followUpsPushed: [],
      signalsTicked: [],
    });
    // The round's own question stays as it was.
    expect(state.rounds[0]!.questionId).toBe(ownQuestion);

    const unknown = cmd('question:change', { round: 0, questionId: 'mld-ml-types', part: 'lp' });
    expect(decide(state, unknown, as('interviewer'), T0, content)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(
      decide(state, cmd('question:change', { round: 0, part: 'lp' }), as('candidate'), T0, content),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    state = run(state, cmd('phase:next', { round: 0 }), as('interviewer'), T0 + MINUTE_MS, log);
    expect(
      decide(
        state,
        cmd('question:change', { round: 0, part: 'lp' }),
        as('interviewer'),
        T0,
        content,
      ),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(replay(log)).toEqual(state);
  });

  it('never re-draws a behavioral question already asked as a technical round’s story', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const plan = planLoop({ mode: 'paired' }, content, 'x', T0, seeded(seed));
      if (!plan.ok) throw new Error(plan.error.message);
      let state = replay([plan.event]);
      const index = state.rounds.findIndex((r) => r.roundId === 'behavioral');
      state = { ...state, current: index };
      const stories = state.rounds.flatMap((r) => (r.lp ? [r.lp.questionId] : []));
      const decision = decide(
        state,
        cmd('question:change', { round: index }),
        as('interviewer'),
        T0,
        content,
        seeded(seed + 500),
      );
      if (!decision.ok) throw new Error(decision.error.message);
      const [event] = decision.events as Extract<LoopEvent, { type: 'question.changed' }>[];
      expect(stories).not.toContain(event!.questionId);
    }
  });
});

describe('stored loops', () => {
  /** A loop.created event as the app wrote it before technical rounds opened with a story. */
  function oldCreated(): Extract<LoopEvent, { type: 'loop.created' }> {
    const plan: RoundPlan = {
      roundId: 'coding',
      questionId: content.round('coding')!.questions[0]!.id,
      minutes: 45,
      phases: [
        { id: 'clarify', title: 'Clarify the problem', minutes: 5 },
        { id: 'approach', title: 'Agree on an approach', minutes: 5 },
        { id: 'implement', title: 'Implement', minutes: 25 },
        { id: 'test', title: 'Test and fix', minutes: 7 },
        { id: 'wrap-up', title: 'Complexity and follow-ups', minutes: 3 },
      ],
    };
    return {
      type: 'loop.created',
      at: T0,
      id: 'old',
      mode: 'paired',
      templateId: null,
      rounds: [plan],
    };
  }

  it('replays a log written before the Leadership Principle phase existed', () => {
    const log: LoopEvent[] = [
      oldCreated(),
      {
        type: 'round.started',
        at: T0,
        round: 0,
        clock: { kind: 'running', phase: 0, phaseEndsAt: T0 + 5 * MINUTE_MS },
      },
      { type: 'hint.revealed', at: T0 + 1, round: 0, index: 0 },
      { type: 'round.ended', at: T0 + 2, round: 0, reason: 'ended-early' },
    ];
    const state = replay(log);
    expect(state.rounds[0]!.lp).toBeNull();
    expect(state.rounds[0]!.phases.map((p) => p.id)).not.toContain(LP_PHASE_ID);
    expect(state.version).toBe(4);
    const view = project(state, 'interviewer', T0, content);
    expect(view.rounds[0]!.lp).toBeNull();
    expect(view.rounds[0]!.question.hints.filter((h) => h.revealedAt !== null)).toHaveLength(1);
    // A principle command on such a round is refused, not applied to nothing.
    expect(
      decide(
        state,
        cmd('hint:reveal', { round: 0, index: 0, part: 'lp' }),
        as('interviewer'),
        T0,
        content,
      ),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('upgrades a snapshot stored without the field and keeps replaying on top of it', () => {
    const state = replay([oldCreated()]);
    // What an earlier version of the app stored: rounds without `lp`.
    const stored = JSON.parse(
      JSON.stringify({
        ...state,
        rounds: state.rounds.map(({ lp: _lp, ...round }) => round),
      }),
    ) as LoopState;
    expect('lp' in stored.rounds[0]!).toBe(false);
    const upgraded = upgradeState(stored);
    expect(upgraded).toEqual(state);
    const next = reduce(upgraded, {
      type: 'round.started',
      at: T0,
      round: 0,
      clock: { kind: 'running', phase: 0, phaseEndsAt: T0 + 5 * MINUTE_MS },
    });
    expect(project(next, 'candidate', T0, content).rounds[0]!.lp).toBeNull();
  });
});

describe('Leadership Principle coverage with the opening phase', () => {
  it('counts the principles of each technical round’s story question', () => {
    const principles = content.catalog.principles.map(({ id, name }) => ({ id, name }));
    const coverage = lpCoverage(
      [
        {
          index: 0,
          title: 'Coding',
          ran: true,
          questionPrinciples: [],
          lpPrinciples: ['bias-for-action', 'deliver-results'],
          starPrinciples: [],
        },
        {
          index: 1,
          title: 'Behavioral',
          ran: true,
          questionPrinciples: ['deliver-results'],
          starPrinciples: [],
        },
      ],
      principles,
    );
    const of = (id: string) => coverage.find((c) => c.id === id)!.sources;
    expect(of('bias-for-action')).toEqual([{ round: 0, title: 'Coding', via: 'lp-question' }]);
    expect(of('deliver-results')).toEqual([
      { round: 0, title: 'Coding', via: 'lp-question' },
      { round: 1, title: 'Behavioral', via: 'question' },
    ]);
  });
});
