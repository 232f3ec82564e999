/**
 * Checks a report file before showing it: an imported report is untrusted input. It must
 * be a `mockloop-report@1` JSON object of the expected shape with bounded sizes; anything
 * else is refused with the first problem found, named by its path.
 */
import * as z from 'zod/mini';
import {
  BOARD_MAX_ELEMENT_CHARS,
  BOARD_MAX_ELEMENTS,
  boardElementProblem,
} from '@mockloop/shared/board';
import { DEFAULT_TARGET_LEVEL, TARGET_LEVELS } from '@mockloop/shared/levels';
import {
  REPORT_AUDIO_MAX_BYTES,
  REPORT_FORMAT,
  REPORT_MAX_BYTES,
  type LoopReport,
} from '@mockloop/shared/report';

export { REPORT_AUDIO_MAX_BYTES, REPORT_MAX_BYTES };

const text = (max: number) => z.string().check(z.maxLength(max));
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const rating = z.nullable(z.union([level, z.literal('no-signal')]));
const score = z.nullable(
  z.object({ vote: level, justification: text(4_000), submittedAt: z.number() }),
);
const ms = z.number().check(z.minimum(0));

/** A whiteboard element, held to the same allow-list and size as the server holds it to. */
const element = z.unknown().check(
  z.superRefine((value, context) => {
    const problem =
      boardElementProblem(value) ??
      (JSON.stringify(value).length > BOARD_MAX_ELEMENT_CHARS
        ? `an element may be at most ${BOARD_MAX_ELEMENT_CHARS} characters of JSON`
        : null);
    if (problem) context.issues.push({ code: 'custom', message: problem, input: value });
  }),
);

const round = z.object({
  roundId: text(64),
  title: text(200),
  status: text(32),
  minutes: z.number(),
  question: z.object({ id: text(64), prompt: text(4_000), difficulty: text(16) }),
  hintsUsed: z.number(),
  lpQuestion: z.optional(
    z.nullable(
      z.object({
        id: text(64),
        prompt: text(4_000),
        leadershipPrinciples: z.array(text(64)).check(z.maxLength(3)),
        hintsUsed: z.number(),
        signalsHeard: z.nullable(z.array(text(400))),
      }),
    ),
  ),
  ledger: z.array(
    z.object({
      kind: z.enum(['hint', 'follow-up']),
      part: z.optional(z.literal('lp')),
      index: z.number(),
      text: text(2_000),
      afterMs: z.nullable(ms),
    }),
  ),
  pacing: z.nullable(
    z.object({
      round: z.number(),
      phases: z.array(
        z.object({
          id: text(64),
          title: text(200),
          plannedMs: ms,
          spentMs: ms,
          reached: z.boolean(),
        }),
      ),
      plannedMs: ms,
      spentMs: ms,
      pausedMs: ms,
    }),
  ),
  dimensions: z.array(
    z.object({
      id: text(64),
      title: text(200),
      self: rating,
      partner: rating,
      gap: z.nullable(z.number()),
    }),
  ),
  self: score,
  partner: score,
  notes: text(20_000),
  privateNotes: z.optional(text(20_000)),
  code: z.nullable(z.object({ language: text(32), text: text(50_000) })),
  lastRun: z.nullable(
    z.object({
      language: text(32),
      outcome: text(32),
      message: text(2_000),
      passed: z.number(),
      total: z.number(),
    }),
  ),
  star: z.nullable(
    z.object({
      situation: text(4_000),
      task: text(4_000),
      action: text(4_000),
      result: text(4_000),
      learned: text(4_000),
      principles: z.array(text(64)),
      story: z.nullable(z.object({ id: text(64), title: text(200) })),
    }),
  ),
  signalsHeard: z.nullable(z.array(text(400))),
  diagram: z.nullable(z.array(element).check(z.maxLength(BOARD_MAX_ELEMENTS))),
  diagramLeftOut: z.optional(z.number().check(z.minimum(0))),
});

