import { describe, expect, it } from 'vitest';
import type { Catalog, Question, RoundDefinition } from '../../shared/src/content';
import type { Difficulty, QuestionFamily } from '../../shared/src/levels';
import {
  checkCoverage,
  countFamilies,
  formatCoverage,
  readCoverage,
} from '../../rounds/src/coverage';
import { DEFAULT_CONTENT_DIR } from '../../rounds/src/load';
import { catalog } from '../helpers/content';

const requirements = readCoverage(DEFAULT_CONTENT_DIR);
const clone = (): Catalog => structuredClone(catalog);

describe('content coverage check on the shipped bank', () => {
  it('finds no gap in the shipped question bank', () => {
    const report = checkCoverage(catalog, requirements);
    expect(report.gaps).toEqual([]);
    expect(report.difficulty.every((r) => r.total >= 12)).toBe(true);
    expect(report.principles).toHaveLength(16);
    expect(report.principles.every((p) => p.questions.length >= 5)).toBe(true);
  });

  it('reports a brief topic that no question practises', () => {
    const broken = clone();
    for (const q of broken.rounds.find((r) => r.id === 'coding')!.questions) {
      q.topics = q.topics.filter((t) => t !== 'topological-sort');
    }
    expect(checkCoverage(broken, requirements).gaps).toContain(
      'coding: nothing practises "Graphs: topological sort, dependencies"',
    );
  });

  it('reports a Leadership Principle targeted by fewer than five questions', () => {
    const broken = clone();
    const story = broken.rounds.filter((r) => r.id === 'behavioral' || r.id === 'bar-raiser');
    const targeting = story
      .flatMap((r) => r.questions)
      .filter((q) => q.leadershipPrinciples.includes('frugality'));
    for (const q of targeting.slice(4))
      q.leadershipPrinciples = q.leadershipPrinciples.filter((lp) => lp !== 'frugality');
    expect(checkCoverage(broken, requirements).gaps.join('\n')).toMatch(
      /"Frugality": 4 questions, needs 5/,
    );
  });

  it('reports thin rounds, missing constraint changes and coding questions short of test cases', () => {
    const broken = clone();
    const coding = broken.rounds.find((r) => r.id === 'coding')!;
    coding.questions = coding.questions.slice(0, 11);
    coding.questions[0]!.followUps = coding.questions[0]!.followUps.map((f) => ({
      ...f,
      constraintChange: false,
    }));
    coding.questions[1]!.coding!.tests = coding.questions[1]!.coding!.tests.slice(0, 7);
    const gaps = checkCoverage(broken, requirements).gaps.join('\n');
    expect(gaps).toMatch(/coding: 11 questions, needs 12/);
    expect(gaps).toMatch(/no follow-up changes the constraints/);
    expect(gaps).toMatch(/7 test cases, needs 8/);
  });
});

// ---------------------------------------------------------------------------------------
// Small synthetic catalogs: a bank exactly at every minimum, then one thing taken away.

const PRINCIPLES = ['ownership', 'frugality', 'dive-deep', 'earn-trust', 'think-big'];
let serial = 0;

function question(family: QuestionFamily | undefined, difficulty: Difficulty): Question {
  const id = `q-${++serial}`;
  return {
    id,
    prompt: `Question ${id}`,
    difficulty,
    ...(family ? { family } : {}),
    levels: ['L4', 'L5', 'L6'],
    topics: ['synthetic'],
    minutes: 20,
    followUps: [
      { text: 'Now the input is ten times larger.', constraintChange: true },
      { text: 'What would you test first?', constraintChange: false },
    ],
    hints: ['Start small.'],
    signals: ['States assumptions.'],
    redFlags: ['Guesses.'],
    leadershipPrinciples: [],
  };
}

/** `count` questions of a family: `hard` of them hard, two easy, the rest medium. */
function questions(count: number, family?: QuestionFamily, hard = 2): Question[] {
  return Array.from({ length: count }, (_, i) =>
    question(family, i < hard ? 'hard' : i < hard + 2 ? 'easy' : 'medium'),
  );
}

function withCodingSpec(q: Question, tests = 8): Question {
  return {
    ...q,
    coding: {
      signature: { name: 'solve', params: [{ name: 'n', type: 'int' }], returns: 'int' },
      examples: [{ input: 'n = 1', output: '1' }],
      tests: Array.from({ length: tests }, (_, i) => ({
        input: [i],
        expected: i,
        compare: 'exact' as const,
      })),
      solutions: { python: 'def solve(n):\n    return n', javascript: 'const solve = (n) => n;' },
    },
  };
}

function round(id: string, bank: Question[]): RoundDefinition {
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
    rubric: ['a', 'b', 'c', 'd'].map((d) => ({
      id: d,
      title: d,
      description: d,
      levels: { '1': 'one', '2': 'two', '3': 'three', '4': 'four' },
    })),
    questions: bank,
  };
}

/** Story questions: `perPrinciple` for each principle, split over two rounds. */
function stories(perPrinciple: number): [Question[], Question[]] {
  const all = PRINCIPLES.flatMap((lp) =>
    questions(perPrinciple, undefined, 2).map((q) => ({ ...q, leadershipPrinciples: [lp] })),
  );
  const half = Math.ceil(all.length / 2);
  return [all.slice(0, half), all.slice(half)];
}

