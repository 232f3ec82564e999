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
