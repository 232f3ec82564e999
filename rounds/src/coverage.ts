/**
 * The content standard for the shipped question bank: enough questions of every
 * difficulty, every brief topic practisable, every Leadership Principle targeted.
 * Pure: a catalog and the requirements in, tables and gaps out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Catalog } from '@mockloop/shared/content';
import {
  DIFFICULTIES,
  QUESTION_FAMILIES,
  questionFamily,
  TARGET_LEVELS,
  type Difficulty,
  type QuestionFamily,
  type TargetLevel,
} from '@mockloop/shared/levels';

export const MIN_QUESTIONS_PER_ROUND = 12;
export const MIN_PER_DIFFICULTY = 2;
export const RUBRIC_DIMENSIONS = { min: 4, max: 8 };
export const FOLLOW_UPS = { min: 2, max: 4 };
/** Questions per Leadership Principle, across the behavioral and bar-raiser rounds. */
export const MIN_QUESTIONS_PER_PRINCIPLE = 5;
export const MIN_CODING_TESTS = 8;
/** The least each question family must hold, in all and of the hard ones. */
export const FAMILY_MINIMUMS: Partial<
  Record<QuestionFamily, { questions: number; hard?: number }>
> = {
  coding: { questions: 24, hard: 5 },
  'ml-coding': { questions: 16 },
  sql: { questions: 10 },
  genai: { questions: 12 },
  'ml-debugging': { questions: 10 },
  'prob-stats': { questions: 10 },
  'system-design': { questions: 25 },
};
/** Rounds whose questions must target Leadership Principles. */
export const STORY_ROUNDS = ['behavioral', 'bar-raiser'];
/** Rounds where every question needs a follow-up that changes the constraints. */
export const CONSTRAINT_CHANGE_ROUNDS = ['coding', 'system-design'];

const requirementSchema = z
  .strictObject({
    name: z.string().min(1),
    topics: z.array(z.string()).min(1).optional(),
    questions: z.array(z.string()).min(1).optional(),
  })
  .refine((r) => r.topics || r.questions, 'needs topics or questions');
export const coverageSchema = z.record(z.string(), z.array(requirementSchema));
export type CoverageRequirements = z.infer<typeof coverageSchema>;

export function readCoverage(contentDir: string): CoverageRequirements {
  return coverageSchema.parse(parseYaml(readFileSync(join(contentDir, 'coverage.yaml'), 'utf8')));
}

/** One family's questions, by difficulty and by the levels they suit. */
export interface FamilyCount {
  family: QuestionFamily;
  /** The rounds whose banks hold the family's questions. */
  rounds: string[];
  total: number;
  difficulty: Record<Difficulty, number>;
  /** Questions that suit each level (a question suiting several counts for each). */
  levels: Record<TargetLevel, number>;
}

export interface CoverageReport {
  difficulty: { round: string; easy: number; medium: number; hard: number; total: number }[];
  families: FamilyCount[];
  /** Rounds with no bank of their own, and the bank they draw from. */
  shared: { round: string; from: string; family: QuestionFamily | null; total: number }[];
  principles: { id: string; name: string; questions: string[] }[];
  topics: { round: string; name: string; questions: string[] }[];
  gaps: string[];
}

