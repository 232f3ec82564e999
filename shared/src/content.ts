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
import { RUN_MAX_CASES } from './code-run';
import {
  fitsColumn,
  SQL_COLUMN_TYPES,
  SQL_MAX_EXPECTED_ROWS,
  SQL_MAX_FIXTURE_ROWS,
  SQL_MAX_TEXT,
  SQL_NAME,
} from './sql';
import { testValueProblem } from './test-input-check';

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
  /** What the interviewer does in the phase. */
  guidance: text(600),
  /** What the candidate does in the phase, alone or with a partner. */
  candidateGuidance: text(600),
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

/** Whether a value is plain JSON: null, a boolean, a finite number, a string, a list or an object of them. */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return false;
  return Object.values(value).every(isJsonValue);
}

/**
 * A JSON value used as a test input or expected output, kept exactly as parsed (checked,
 * not rebuilt, so an object key such as "__proto__" survives). It may hold generators
 * (`./test-input`), which must expand.
 */
const testValue = z.custom<unknown>(isJsonValue, 'must be plain JSON').superRefine((value, ctx) => {
  const problem = testValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `generated value ${problem}` });
});

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
        /** Positional arguments; large ones written with generators (`./test-input`). */
        input: z.array(testValue),
        expected: testValue,
        /**
         * How the result is compared (`./run-compare`): exactly; as a list whose order does
         * not matter; or `close`, numbers within `tolerance` (absolute, or relative to the
         * expected value when that is larger than 1; 1e-6 when not given) in a value of
         * the same shape.
         */
        compare: z.enum(['exact', 'unordered', 'close']).default('exact'),
        tolerance: z.number().positive().max(1).optional(),
      }),
    )
    .min(1),
  solutions: z.strictObject({ python: text(6000), javascript: text(6000) }),
});
export type CodingSpec = z.infer<typeof codingSpecSchema>;

const sqlName = z.string().regex(SQL_NAME, 'must be lower-case snake_case, at most 40 characters');
const sqlValue = z.union([z.null(), z.number(), z.string().max(SQL_MAX_TEXT)]);
const sqlRow = z.array(sqlValue).min(1).max(12);

/**
 * A SQL question: tables, test cases and a reference query, run on SQLite.
 *
 * ```yaml
 * sql:
 *   tables:
 *     - name: purchases
 *       columns:
 *         - { name: order_id, type: INTEGER }
 *         - { name: item, type: TEXT, nullable: true, note: shown to the candidate }
 *   tests:
 *     - note: two orders share a pair       # optional: what the case checks
 *       fixtures:                           # rows per table, in column order; absent = empty
 *         purchases: [[1, milk], [1, bread], [2, bread], [2, milk]]
 *       expected:
 *         columns: [item_a, item_b, orders]  # names are shown, only their count is compared
 *         rows: [[bread, milk, 2]]
 *       ordered: true                       # true when the prompt asks for an ORDER BY
 *   solution: SELECT …                      # the reference; never sent to a browser
 * ```
 *
 * Checked at load: names unique, every fixture row the width of its table with values of
 * its column types (NULL only where `nullable`), every expected row as wide as its
 * columns, the same output columns in every case, and everything bounded in size.
 * `shared/src/sql-compare.ts` says how a result is compared.
 */
export const sqlSpecSchema = z
  .strictObject({
    tables: z
      .array(
        z.strictObject({
          name: sqlName,
          columns: z
            .array(
              z.strictObject({
                name: sqlName,
                type: z.enum(SQL_COLUMN_TYPES),
                nullable: z.boolean().default(false),
                note: text(160).optional(),
              }),
            )
            .min(1)
            .max(12),
        }),
      )
      .min(1)
      .max(6),
    tests: z
      .array(
        z.strictObject({
          note: text(200).optional(),
          fixtures: z.record(sqlName, z.array(sqlRow).max(SQL_MAX_FIXTURE_ROWS)).default({}),
          expected: z.strictObject({
            columns: z.array(z.string().min(1).max(64)).min(1).max(12),
            rows: z.array(sqlRow).max(SQL_MAX_EXPECTED_ROWS),
          }),
          ordered: z.boolean(),
        }),
      )
      .min(1)
      .max(RUN_MAX_CASES),
    solution: text(4000),
  })
  .superRefine((spec, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const tables = new Map(spec.tables.map((t) => [t.name, t]));
    if (tables.size !== spec.tables.length) issue(['tables'], 'table names must be unique');
    spec.tables.forEach((table, t) => {
      if (new Set(table.columns.map((c) => c.name)).size !== table.columns.length)
        issue(['tables', t, 'columns'], `column names of ${table.name} must be unique`);
    });
    const outputColumns = spec.tests[0]?.expected.columns.join(', ');
    spec.tests.forEach((test, i) => {
      for (const [name, rows] of Object.entries(test.fixtures)) {
        const table = tables.get(name);
        if (!table) {
          issue(['tests', i, 'fixtures', name], `no table "${name}" is declared`);
          continue;
        }
        rows.forEach((row, r) => {
          const where = ['tests', i, 'fixtures', name, r];
          if (row.length !== table.columns.length)
            return issue(
              where,
              `has ${row.length} values, ${name} has ${table.columns.length} columns`,
            );
          table.columns.forEach((column, c) => {
            if (!fitsColumn(row[c], column))
              issue(
                [...where, c],
                `${JSON.stringify(row[c])} does not fit ${name}.${column.name} (${column.type}${column.nullable ? '' : ' NOT NULL'})`,
              );
          });
        });
      }
      const width = test.expected.columns.length;
      test.expected.rows.forEach((row, r) => {
        if (row.length !== width)
          issue(
            ['tests', i, 'expected', 'rows', r],
            `has ${row.length} values for ${width} columns`,
          );
      });
      if (test.expected.columns.join(', ') !== outputColumns)
        issue(['tests', i, 'expected', 'columns'], `every case must expect ${outputColumns}`);
    });
  });
export type SqlSpecContent = z.infer<typeof sqlSpecSchema>;

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
  /** A function to write and its tests: coding questions. */
  coding: codingSpecSchema.optional(),
  /** Tables, fixtures and a reference query instead: SQL questions (never both). */
  sql: sqlSpecSchema.optional(),
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
