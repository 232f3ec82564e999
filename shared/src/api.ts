/** REST request schemas and response shapes. */
import { z } from 'zod';
import { DIFFICULTIES, QUESTION_FAMILIES, TARGET_LEVELS } from './levels';
import { MODES } from './loop/state';

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'must be a kebab-case id');

/** Body of `POST /api/loops`. */
export const createLoopRequestSchema = z.strictObject({
  mode: z.enum(MODES),
  /** The job level the loop targets (L5 when not given): questions are drawn to suit it. */
  targetLevel: z.enum(TARGET_LEVELS).optional(),
  /** A loop template id; defaults to the full loop when no rounds are given. */
  template: slug.optional(),
  /** Rounds in order, each with optional minutes; overrides the template's rounds. */
  rounds: z
    .array(
      z.strictObject({
        id: slug,
        minutes: z.number().int().min(5).max(120).optional(),
        /** Wanted difficulty of the drawn question; otherwise the loop gets a mix. */
        difficulty: z.enum(DIFFICULTIES).optional(),
        /** Draw only from this family of the round's bank (e.g. SQL in the coding round). */
        family: z.enum(QUESTION_FAMILIES).optional(),
      }),
    )
    .min(1)
    .max(10)
    .optional(),
  /** Question ids practised recently on this device, to be avoided when drawing. */
  recentQuestionIds: z.array(z.string().max(64)).max(500).optional(),
});
export type CreateLoopRequest = z.infer<typeof createLoopRequestSchema>;

/** Reply of `POST /api/loops`: the loop id and one capability token and link per role. */
export interface CreateLoopResponse {
  id: string;
  mode: 'solo' | 'paired';
  tokens: { candidate: string; interviewer?: string; observer?: string };
  links: { candidate: string; interviewer?: string; observer?: string };
}