export function checkCoverage(
  catalog: Catalog,
  requirements: CoverageRequirements,
): CoverageReport {
  const gaps: string[] = [];
  const difficulty: CoverageReport['difficulty'] = [];
  const topics: CoverageReport['topics'] = [];
  const shared: CoverageReport['shared'] = [];

  for (const round of catalog.rounds) {
    if (round.drawsFrom) {
      // Its questions are another round's, checked and counted there.
      shared.push({
        round: round.id,
        from: round.drawsFrom.round,
        family: round.drawsFrom.family ?? null,
        total: round.questions.length,
      });
      if (
        round.rubric.length < RUBRIC_DIMENSIONS.min ||
        round.rubric.length > RUBRIC_DIMENSIONS.max
      )
        gaps.push(
          `${round.id}: rubric has ${round.rubric.length} dimensions, needs ${RUBRIC_DIMENSIONS.min}–${RUBRIC_DIMENSIONS.max}`,
        );
      continue;
    }
    const counts = Object.fromEntries(
      DIFFICULTIES.map((d) => [d, round.questions.filter((q) => q.difficulty === d).length]),
    ) as Record<(typeof DIFFICULTIES)[number], number>;
    difficulty.push({ round: round.id, ...counts, total: round.questions.length });
    if (round.questions.length < MIN_QUESTIONS_PER_ROUND)
      gaps.push(
        `${round.id}: ${round.questions.length} questions, needs ${MIN_QUESTIONS_PER_ROUND}`,
      );
    for (const d of DIFFICULTIES) {
      if (counts[d] < MIN_PER_DIFFICULTY)
        gaps.push(`${round.id}: ${counts[d]} ${d} questions, needs ${MIN_PER_DIFFICULTY}`);
    }
    if (round.rubric.length < RUBRIC_DIMENSIONS.min || round.rubric.length > RUBRIC_DIMENSIONS.max)
      gaps.push(
        `${round.id}: rubric has ${round.rubric.length} dimensions, needs ${RUBRIC_DIMENSIONS.min}–${RUBRIC_DIMENSIONS.max}`,
      );

    for (const q of round.questions) {
      const where = `${round.id}/${q.id}`;
      if (q.followUps.length < FOLLOW_UPS.min || q.followUps.length > FOLLOW_UPS.max)
        gaps.push(
          `${where}: ${q.followUps.length} follow-ups, needs ${FOLLOW_UPS.min}–${FOLLOW_UPS.max}`,
        );
      if (
        CONSTRAINT_CHANGE_ROUNDS.includes(round.id) &&
        !q.followUps.some((f) => f.constraintChange)
      )
        gaps.push(`${where}: no follow-up changes the constraints`);
      if (
        STORY_ROUNDS.includes(round.id) &&
        (q.leadershipPrinciples.length < 1 || q.leadershipPrinciples.length > 2)
      )
        gaps.push(
          `${where}: targets ${q.leadershipPrinciples.length} Leadership Principles, needs 1–2`,
        );
      if (q.coding && q.coding.tests.length < MIN_CODING_TESTS)
        gaps.push(`${where}: ${q.coding.tests.length} test cases, needs ${MIN_CODING_TESTS}`);
    }

    for (const requirement of requirements[round.id] ?? []) {
      const covering = round.questions
        .filter(
          (q) =>
            requirement.questions?.includes(q.id) ||
            q.topics.some((t) => requirement.topics?.includes(t)),
        )
        .map((q) => q.id);
      topics.push({ round: round.id, name: requirement.name, questions: covering });
      if (covering.length === 0) gaps.push(`${round.id}: nothing practises "${requirement.name}"`);
    }
  }
  for (const roundId of Object.keys(requirements)) {
    if (!catalog.rounds.some((r) => r.id === roundId))
      gaps.push(`coverage.yaml names unknown round "${roundId}"`);
  }

  const families = countFamilies(catalog);
  for (const [family, minimum] of Object.entries(FAMILY_MINIMUMS) as [
    QuestionFamily,
    { questions: number; hard?: number },
  ][]) {
    const count = families.find((f) => f.family === family);
    const total = count?.total ?? 0;
    const hard = count?.difficulty.hard ?? 0;
    if (total < minimum.questions)
      gaps.push(`family ${family}: ${total} questions, needs ${minimum.questions}`);
    if (minimum.hard !== undefined && hard < minimum.hard)
      gaps.push(`family ${family}: ${hard} hard questions, needs ${minimum.hard}`);
  }

  const storyQuestions = catalog.rounds
    .filter((r) => STORY_ROUNDS.includes(r.id))
    .flatMap((r) => r.questions);
  const principles = catalog.principles.map((p) => ({
    id: p.id,
    name: p.name,
    questions: storyQuestions.filter((q) => q.leadershipPrinciples.includes(p.id)).map((q) => q.id),
  }));
  for (const p of principles) {
    if (p.questions.length < MIN_QUESTIONS_PER_PRINCIPLE)
      gaps.push(
        `Leadership Principle "${p.name}": ${p.questions.length} questions, needs ${MIN_QUESTIONS_PER_PRINCIPLE}`,
      );
  }
  return { difficulty, families, shared, principles, topics, gaps };
}