/** A round's replay as a report carries it: every part bounded, every element checked. */
const number = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const index = z.int().check(z.minimum(0), z.maximum(1_000_000));
const clock = z.union([
  z.object({ kind: z.literal('not-started') }),
  z.object({ kind: z.literal('running'), phase: index, phaseEndsAt: number }),
  z.object({ kind: z.literal('paused'), phase: index, remainingMs: number }),
  z.object({ kind: z.literal('finished') }),
]);
const docRef = z.union([
  z.object({ kind: z.enum(['code', 'star']), round: index, questionId: text(64) }),
  z.object({ kind: z.enum(['notes', 'private-notes']), round: index }),
]);
const replay = z.object({
  round: z.int().check(z.minimum(0), z.maximum(19)),
  phases: z
    .array(z.object({ id: text(64), title: text(200), minutes: number }))
    .check(z.maxLength(20)),
  timeline: z.object({
    startedAt: z.nullable(number),
    endedAt: z.nullable(number),
    markers: z
      .array(
        z.object({
          kind: z.enum([
            'start',
            'phase',
            'hint',
            'follow-up',
            'run',
            'pause',
            'resume',
            'extend',
            'end',
          ]),
          at: number,
          offsetMs: number,
          label: text(300),
          outcome: z.optional(z.enum(['passed', 'failed', 'error', 'timeout'])),
        }),
      )
      .check(z.maxLength(10_000)),
  }),
  clocks: z.array(z.object({ at: number, clock })).check(z.maxLength(10_000)),
  runs: z
    .array(
      z.object({
        at: number,
        language: text(32),
        outcome: z.enum(['passed', 'failed', 'error', 'timeout']),
        message: text(2_000),
        durationMs: number,
        cases: z.array(z.unknown()).check(z.maxLength(200)),
      }),
    )
    .check(z.maxLength(5_000)),
  docs: z
    .array(
      z.object({
        ref: docRef,
        fields: z.array(text(64)).check(z.minLength(1), z.maxLength(8)),
        steps: z
          .array(
            z.tuple([
              number,
              z.int().check(z.minimum(0), z.maximum(7)),
              index,
              index,
              text(50_000),
            ]),
          )
          .check(z.maxLength(500_000)),
      }),
    )
    .check(z.maxLength(50)),
  board: z
    .array(z.object({ at: number, elements: z.array(element).check(z.maxLength(500)) }))
    .check(z.maxLength(50_000)),
});

const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  loop: z.object({
    id: text(64),
    mode: text(16),
    status: text(16),
    /** Absent in reports saved before levels: those loops targeted L5. */
    targetLevel: z.optional(z.enum(TARGET_LEVELS)),
    createdAt: text(40),
    endedAt: z.nullable(text(40)),
  }),
  viewedAs: text(16),
  rounds: z.array(round).check(z.maxLength(20)),
  debrief: z.nullable(
    z.looseObject({
      outcome: z.enum(['hire', 'no-hire', 'no-decision']),
      explanation: text(2_000),
    }),
  ),
  principles: z.array(
    z.object({
      id: text(64),
      name: text(200),
      sources: z.array(
        z.object({
          round: z.number(),
          title: text(200),
          via: z.enum(['question', 'lp-question', 'star']),
        }),
      ),
    }),
  ),
  replays: z.optional(z.array(replay).check(z.maxLength(20))),
  replaysLeftOut: z.optional(z.array(z.int()).check(z.maxLength(20))),
  recordings: z.optional(
    z
      .array(
        z.object({
          id: text(64),
          role: z.enum(['candidate', 'interviewer', 'observer']),
          round: z.int().check(z.minimum(0), z.maximum(19)),
          startedAt: number,
          mimeType: z.string().check(z.regex(/^audio\/(webm|ogg|mp4)(;[ a-z0-9=.,"+-]{0,60})?$/i)),
          bytes: z.int().check(z.minimum(0)),
          audio: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
        }),
      )
      .check(z.maxLength(200)),
  ),
  recordingsLeftOut: z.optional(z.array(text(64)).check(z.maxLength(200))),
});

export type ParsedReport = { ok: true; report: LoopReport } | { ok: false; error: string };

/** Parses a report file's text; on failure says what is wrong and where. */
export function parseReport(textContent: string): ParsedReport {
  if (textContent.length > REPORT_AUDIO_MAX_BYTES)
    return {
      ok: false,
      error: `The file is larger than ${REPORT_AUDIO_MAX_BYTES / 1024 / 1024} MB.`,
    };
  let value: unknown;
  try {
    value = JSON.parse(textContent);
  } catch {
    return { ok: false, error: 'The file is not JSON. Choose a report.json that mockloop saved.' };
  }
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) {
    const { loop } = parsed.data;
    const targetLevel = loop.targetLevel ?? DEFAULT_TARGET_LEVEL;
    return {
      ok: true,
      report: { ...parsed.data, loop: { ...loop, targetLevel } } as unknown as LoopReport,
    };
  }
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the file';
  if (issue.path[0] === 'format')
    return { ok: false, error: `This is not a mockloop report (format ${REPORT_FORMAT}).` };
  return { ok: false, error: `This report is damaged at ${where}: ${issue.message}.` };
}
