/**
 * Schemas for the interview content under `rounds/`: Leadership Principles, round
 * definitions with their rubrics and question banks, and loop templates.
 * Every content file is parsed with these at start-up; a bad file stops the server.
 */
import { z } from 'zod';

import { LP_DIMENSION_ID, LP_PHASE_ID } from './leadership';
import {
  DIFFICULTIES,
  QUESTION_FAMILIES,
  TARGET_LEVELS,
  WORKSPACE_KINDS,
  type QuestionFamily,
} from './levels';

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case kebab-case (a-z, 0-9, -)');
const text = (max: number) => z.string().trim().min(1).max(max);

export const leadershipPrincipleSchema = z.strictObject({
  id: slug,
  name: text(80),
  summary: text(400),
});
/** One of the sixteen Leadership Principles. */
export type LeadershipPrinciple = z.infer<typeof leadershipPrincipleSchema>;

export const phaseDefinitionSchema = z.strictObject({
  id: slug,
  title: text(60),
  minutes: z.number().int().min(1).max(120),
  guidance: text(600),
});
/** One timed phase of a round, e.g. clarify → approach → implement. */
export type PhaseDefinition = z.infer<typeof phaseDefinitionSchema>;

export const rubricDimensionSchema = z.strictObject({
  id: slug,
  title: text(80),
  /** What this dimension looks at, one sentence. */
  description: text(300),
  /** Anchored description of each level: what a 1, 2, 3 and 4 look like in this round. */
  levels: z.strictObject({
    '1': text(500),
    '2': text(500),
    '3': text(500),
    '4': text(500),
  }),
  /** Where the bar for this dimension differs by the level a loop targets. */
  levelNotes: z
    .strictObject({
      L4: text(400).optional(),
      L5: text(400).optional(),
      L6: text(400).optional(),
    })
    .optional(),
});
/** One rubric dimension with an anchored description per level. */
export type RubricDimension = z.infer<typeof rubricDimensionSchema>;

