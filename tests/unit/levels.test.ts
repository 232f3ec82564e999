/**
 * Target levels, question families and the online assessment in the pure loop domain:
 * what planning and "draw another question" may draw, and old loops loading as L5.
 */
import { describe, expect, it } from 'vitest';
import { indexCatalog, type CatalogIndex } from '../../shared/src/catalog-index';
import type { Catalog, Question, RoundDefinition } from '../../shared/src/content';
import { drawQuestion, questionsForLevel } from '../../shared/src/draw';
import type { QuestionFamily, TargetLevel } from '../../shared/src/levels';
import { decide } from '../../shared/src/loop/decide';
import type { LoopEvent } from '../../shared/src/loop/events';
import { planLoop } from '../../shared/src/loop/plan';
import { project } from '../../shared/src/loop/project';
import { replay, upgradeState } from '../../shared/src/loop/reduce';
import type { LoopState } from '../../shared/src/loop/state';
import { content } from '../helpers/content';
import { as, cmd, T0 } from '../helpers/domain';

/** A deterministic source of randomness for repeatable draws. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function question(id: string, levels: TargetLevel[], family?: QuestionFamily): Question {
  return {
    id,
    prompt: `Question ${id}`,
    difficulty: 'medium',
    ...(family ? { family } : {}),
    levels,
    topics: ['synthetic'],
    minutes: 20,
    followUps: [{ text: 'And now?', constraintChange: true }],
    hints: ['Start small.'],
    signals: ['States assumptions.'],
    redFlags: ['Guesses.'],
    leadershipPrinciples: [],
  };
}

function round(id: string, questions: Question[], extra: Partial<RoundDefinition> = {}) {
  return {
    id,
    title: id,
    tests: 'Synthetic round.',
    minutes: 30,
    phases: [
      { id: 'all', title: 'All', minutes: 30, guidance: 'Do it.', candidateGuidance: 'Answer it.' },
    ],
    workspace: 'notes',
    leadershipPrinciples: [],
    rubric: [],
    questions,
    ...extra,
  } satisfies RoundDefinition;
}

/**
 * A small bank: `coding` holds algorithm questions at each level and two SQL ones (L4–L5
 * only); `senior` holds L6 questions only; `oa` draws the algorithm questions of `coding`.
 */
function syntheticContent(): CatalogIndex {
  const coding = [
    question('l4-only', ['L4']),
    question('l4-l5', ['L4', 'L5']),
    question('l5-only', ['L5']),
    question('l5-l6', ['L5', 'L6']),
    question('l6-only', ['L6']),
    question('sql-a', ['L4', 'L5'], 'sql'),
    question('sql-b', ['L4', 'L5'], 'sql'),
  ];
  const catalog: Catalog = {
    principles: [],
    templates: [
      {
        id: 'oa',
        title: 'OA',
        description: 'Two problems.',
        rounds: ['oa', 'oa'],
        drill: false,
        solo: true,
      },
    ],
    rounds: [
      round('coding', coding),
      round('senior', [question('s1', ['L6']), question('s2', ['L6'])]),
      round(
        'oa',
        coding.filter((q) => !q.family),
        {
          drawsFrom: { round: 'coding', family: 'coding' },
        },
      ),
    ],
  };
  return indexCatalog(catalog);
}

const ids = (qs: readonly Question[]) => qs.map((q) => q.id);

describe('questions for a level', () => {
  const bank = syntheticContent().round('coding')!.questions;

  it('keeps the questions whose levels include the target', () => {
    expect(ids(questionsForLevel(bank, 'L4'))).toEqual(['l4-only', 'l4-l5', 'sql-a', 'sql-b']);
    expect(ids(questionsForLevel(bank, 'L5'))).toEqual([
      'l4-l5',
      'l5-only',
      'l5-l6',
      'sql-a',
      'sql-b',
    ]);
    expect(ids(questionsForLevel(bank, 'L6'))).toEqual(['l5-l6', 'l6-only']);
  });

  it('falls back to the nearest level that has questions, the higher one on a tie', () => {
    const [l4, l5, l6] = [question('a', ['L4']), question('b', ['L5']), question('c', ['L6'])];
    // L5 has none: L4 and L6 are as near, and the higher wins.
    expect(ids(questionsForLevel([l4, l6], 'L5'))).toEqual(['c']);
    expect(ids(questionsForLevel([l4], 'L5'))).toEqual(['a']);
    // L6 has none: L5 is nearer than L4.
    expect(ids(questionsForLevel([l4, l5], 'L6'))).toEqual(['b']);
    expect(ids(questionsForLevel([l4], 'L6'))).toEqual(['a']);
    // L4 has none: L5 before L6.
    expect(ids(questionsForLevel([l5, l6], 'L4'))).toEqual(['b']);
    expect(ids(questionsForLevel([l6], 'L4'))).toEqual(['c']);
    expect(questionsForLevel([], 'L5')).toEqual([]);
  });

  it('draws a question of the level even when every one of them was practised recently', () => {
    const avoid = new Set(['l5-l6', 'l6-only']);
    for (const seed of SEEDS) {
      const drawn = drawQuestion(bank, { avoid, level: 'L6' }, seeded(seed))!;
      expect(drawn.levels).toContain('L6');
    }
  });

  it('never draws an excluded question, even when nothing else is fresh', () => {
    const pair = [question('x', ['L5']), question('y', ['L5'])];
    for (const seed of SEEDS)
      expect(
        drawQuestion(pair, { avoid: new Set(['y']), exclude: new Set(['x']) }, seeded(seed))?.id,
      ).toBe('y');
    expect(drawQuestion(pair, { avoid: new Set(), exclude: new Set(['x', 'y']) }, seeded(1))).toBe(
      undefined,
    );
  });
});