/** A catalog exactly at every minimum of the content standard. */
function minimalCatalog(): Catalog {
  const [behavioral, barRaiser] = stories(5);
  return {
    principles: PRINCIPLES.map((id) => ({ id, name: id, summary: id })),
    templates: [],
    rounds: [
      round('screen', questions(12)),
      round('coding', [
        ...questions(24, undefined, 5).map((q) => withCodingSpec(q)),
        ...questions(16, 'ml-coding').map((q) => withCodingSpec(q)),
        ...questions(10, 'sql'),
      ]),
      round('ml-depth', [
        ...questions(12),
        ...questions(12, 'genai'),
        ...questions(10, 'ml-debugging'),
        ...questions(10, 'prob-stats'),
      ]),
      round('system-design', questions(25)),
      round('behavioral', behavioral),
      round('bar-raiser', barRaiser),
    ],
  };
}

const bankOf = (c: Catalog, id: string) => c.rounds.find((r) => r.id === id)!;
/** Drops the first question of `family` from round `roundId`. */
function dropOne(c: Catalog, roundId: string, family: QuestionFamily | undefined): void {
  const r = bankOf(c, roundId);
  const index = r.questions.findIndex((q) => q.family === family && q.difficulty === 'medium');
  r.questions.splice(index, 1);
}

describe('content coverage check on synthetic catalogs', () => {
  it('finds no gap in a bank exactly at every minimum', () => {
    expect(checkCoverage(minimalCatalog(), {}).gaps).toEqual([]);
  });

  it('reports every family one question short of its minimum, and nothing else', () => {
    const c = minimalCatalog();
    dropOne(c, 'coding', undefined);
    dropOne(c, 'coding', 'ml-coding');
    dropOne(c, 'coding', 'sql');
    dropOne(c, 'ml-depth', 'genai');
    dropOne(c, 'ml-depth', 'ml-debugging');
    dropOne(c, 'ml-depth', 'prob-stats');
    dropOne(c, 'system-design', undefined);
    expect(checkCoverage(c, {}).gaps).toEqual([
      'family coding: 23 questions, needs 24',
      'family ml-coding: 15 questions, needs 16',
      'family sql: 9 questions, needs 10',
      'family genai: 11 questions, needs 12',
      'family ml-debugging: 9 questions, needs 10',
      'family prob-stats: 9 questions, needs 10',
      'family system-design: 24 questions, needs 25',
    ]);
  });

  it('needs five hard coding questions, however many there are in all', () => {
    const c = minimalCatalog();
    const hard = bankOf(c, 'coding').questions.find((q) => !q.family && q.difficulty === 'hard')!;
    hard.difficulty = 'medium';
    expect(checkCoverage(c, {}).gaps).toEqual(['family coding: 4 hard questions, needs 5']);
  });

  it('reports a family that is missing altogether', () => {
    const c = minimalCatalog();
    const depth = bankOf(c, 'ml-depth');
    depth.questions = depth.questions.filter((q) => q.family !== 'prob-stats');
    expect(checkCoverage(c, {}).gaps).toEqual(['family prob-stats: 0 questions, needs 10']);
  });

  it('needs five questions per Leadership Principle across behavioral and bar-raiser', () => {
    const c = minimalCatalog();
    const story = [...bankOf(c, 'behavioral').questions, ...bankOf(c, 'bar-raiser').questions];
    const frugal = story.filter((q) => q.leadershipPrinciples.includes('frugality'));
    expect(frugal).toHaveLength(5);
    frugal[0]!.leadershipPrinciples = ['ownership'];
    expect(checkCoverage(c, {}).gaps).toEqual([
      'Leadership Principle "frugality": 4 questions, needs 5',
    ]);
  });

  it('needs eight test cases for every question with a coding spec, in any family', () => {
    const c = minimalCatalog();
    const coding = bankOf(c, 'coding');
    const mlCoding = coding.questions.find((q) => q.family === 'ml-coding')!;
    mlCoding.coding!.tests.pop();
    expect(checkCoverage(c, {}).gaps).toEqual([`coding/${mlCoding.id}: 7 test cases, needs 8`]);
  });

  it('counts each family by difficulty and by level, once even when another round draws from it', () => {
    const c = minimalCatalog();
    const coding = bankOf(c, 'coding');
    coding.questions.find((q) => q.family === 'sql')!.levels = ['L4', 'L5'];
    c.rounds.push({
      ...round(
        'online-assessment',
        coding.questions.filter((q) => !q.family),
      ),
      drawsFrom: { round: 'coding', family: 'coding' },
    });
    const report = checkCoverage(c, {});
    expect(report.gaps).toEqual([]);
    const sql = countFamilies(c).find((f) => f.family === 'sql')!;
    expect(sql).toEqual({
      family: 'sql',
      rounds: ['coding'],
      total: 10,
      difficulty: { easy: 2, medium: 6, hard: 2 },
      levels: { L4: 10, L5: 10, L6: 9 },
    });
    expect(report.families.find((f) => f.family === 'coding')).toMatchObject({
      total: 24,
      difficulty: { hard: 5 },
    });
    expect(report.shared).toEqual([
      { round: 'online-assessment', from: 'coding', family: 'coding', total: 24 },
    ]);
    const printed = formatCoverage(report);
    expect(printed).toMatch(
      /\| sql\s+\| coding\s+\| 10\s+\| 2\s+\| 6\s+\| 2\s+\| 10\s+\| 10\s+\| 9\s+\| 10\s+\|/,
    );
    expect(printed).toMatch(/\| coding\s+\| coding\s+\| 24 .*\| 24, 5 hard \|/);
    expect(printed).toContain('online-assessment draws its questions from coding (coding only)');
  });
});