export const followUpSchema = z.strictObject({
  text: text(600),
  /** True when the follow-up changes the constraints of the problem mid-way. */
  constraintChange: z.boolean().default(false),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** A JSON value used as a test input or expected output. */
const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

export const codingSpecSchema = z.strictObject({
  signature: z.strictObject({
    /** Function name, used as written in every language. */
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    params: z
      .array(z.strictObject({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), type: text(60) }))
      .min(1)
      .max(6),
    returns: text(60),
  }),
  examples: z
    .array(
      z.strictObject({ input: text(400), output: text(400), explanation: text(400).optional() }),
    )
    .min(1)
    .max(4),
  /** Each case: positional arguments and the expected return value. */
  tests: z
    .array(
      z.strictObject({
        input: z.array(jsonValue),
        expected: jsonValue,
        /**
         * How the result is compared: exactly; as a list whose order does not matter; or
         * `close`, numbers within `tolerance` (absolute, or relative to the expected value
         * when that is larger than 1) in a value of the same shape.
         */
        compare: z.enum(['exact', 'unordered', 'close']).default('exact'),
        tolerance: z.number().positive().max(1).optional(),
      }),
    )
    .min(1),
  solutions: z.strictObject({ python: text(6000), javascript: text(6000) }),
});
export type CodingSpec = z.infer<typeof codingSpecSchema>;

export const questionSchema = z.strictObject({
  id: slug,
  prompt: text(2000),
  difficulty: z.enum(DIFFICULTIES),
  /** The question's family when it differs from its round's default (`questionFamily`). */
  family: z.enum(QUESTION_FAMILIES).optional(),
  /** The job levels the question suits; all of them unless narrowed. */
  levels: z
    .array(z.enum(TARGET_LEVELS))
    .min(1)
    .max(3)
    .default([...TARGET_LEVELS]),
  topics: z.array(slug).min(1).max(8),
  /** Expected minutes to answer it well. */
  minutes: z.number().int().min(2).max(90),
  followUps: z.array(followUpSchema).min(1).max(6),
  /** A ladder of hints, least to most revealing. */
  hints: z.array(text(600)).min(1).max(3),
  /** What a strong answer shows. */
  signals: z.array(text(400)).min(1).max(10),
  redFlags: z.array(text(400)).min(1).max(10),
  /** Leadership Principles the question targets (behavioral and bar-raiser questions). */
  leadershipPrinciples: z.array(slug).max(3).default([]),
  coding: codingSpecSchema.optional(),
});
/** One question of a round's bank. */
export type Question = z.infer<typeof questionSchema>;

export const roundDefinitionSchema = z
  .strictObject({
    id: slug,
    title: text(80),
    /** What the round tests, in a sentence or two. */
    tests: text(600),
    /** Default length in minutes; equals the sum of the phases' minutes. */
    minutes: z.number().int().min(5).max(120),
    phases: z.array(phaseDefinitionSchema).min(1).max(8),
    workspace: z.enum(WORKSPACE_KINDS),
    /** Text the candidate's notes start from, e.g. the steps of a design answer. */
    notesTemplate: text(2000).optional(),
    leadershipPrinciples: z.array(slug).max(6).default([]),
    rubric: z.array(rubricDimensionSchema).min(3).max(8),
    questions: z.array(questionSchema).default([]),
    /**
     * A round with no bank of its own draws its questions from another round's bank, or
     * from one family of it (the online assessment draws algorithm problems from coding).
     */
    drawsFrom: z
      .strictObject({ round: slug, family: z.enum(QUESTION_FAMILIES).optional() })
      .optional(),
  })
  .superRefine((round, ctx) => {
    if (round.drawsFrom && round.questions.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: `a round that draws from "${round.drawsFrom.round}" has no questions of its own`,
      });
    const total = round.phases.reduce((sum, p) => sum + p.minutes, 0);
    if (total !== round.minutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases'],
        message: `phase minutes add up to ${total}, but the round lasts ${round.minutes}`,
      });
    }
    // A Leadership Principle phase asks about the principles the round owns, and is scored.
    const lpPhase = round.phases.findIndex((p) => p.id === LP_PHASE_ID);
    if (lpPhase >= 0 && round.leadershipPrinciples.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['leadershipPrinciples'],
        message: `a round with a "${LP_PHASE_ID}" phase must name the principles it owns`,
      });
    if (lpPhase >= 0 && !round.rubric.some((d) => d.id === LP_DIMENSION_ID))
      ctx.addIssue({
        code: 'custom',
        path: ['rubric'],
        message: `a round with a "${LP_PHASE_ID}" phase needs a "${LP_DIMENSION_ID}" rubric dimension`,
      });
    for (const key of ['phases', 'rubric', 'questions'] as const) {
      const seen = new Set<string>();
      round[key].forEach((item, index) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: [key, index, 'id'],
            message: `duplicate id "${item.id}"`,
          });
        seen.add(item.id);
      });
    }
  });
/** A round type with its phases, rubric and question bank. */
export type RoundDefinition = z.infer<typeof roundDefinitionSchema>;

/** A file that adds questions to an existing round's bank. */
export const questionFileSchema = z.strictObject({
  round: slug,
  questions: z.array(questionSchema).min(1),
});

export const loopTemplateSchema = z.strictObject({
  id: slug,
  title: text(80),
  description: text(400),
  /** The rounds in order; empty for a drill, where the user picks exactly one round. */
  rounds: z.array(slug).max(10),
  drill: z.boolean().default(false),
  /** Practised alone only, with no interviewer (the online assessment). */
  solo: z.boolean().default(false),
});
/** A preset sequence of rounds: the full loop, the onsite, or a single-round drill. */
export type LoopTemplate = z.infer<typeof loopTemplateSchema>;

/** All content, validated and cross-checked. */
export interface Catalog {
  principles: LeadershipPrinciple[];
  rounds: RoundDefinition[];
  templates: LoopTemplate[];
}

/** What a question picker shows: enough to choose, nothing that gives the answer away. */
export type QuestionSummary = Pick<
  Question,
  'id' | 'prompt' | 'difficulty' | 'topics' | 'minutes' | 'leadershipPrinciples' | 'levels'
>;

/** Round definition without its question bank, as listed by `GET /api/rounds`. */
export type RoundSummary = Omit<RoundDefinition, 'questions'> & {
  questionCount: number;
  /** The question families in the round's bank, in `QUESTION_FAMILIES` order. */
  families: QuestionFamily[];
};