describe('planning a loop at a level', () => {
  const synthetic = syntheticContent();
  const plan = (request: Parameters<typeof planLoop>[0], random: () => number, c = synthetic) => {
    const result = planLoop(request, c, 'loop1', T0, random);
    if (!result.ok) throw new Error(result.error.message);
    return result.event;
  };

  it('records the target level, L5 unless asked', () => {
    expect(plan({ mode: 'solo', rounds: [{ id: 'coding' }] }, seeded(1)).targetLevel).toBe('L5');
    expect(
      plan({ mode: 'solo', rounds: [{ id: 'coding' }], targetLevel: 'L6' }, seeded(1)).targetLevel,
    ).toBe('L6');
    expect(
      replay([plan({ mode: 'solo', rounds: [{ id: 'coding' }], targetLevel: 'L4' }, seeded(1))])
        .targetLevel,
    ).toBe('L4');
  });

  it('draws only questions that suit the target level', () => {
    for (const level of ['L4', 'L5', 'L6'] as const)
      for (const seed of SEEDS) {
        const event = plan(
          { mode: 'solo', rounds: [{ id: 'coding' }], targetLevel: level },
          seeded(seed),
        );
        expect(synthetic.question('coding', event.rounds[0]!.questionId)!.levels).toContain(level);
      }
  });

  it('falls back to the nearest level when a round has no question at the target', () => {
    for (const seed of SEEDS) {
      const event = plan(
        { mode: 'solo', rounds: [{ id: 'senior' }], targetLevel: 'L4' },
        seeded(seed),
      );
      expect(['s1', 's2']).toContain(event.rounds[0]!.questionId);
    }
    // SQL has L4 and L5 questions only: an L6 loop gets L5 ones.
    for (const seed of SEEDS) {
      const event = plan(
        { mode: 'solo', rounds: [{ id: 'coding', family: 'sql' }], targetLevel: 'L6' },
        seeded(seed),
      );
      expect(['sql-a', 'sql-b']).toContain(event.rounds[0]!.questionId);
    }
  });

  it('draws from the family asked for, keeps it on the round, and refuses one the bank lacks', () => {
    for (const seed of SEEDS) {
      const event = plan({ mode: 'solo', rounds: [{ id: 'coding', family: 'sql' }] }, seeded(seed));
      expect(event.rounds[0]).toMatchObject({ family: 'sql' });
      expect(['sql-a', 'sql-b']).toContain(event.rounds[0]!.questionId);
    }
    const without = plan({ mode: 'solo', rounds: [{ id: 'coding' }] }, seeded(1));
    expect(without.rounds[0]).not.toHaveProperty('family');
    expect(
      planLoop(
        { mode: 'solo', rounds: [{ id: 'coding', family: 'genai' }] },
        synthetic,
        'x',
        T0,
        seeded(1),
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: 'rounds[0].family: round "coding" has no Generative AI and LLMs questions',
      },
    });
  });

  it('gives two rounds that share a bank two different questions, even when all were seen', () => {
    const everything = ids(synthetic.round('oa')!.questions);
    for (const seed of SEEDS) {
      const event = plan(
        { mode: 'solo', template: 'oa', recentQuestionIds: everything },
        seeded(seed),
      );
      const [first, second] = event.rounds.map((r) => r.questionId);
      expect(first).not.toBe(second);
      for (const id of [first, second])
        expect(synthetic.question('oa', id!)!.levels).toContain('L5');
    }
    // The senior bank has two questions: a third round cannot get a different one.
    expect(
      planLoop(
        { mode: 'solo', rounds: [{ id: 'senior' }, { id: 'senior' }, { id: 'senior' }] },
        synthetic,
        'x',
        T0,
        seeded(1),
      ),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too few questions/) } });
  });

  it('refuses a paired loop of a template practised alone', () => {
    expect(planLoop({ mode: 'paired', template: 'oa' }, synthetic, 'x', T0, seeded(1))).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: 'the "oa" template is practised alone: use mode "solo"',
      },
    });
  });
});

