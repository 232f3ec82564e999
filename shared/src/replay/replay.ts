/**
 * A round's replay: everything needed to show the round as it was at any instant — its
 * timeline, its clock's changes, its test runs, the history of every document typed in it
 * and of its whiteboard — and the pure functions that rebuild an instant from them.
 *
 * Documents are kept as text steps (one splice of one text each), read once from the
 * stored Yjs updates by the server; an instant is rebuilt from the nearest keyframe (the
 * texts every `KEYFRAME_EVERY_STEPS` steps, made when the history is indexed) and at most
 * that many steps after it, so seeking anywhere in a long round costs the same.
 */
import type { BoardElement } from '../board';
import { elementWins } from '../board';
import type { CodeRun } from '../code-run';
import { readsDoc, type DocRef } from '../docs';
import type { LoopRound, Role } from '../loop/state';
import { roundRemainingMs, phaseRemainingMs, type Clock, type PlannedPhase } from '../timer';
import type { ReplayTimeline } from './markers';

/**
 * One change to one text of a document at `at`: `remove` characters at `index` replaced
 * by `insert`. `field` is the text's index in its document's `fields`.
 */
export type TextStep = [at: number, field: number, index: number, remove: number, insert: string];

/** A document's history: which texts it has and every change to them, in order. */
export interface DocHistory {
  ref: DocRef;
  fields: string[];
  steps: TextStep[];
}

/** Elements of a whiteboard as one update stored them (deleted ones as tombstones). */
export interface BoardStep {
  at: number;
  elements: BoardElement[];
}

/** The round's clock from `at` on. */
export interface ClockChange {
  at: number;
  clock: Clock;
}

export interface RoundReplay {
  round: number;
  phases: PlannedPhase[];
  timeline: ReplayTimeline;
  clocks: ClockChange[];
  runs: CodeRun[];
  docs: DocHistory[];
  board: BoardStep[];
}

/**
 * Whether a round may be replayed: once it is over (being scored or done). A round that
 * never started has nothing to replay.
 */
export const replayable = (round: Pick<LoopRound, 'status' | 'startedAt'>): boolean =>
  round.startedAt !== null && (round.status === 'scoring' || round.status === 'done');

/** The documents of a replay a role may see: the staff's private notes only to staff. */
export const docsFor = <D extends { ref: DocRef }>(docs: readonly D[], role: Role): D[] =>
  docs.filter((doc) => readsDoc(doc.ref.kind, role));

// ------------------------------------------------------------------ documents

/** Texts are kept whole every this many steps of a document. */
export const KEYFRAME_EVERY_STEPS = 256;

export interface IndexedDoc {
  ref: DocRef;
  fields: string[];
  /** When each step happened, never decreasing (a step is never before the one it follows). */
  times: number[];
  steps: TextStep[];
  /** The texts before step `k * every`. */
  keyframes: string[][];
  every: number;
}

const splice = (text: string, index: number, remove: number, insert: string) =>
  text.slice(0, index) + insert + text.slice(index + remove);

function applySteps(texts: string[], steps: readonly TextStep[], from: number, to: number) {
  for (let i = from; i < to; i++) {
    const [, field, index, remove, insert] = steps[i]!;
    texts[field] = splice(texts[field] ?? '', index, remove, insert);
  }
}

/** Instants in the order stored, each moved up to the one before if it was earlier. */
function monotonic(times: readonly number[]): number[] {
  let last = -Infinity;
  return times.map((at) => (last = Math.max(last, at)));
}

/** Indexes a document's history for seeking: its step times and its keyframes. */
export function indexDoc(doc: DocHistory, every = KEYFRAME_EVERY_STEPS): IndexedDoc {
  const times = monotonic(doc.steps.map((step) => step[0]));
  const keyframes: string[][] = [];
  const texts = doc.fields.map(() => '');
  for (let k = 0; k * every <= doc.steps.length; k++) {
    if (k > 0) applySteps(texts, doc.steps, (k - 1) * every, k * every);
    keyframes.push([...texts]);
  }
  return { ref: doc.ref, fields: doc.fields, times, steps: doc.steps, keyframes, every };
}

