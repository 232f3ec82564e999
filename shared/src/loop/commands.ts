/**
 * Commands a client may send about a loop, each a zod schema parsed at the boundary.
 * Every command carries a `commandId` so a resent command is applied once.
 */
import { z } from 'zod';
import { CODE_LANGUAGES } from '../code';
import type { DocRef } from '../docs';
import {
  RUN_MAX_CASES,
  RUN_MAX_MESSAGE,
  RUN_MAX_TEXT,
  RUN_TIME_LIMIT_MS,
  RUNNABLE_LANGUAGES,
} from '../code-run';
import { STAR_MAX_PRINCIPLES } from '../star';
import { JUSTIFICATION_MAX_CHARS } from './state';

const commandId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** Index of the round the command is about; a stale index is refused. */
const round = z.number().int().min(0).max(20);
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/**
 * Which question of the round a command is about: the round's own (`main`, the default)
 * or the Leadership Principle question of its opening phase (`lp`).
 */
export const QUESTION_PARTS = ['main', 'lp'] as const;
export type QuestionPart = (typeof QUESTION_PARTS)[number];
const part = z.enum(QUESTION_PARTS).optional();

/** Keys that must never reach an object the server builds from user input. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
const noForbiddenKeys = z.custom<object>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !FORBIDDEN_KEYS.some((key) => Object.prototype.hasOwnProperty.call(value, key)),
  'must be an object without __proto__, constructor or prototype keys',
);

export const scoreCardInputSchema = z.strictObject({
  ratings: noForbiddenKeys.pipe(
    z.record(z.string().max(64), z.union([level, z.literal('no-signal')])),
  ),
  vote: level,
  justification: z.string().trim().max(JUSTIFICATION_MAX_CHARS),
});

const runText = z.string().max(RUN_MAX_TEXT);

/** A test run as the browser reports it; the server only keeps and shows it. */
export const codeRunInputSchema = z.strictObject({
  language: z.enum(RUNNABLE_LANGUAGES),
  outcome: z.enum(['passed', 'failed', 'error', 'timeout']),
  message: z.string().max(RUN_MAX_MESSAGE),
  durationMs: z
    .number()
    .min(0)
    .max(RUN_TIME_LIMIT_MS * 100),
  cases: z
    .array(
      z.strictObject({
        index: z
          .number()
          .int()
          .min(0)
          .max(RUN_MAX_CASES - 1),
        passed: z.boolean(),
        actual: runText.nullable(),
        error: runText.nullable(),
        stdout: runText,
      }),
    )
    .max(RUN_MAX_CASES),
});

const slugId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** Which story of the candidate's story bank an answer tells. */
const storyRefSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  title: z.string().trim().max(120),
});

/** Payload schema of each command, keyed by its socket event name. */
export const commandSchemas = {
  'round:start': z.strictObject({ commandId, round }),
  'timer:pause': z.strictObject({ commandId, round }),
  'timer:resume': z.strictObject({ commandId, round }),
  'timer:extend': z.strictObject({ commandId, round, minutes: z.number().int().min(1).max(30) }),
  'phase:next': z.strictObject({ commandId, round }),
  'round:end': z.strictObject({ commandId, round }),
  'round:next': z.strictObject({ commandId, round }),
  /** The language of the shared code editor (the text itself travels as Yjs updates). */
  'code:language': z.strictObject({ commandId, round, language: z.enum(CODE_LANGUAGES) }),
  /** The result of running the question's tests in the browser. */
  'code:run': z.strictObject({ commandId, round, run: codeRunInputSchema }),
  /**
   * The Leadership Principles a STAR answer is tagged with, and the story of the bank it
   * tells (its fields are typed in the answer's document).
   */
  'star:tag': z.strictObject({
    commandId,
    round,
    questionId: slugId,
    principles: z.array(slugId).max(STAR_MAX_PRINCIPLES),
    story: storyRefSchema.nullable(),
  }),
  /** Ticks (or unticks) one of the question's signals as heard in the answer. */
  'signal:tick': z.strictObject({
    commandId,
    round,
    index: z.number().int().min(0).max(9),
    checked: z.boolean(),
    part,
  }),
  'hint:reveal': z.strictObject({
    commandId,
    round,
    index: z.number().int().min(0).max(9),
    part,
  }),
  'score:submit': z.strictObject({ commandId, round, card: scoreCardInputSchema }),
  'question:change': z.strictObject({
    commandId,
    round,
    /**
     * A question of the round's bank (with `part: 'lp'`, a behavioral or bar-raiser question
     * targeting a principle the round owns); without it, another one is drawn.
     */
    questionId: z.string().max(64).optional(),
    /** Draw only among questions on this topic. */
    topic: z.string().max(64).optional(),
    /** Question ids to avoid when drawing (recently practised). */
    avoid: z.array(z.string().max(64)).max(500).optional(),
    part,
  }),
  'loop:end': z.strictObject({ commandId }),
  'followup:push': z.strictObject({
    commandId,
    round,
    index: z.number().int().min(0).max(9),
    part,
  }),
  /** Replaces a role's link: the old token stops working at once. */
  'token:rotate': z.strictObject({ commandId, role: z.enum(['candidate', 'observer']) }),
  /** Agrees to have the loop's spoken answers recorded; on once everyone needed agrees. */
  'recording:agree': z.strictObject({ commandId }),
  /** Takes the agreement back: recording stops at once. */
  'recording:withdraw': z.strictObject({ commandId }),
  /** After a paired loop: start the next one with roles reversed and new questions. */
  'loop:swap': z.strictObject({ commandId }),
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];

/** A parsed command from a client, tagged with its name. */
export type ClientCommand = {
  [N in Exclude<CommandName, 'loop:swap'>]: { type: N } & z.infer<(typeof commandSchemas)[N]>;
}[Exclude<CommandName, 'loop:swap'>];

/** Commands the server issues to itself (the clock), or completes before deciding. */
export type SystemCommand =
  | { type: 'phase:expire'; round: number }
  | { type: 'loop:swap'; commandId: string; nextLoopId: string }
  /** A document's texts, saved into the log (at round end, and before any view). */
  | { type: 'doc:save'; ref: DocRef; texts: Record<string, string> };

export type Command = ClientCommand | SystemCommand;

export type ScoreCardInput = z.infer<typeof scoreCardInputSchema>;
