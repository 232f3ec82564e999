/**
 * Events: what happened to a loop, in the past tense. The event log is the loop's
 * source of truth; every event carries the instant it happened (`at`, epoch ms).
 */
import type { CodeLanguage } from '../code';
import type { CodeRun } from '../code-run';
import type { QuestionFamily, TargetLevel } from '../levels';
import type { StarAnswer } from '../star';
import type { Clock, PlannedPhase } from '../timer';
import type { Mode, Role, ScoreCard, ScoreSource } from './state';

/** The plan of a round fixed when the loop is created. */
export interface RoundPlan {
  roundId: string;
  questionId: string;
  minutes: number;
  phases: PlannedPhase[];
  /** The family of the round's bank the loop asked for; another draw keeps to it. */
  family?: QuestionFamily;
}

export type LoopEvent =
  | {
      type: 'loop.created';
      at: number;
      id: string;
      mode: Mode;
      templateId: string | null;
      /** The level the loop targets; absent in loops created before levels (they are L5). */
      targetLevel?: TargetLevel;
      rounds: RoundPlan[];
    }
  | { type: 'round.started'; at: number; round: number; clock: Clock }
  | { type: 'clock.paused'; at: number; round: number; clock: Clock }
  | { type: 'clock.resumed'; at: number; round: number; clock: Clock }
  | { type: 'clock.extended'; at: number; round: number; minutes: number; clock: Clock }
  | {
      type: 'phase.advanced';
      at: number;
      round: number;
      reason: 'skipped' | 'expired';
      clock: Clock;
    }
  | { type: 'round.ended'; at: number; round: number; reason: 'time-up' | 'ended-early' }
  | { type: 'notes.updated'; at: number; round: number; text: string }
  | { type: 'code.updated'; at: number; round: number; language: CodeLanguage; text: string }
  | { type: 'code.ran'; at: number; round: number; run: CodeRun }
  | { type: 'star.updated'; at: number; round: number; questionId: string; answer: StarAnswer }
  | { type: 'signal.ticked'; at: number; round: number; index: number; checked: boolean }
  | { type: 'private-notes.updated'; at: number; round: number; text: string }
  | { type: 'followup.pushed'; at: number; round: number; index: number }
  | { type: 'token.rotated'; at: number; role: Role }
  | { type: 'loop.swapped'; at: number; nextLoopId: string }
  | { type: 'hint.revealed'; at: number; round: number; index: number }
  | { type: 'question.changed'; at: number; round: number; questionId: string }
  | { type: 'score.submitted'; at: number; round: number; source: ScoreSource; card: ScoreCard }
  | { type: 'round.closed'; at: number; round: number }
  | { type: 'loop.ended'; at: number };

export type LoopEventType = LoopEvent['type'];