describe('drawing another question at the loop level', () => {
  const synthetic = syntheticContent();
  const stateFor = (request: Parameters<typeof planLoop>[0], seed = 1): LoopState => {
    const result = planLoop(request, synthetic, 'loop1', T0, seeded(seed));
    if (!result.ok) throw new Error(result.error.message);
    return replay([result.event]);
  };
  const redraw = (state: LoopState, round: number, seed: number, extra: object = {}) => {
    const decision = decide(
      state,
      cmd('question:change', { round, ...extra }),
      as('candidate'),
      T0,
      synthetic,
      seeded(seed),
    );
    if (!decision.ok) return decision.error;
    return (decision.events[0] as Extract<LoopEvent, { type: 'question.changed' }>).questionId;
  };

  it('keeps to the level and to the family the loop asked for', () => {
    const l6 = stateFor({ mode: 'solo', rounds: [{ id: 'coding' }], targetLevel: 'L6' });
    for (const seed of SEEDS) {
      const drawn = redraw(l6, 0, seed);
      expect(['l5-l6', 'l6-only']).toContain(drawn);
      expect(drawn).not.toBe(l6.rounds[0]!.questionId);
    }
    const sql = stateFor({ mode: 'solo', rounds: [{ id: 'coding', family: 'sql' }] });
    for (const seed of SEEDS) {
      const drawn = redraw(sql, 0, seed);
      expect(['sql-a', 'sql-b']).toContain(drawn);
      expect(drawn).not.toBe(sql.rounds[0]!.questionId);
    }
  });

  it('never gives one round the question another round of the loop asks from the same bank', () => {
    for (const seed of SEEDS) {
      const state = stateFor({ mode: 'solo', template: 'oa' }, seed);
      const [first, second] = state.rounds.map((r) => r.questionId);
      const drawn = redraw(state, 0, seed);
      expect(drawn).not.toBe(first);
      expect(drawn).not.toBe(second);
      expect(redraw(state, 0, seed, { questionId: second })).toEqual({
        code: 'conflict',
        message: 'another round of this loop already asks that question',
      });
    }
  });
});

describe('loops stored before levels', () => {
  it('replays an old event log without a target level as an L5 loop', () => {
    const created = planLoop(
      { mode: 'solo', rounds: [{ id: 'screen' }] },
      content,
      'old',
      T0,
      seeded(3),
    );
    if (!created.ok) throw new Error(created.error.message);
    const { targetLevel: _dropped, ...old } = created.event;
    const log: LoopEvent[] = [
      old,
      { type: 'notes.updated', at: T0 + 1, round: 0, text: 'written before levels' },
    ];
    const state = replay(log);
    expect(state).toMatchObject({ targetLevel: 'L5', version: 2 });
    expect(state.rounds[0]!.notes).toBe('written before levels');
    expect(project(state, 'candidate', T0 + 2, content).targetLevel).toBe('L5');
  });

  it('upgrades an old snapshot without a target level to L5, and keeps a stored one', () => {
    const created = planLoop(
      { mode: 'solo', rounds: [{ id: 'screen' }], targetLevel: 'L6' },
      content,
      'old',
      T0,
      seeded(3),
    );
    if (!created.ok) throw new Error(created.error.message);
    const current = replay([created.event]);
    const { targetLevel: _dropped, ...snapshot } = current;
    expect(upgradeState(snapshot as LoopState).targetLevel).toBe('L5');
    expect(upgradeState(current).targetLevel).toBe('L6');
  });
});

describe('the shipped online assessment', () => {
  it('plans two different algorithm problems of 45 minutes each, solo only', () => {
    const codingBank = content.round('coding')!;
    for (const seed of SEEDS) {
      const result = planLoop(
        { mode: 'solo', template: 'online-assessment' },
        content,
        'oa',
        T0,
        seeded(seed),
      );
      if (!result.ok) throw new Error(result.error.message);
      const [first, second] = result.event.rounds;
      expect(result.event.templateId).toBe('online-assessment');
      expect([first!.roundId, second!.roundId]).toEqual(['online-assessment', 'online-assessment']);
      expect(first!.questionId).not.toBe(second!.questionId);
      expect(first!.minutes + second!.minutes).toBe(90);
      for (const r of [first!, second!]) {
        const q = content.question('online-assessment', r.questionId)!;
        expect(codingBank.questions).toContain(q);
        expect(q.family ?? 'coding').toBe('coding');
        expect(q.coding).toBeDefined();
      }
    }
    expect(
      planLoop({ mode: 'paired', template: 'online-assessment' }, content, 'oa', T0, seeded(1)).ok,
    ).toBe(false);
  });
});
