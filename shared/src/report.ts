/**
 * A loop report (`report.json`): everything the review page shows, as one role may see
 * it. Built by the server; read back by the review page and by an import.
 */
import type { RoundReplay } from './replay/replay';
import type { Recording } from './recording-api';
import type { BoardElement } from './board';
import type { DebriefResult } from './debrief';
import type { Level, TargetLevel } from './levels';
import type { Rating } from './loop/state';
import type { StarAnswer } from './star';
import type { LpCoverage } from './review/lp-coverage';
import type { RoundPace } from './review/pacing';

export const REPORT_FORMAT = 'mockloop-report@1';
/**
 * Largest `report.json`, in bytes, whatever the loop holds: diagrams that would pass it
 * are left out of the file (the review page still draws them).
 */
export const REPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The largest report that carries recorded audio, and so the largest a page imports. */
export const REPORT_AUDIO_MAX_BYTES = 50 * 1024 * 1024;

/** A recording in a report: what the server keeps of it, and its audio as base64. */
export interface ReportRecording extends Omit<Recording, 'loopId' | 'chunks' | 'createdAt'> {
  audio: string;
}

export interface ReportScore {
  vote: Level;
  justification: string;
  submittedAt: number;
}

export interface LoopReport {
  format: typeof REPORT_FORMAT;
  loop: {
    id: string;
    mode: string;
    status: string;
    /** The job level the loop targeted (L5 for loops and reports from before levels). */
    targetLevel: TargetLevel;
    createdAt: string;
    endedAt: string | null;
  };
  viewedAs: string;
  rounds: {
    roundId: string;
    title: string;
    status: string;
    minutes: number;
    question: { id: string; prompt: string; difficulty: string };
    hintsUsed: number;
    /**
     * Technical rounds: the story question of the opening Leadership Principle phase, the
     * principles it targets and the hints of its ladder that were used. Absent in reports
     * of loops from before that phase existed.
     */
    lpQuestion?: {
      id: string;
      prompt: string;
      leadershipPrinciples: string[];
      hintsUsed: number;
      /** Its signals ticked as heard, where this role sees the signals. */
      signalsHeard: string[] | null;
    } | null;
    /**
     * Hints revealed and follow-ups pushed, with milliseconds from the round's start;
     * `part: 'lp'` marks those of the Leadership Principle question.
     */
    ledger: {
      kind: 'hint' | 'follow-up';
      part?: 'lp';
      index: number;
      text: string;
      afterMs: number | null;
    }[];
    /** Minutes planned and spent per phase, from the event log. */
    pacing: RoundPace | null;
    dimensions: {
      id: string;
      title: string;
      self: Rating | null;
      partner: Rating | null;
      /** self − partner, where both gave a level. */
      gap: number | null;
    }[];
    self: ReportScore | null;
    partner: ReportScore | null;
    /** The candidate's notes. */
    notes: string;
    /** The interviewer's private notes: in the interviewer's and observer's report only. */
    privateNotes?: string;
    /** Coding rounds: the final code and its last test run. */
    code: { language: string; text: string } | null;
    lastRun: {
      language: string;
      outcome: string;
      message: string;
      passed: number;
      total: number;
    } | null;
    /** Behavioral rounds: the STAR answer. */
    star: StarAnswer | null;
    /** System-design rounds: the whiteboard's elements (deleted ones left out). */
    diagram: BoardElement[] | null;
    /**
     * Set when the diagram was too large to keep within `REPORT_MAX_BYTES` (then `diagram`
     * is empty): how many elements it has. The loop's own review page still draws it.
     */
    diagramLeftOut?: number;
    /** The question's signals ticked as heard, where this role sees the signals. */
    signalsHeard: string[] | null;
  }[];
  debrief: DebriefResult | null;
  /** Every Leadership Principle, with the rounds that gave evidence of it. */
  principles: LpCoverage[];
  /**
   * Asked for with `?replay=1`: each round's replay (as `GET …/rounds/:round/replay` gives
   * it), in round order, as many as fit within `REPORT_MAX_BYTES`; recordings are not in it.
   */
  replays?: RoundReplay[];
  /** The rounds (from 0) whose replay did not fit. */
  replaysLeftOut?: number[];
  /**
   * Asked for with `?replay=1&audio=1`: the recordings kept by the server, each with its
   * audio (base64), as many as fit within `REPORT_AUDIO_MAX_BYTES`.
   */
  recordings?: ReportRecording[];
  /** The ids of the recordings whose audio did not fit. */
  recordingsLeftOut?: string[];
}