/** How many of the sorted `times` are at or before `at`. */
export function countUpTo(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A document's texts as they were at `at`, by field name. */
export function textsAt(doc: IndexedDoc, at: number): Record<string, string> {
  const count = countUpTo(doc.times, at);
  const k = Math.floor(count / doc.every);
  const texts = [...doc.keyframes[k]!];
  applySteps(texts, doc.steps, k * doc.every, count);
  return Object.fromEntries(doc.fields.map((field, i) => [field, texts[i] ?? '']));
}

// ------------------------------------------------------------------ whiteboard, clock, runs

/** The whiteboard's elements at `at`, deleted ones left out, in the order first drawn. */
export function boardAt(steps: readonly BoardStep[], at: number): BoardElement[] {
  const elements = new Map<string, BoardElement>();
  for (const step of steps) {
    if (step.at > at) break;
    for (const element of step.elements)
      if (elementWins(element, elements.get(element.id))) elements.set(element.id, element);
  }
  return [...elements.values()].filter((element) => !element.isDeleted);
}

/** The latest of `items` (sorted by `at`) at or before `at`, or null. */
function latest<T extends { at: number }>(items: readonly T[], at: number): T | null {
  let found: T | null = null;
  for (const item of items) {
    if (item.at > at) break;
    found = item;
  }
  return found;
}

export interface ClockAt {
  clock: Clock;
  /** Time left in the phase and in the round, at that instant. */
  phaseLeftMs: number;
  roundLeftMs: number;
}

/** The round's clock at `at`: which phase ran (or the pause), and the time left. */
export function clockAt(replay: Pick<RoundReplay, 'clocks' | 'phases'>, at: number): ClockAt {
  const clock = latest(replay.clocks, at)?.clock ?? { kind: 'not-started' };
  return {
    clock,
    phaseLeftMs: phaseRemainingMs(clock, at),
    roundLeftMs: roundRemainingMs(clock, replay.phases, at),
  };
}

/** The last test run at or before `at`, or null. */
export const runAt = (runs: readonly CodeRun[], at: number): CodeRun | null => latest(runs, at);

// ------------------------------------------------------------------ playing

/** A stretch with nothing happening longer than this is skipped when asked to. */
export const IDLE_SKIP_MS = 8_000;
/** Skipping lands this long before the next thing that happens. */
export const IDLE_LEAD_IN_MS = 1_500;

/** Every instant something happened in the round, sorted, once each. */
export function activityTimes(replay: RoundReplay): number[] {
  const times = new Set<number>();
  for (const doc of replay.docs) for (const step of doc.steps) times.add(step[0]);
  for (const step of replay.board) times.add(step.at);
  for (const marker of replay.timeline.markers) times.add(marker.at);
  for (const run of replay.runs) times.add(run.at);
  return [...times].sort((a, b) => a - b);
}

/**
 * Where playing from `at` goes on when idle stretches are skipped. In a quiet stretch longer
 * than `IDLE_SKIP_MS`, once a moment has passed since the last thing that happened, it jumps
 * to just before the next (or to `end` when nothing more happens); otherwise it stays.
 */
export function skipIdle(times: readonly number[], at: number, end: number): number {
  const count = countUpTo(times, at);
  const previous = times[count - 1] ?? -Infinity;
  const next = times[count] ?? end;
  if (next - previous <= IDLE_SKIP_MS || at < previous + IDLE_LEAD_IN_MS) return at;
  return Math.max(at, next - IDLE_LEAD_IN_MS);
}

/** The replay speeds offered. */
export const REPLAY_SPEEDS = [1, 2, 4, 8, 16] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

// ------------------------------------------------------------------ one instant, whole

/** A replay made ready for seeking: documents indexed, activity listed. */
export interface IndexedReplay {
  replay: RoundReplay;
  docs: IndexedDoc[];
  activity: number[];
  boardTimes: number[];
  /** The round's span on the timeline. */
  start: number;
  end: number;
}

export function indexReplay(replay: RoundReplay): IndexedReplay {
  const start = replay.timeline.startedAt ?? replay.clocks[0]?.at ?? 0;
  const activity = activityTimes(replay);
  return {
    replay,
    docs: replay.docs.map((doc) => indexDoc(doc)),
    activity,
    boardTimes: monotonic(replay.board.map((step) => step.at)),
    start,
    end: Math.max(start, replay.timeline.endedAt ?? activity.at(-1) ?? start),
  };
}

/** Everything the round showed at one instant. */
export interface ReplayFrame {
  at: number;
  offsetMs: number;
  clock: ClockAt;
  /** The phase running (or paused) then, counted from 0; null before the start and after the end. */
  phase: number | null;
  code: string | null;
  notes: string | null;
  privateNotes: string | null;
  /** The STAR answer's fields by name, for a round with one. */
  star: Record<string, string> | null;
  /** How many whiteboard changes had happened: the board changes when this does. */
  boardChanges: number;
  run: CodeRun | null;
}

/** The document of `kind` that was last typed in by `at` (a question changed mid-round has two). */
function latestDoc(docs: readonly IndexedDoc[], kind: DocRef['kind'], at: number) {
  const ofKind = docs.filter((doc) => doc.ref.kind === kind);
  let found = ofKind[0] ?? null;
  let last = -Infinity;
  for (const doc of ofKind) {
    const count = countUpTo(doc.times, at);
    const when = count > 0 ? doc.times[count - 1]! : -Infinity;
    if (when > last) [found, last] = [doc, when];
  }
  return found;
}

export function frameAt(indexed: IndexedReplay, at: number): ReplayFrame {
  const { replay, docs } = indexed;
  const clock = clockAt(replay, at);
  const text = (kind: DocRef['kind'], field: string) => {
    const doc = latestDoc(docs, kind, at);
    return doc ? (textsAt(doc, at)[field] ?? '') : null;
  };
  const star = latestDoc(docs, 'star', at);
  return {
    at,
    offsetMs: at - indexed.start,
    clock,
    phase:
      clock.clock.kind === 'running' || clock.clock.kind === 'paused' ? clock.clock.phase : null,
    code: text('code', 'code'),
    notes: text('notes', 'text'),
    privateNotes: text('private-notes', 'text'),
    star: star ? textsAt(star, at) : null,
    boardChanges: countUpTo(indexed.boardTimes, at),
    run: runAt(replay.runs, at),
  };
}