/** Every family's counts over the rounds that own a bank, in `QUESTION_FAMILIES` order. */
export function countFamilies(catalog: Catalog): FamilyCount[] {
  const counts = new Map<QuestionFamily, FamilyCount>(
    QUESTION_FAMILIES.map((family) => [
      family,
      {
        family,
        rounds: [],
        total: 0,
        difficulty: { easy: 0, medium: 0, hard: 0 },
        levels: { L4: 0, L5: 0, L6: 0 },
      },
    ]),
  );
  for (const round of catalog.rounds) {
    if (round.drawsFrom) continue;
    for (const question of round.questions) {
      const family = questionFamily(round.id, question);
      const count = family && counts.get(family);
      if (!count) continue;
      if (!count.rounds.includes(round.id)) count.rounds.push(round.id);
      count.total += 1;
      count.difficulty[question.difficulty] += 1;
      for (const level of question.levels) count.levels[level] += 1;
    }
  }
  return [...counts.values()];
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** The report as Markdown tables, the way `npm run content:check` prints it. */
export function formatCoverage(report: CoverageReport): string {
  const total = report.difficulty.reduce(
    (sum, r) => ({
      easy: sum.easy + r.easy,
      medium: sum.medium + r.medium,
      hard: sum.hard + r.hard,
      total: sum.total + r.total,
    }),
    { easy: 0, medium: 0, hard: 0, total: 0 },
  );
  const minimum = (family: QuestionFamily) => {
    const m = FAMILY_MINIMUMS[family];
    return m ? `${m.questions}${m.hard ? `, ${m.hard} hard` : ''}` : '—';
  };
  return [
    '## Questions per family, difficulty and level',
    '',
    table(
      [
        'family',
        'rounds',
        'questions',
        ...DIFFICULTIES,
        ...TARGET_LEVELS.map((l) => `suits ${l}`),
        'needs',
      ],
      report.families.map((f) => [
        f.family,
        f.rounds.join(', ') || '—',
        f.total,
        ...DIFFICULTIES.map((d) => f.difficulty[d]),
        ...TARGET_LEVELS.map((l) => f.levels[l]),
        minimum(f.family),
      ]),
    ),
    ...report.shared.map(
      (s) =>
        `\n${s.round} draws its questions from ${s.from}${s.family ? ` (${s.family} only)` : ''}: ${s.total} questions.`,
    ),
    '',
    '## Questions per round and difficulty',
    '',
    table(
      ['round', 'easy', 'medium', 'hard', 'total'],
      [
        ...report.difficulty.map((r) => [r.round, r.easy, r.medium, r.hard, r.total]),
        ['all', total.easy, total.medium, total.hard, total.total],
      ],
    ),
    '',
    `## Leadership Principles targeted by behavioral and bar-raiser questions (needs ${MIN_QUESTIONS_PER_PRINCIPLE} each)`,
    '',
    table(
      ['principle', 'questions', 'ids'],
      report.principles.map((p) => [p.name, p.questions.length, p.questions.join(', ')]),
    ),
    '',
    '## Topics from the interview brief',
    '',
    table(
      ['round', 'topic', 'questions'],
      report.topics.map((t) => [t.round, t.name, t.questions.join(', ') || '— MISSING —']),
    ),
  ].join('\n');
}
