/** Scoring levels and content enums: plain constants, safe to import in the browser. */

/** Rubric levels, lowest to highest. `no-signal` is a rating, not a level. */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/** The four vote bands used for both rubric levels and the overall vote of a round. */
export const LEVEL_NAMES: Record<Level, string> = {
  1: 'Strong No Hire',
  2: 'Not Inclined',
  3: 'Inclined',
  4: 'Strong Hire',
};

export const WORKSPACE_KINDS = ['notes', 'code', 'whiteboard', 'star'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * The job level a loop targets, as Amazon's ladder names it: L4 (new graduate to early
 * career), L5 (independent mid-level engineer), L6 (senior, owns a system end to end).
 */
export const TARGET_LEVELS = ['L4', 'L5', 'L6'] as const;
export type TargetLevel = (typeof TARGET_LEVELS)[number];

/** The level a loop targets when none is chosen, and that of loops stored before levels. */
export const DEFAULT_TARGET_LEVEL: TargetLevel = 'L5';

/** A few words on each level, for pickers and reports. */
export const TARGET_LEVEL_NAMES: Record<TargetLevel, string> = {
  L4: 'early career',
  L5: 'mid-level, independent',
  L6: 'senior, owns a system',
};

/**
 * The family a question belongs to, for coverage counts and picking: a round's bank may
 * mix families (an ML-coding or SQL question in the coding round, a GenAI question in ML
 * depth). A question without one takes its round's default (`defaultFamily`).
 */
export const QUESTION_FAMILIES = [
  'screen',
  'coding',
  'ml-coding',
  'sql',
  'ml-breadth',
  'genai',
  'ml-debugging',
  'prob-stats',
  'system-design',
  'leadership',
] as const;
export type QuestionFamily = (typeof QUESTION_FAMILIES)[number];

/** How each family is named to users. */
export const QUESTION_FAMILY_NAMES: Record<QuestionFamily, string> = {
  screen: 'Phone screen',
  coding: 'Algorithms and data structures',
  'ml-coding': 'ML coding',
  sql: 'SQL',
  'ml-breadth': 'ML breadth and depth',
  genai: 'Generative AI and LLMs',
  'ml-debugging': 'ML debugging',
  'prob-stats': 'Probability and statistics',
  'system-design': 'ML system design',
  leadership: 'Leadership Principles',
};

const ROUND_FAMILIES: Record<string, QuestionFamily> = {
  screen: 'screen',
  coding: 'coding',
  'ml-depth': 'ml-breadth',
  'system-design': 'system-design',
  behavioral: 'leadership',
  'bar-raiser': 'leadership',
};

/** A question's family: its own, else its round's default, else null (a user-added round). */
export function questionFamily(
  roundId: string,
  question: { family?: QuestionFamily },
): QuestionFamily | null {
  return question.family ?? ROUND_FAMILIES[roundId] ?? null;
}
