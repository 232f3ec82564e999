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
import { DIFFICULTIES } from '@mockloop/shared/levels';

export const MIN_QUESTIONS_PER_ROUND = 12;
export const MIN_PER_DIFFICULTY = 2;
export const RUBRIC_DIMENSIONS = { min: 4, max: 8 };
export const FOLLOW_UPS = { min: 2, max: 4 };
export const MIN_QUESTIONS_PER_PRINCIPLE = 5;
export const MIN_CODING_TESTS = 6;
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

export interface CoverageReport {
  difficulty: { round: string; easy: number; medium: number; hard: number; total: number }[];
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

  for (const round of catalog.rounds) {
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
  return { difficulty, principles, topics, gaps };
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
  return [
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
    '## Leadership Principles targeted by behavioral and bar-raiser questions',
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
