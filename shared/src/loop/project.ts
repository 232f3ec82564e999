/**
 * The projection: what one role may see of a loop. It is the only way loop state
 * leaves the server, over sockets and REST alike, so the candidate's view is decided
 * here and nowhere else.
 */
import type { CatalogIndex } from '../catalog-index';
import type { CodeRun } from '../code-run';
import type { StarAnswer } from '../star';
import type { CodingSpec } from '../content';
import type { SqlSpec } from '../sql';
import type { Difficulty, TargetLevel, WorkspaceKind } from '../levels';
import { decideDebrief, type DebriefResult, type DebriefVote } from '../debrief';
import { lpPhaseIndex } from '../leadership';
import { recordingView, type RecordingView } from '../recording';
import type { Clock } from '../timer';
import { isStaff, permissionsFor, type Permissions } from './permissions';
import type {
  LoopRound,
  LoopState,
  Mode,
  Role,
  RoundStatus,
  ScoreCard,
  ScoreSource,
} from './state';

/** A question as shown to one role. Absent fields are not the role's to see. */
export interface QuestionView {
  id: string;
  prompt: string;
  difficulty: Difficulty;
  topics: string[];
  minutes: number;
  hintCount: number;
  /** Hints revealed so far (all hints for the interviewer, with `revealedAt` null until shown). */
  hints: { index: number; text: string; revealedAt: number | null }[];
  /** All follow-ups for the interviewer; only the pushed ones for the candidate. */
  followUps: { index: number; text: string; constraintChange: boolean; pushedAt: number | null }[];
  /** Leadership Principles the question targets (behavioral and bar-raiser rounds). */
  leadershipPrinciples: string[];
  /**
   * For coding questions: the function to write, worked examples and the test cases
   * "Run tests" runs; the reference solutions only for whoever sees the question's kit.
   */
  coding?: Pick<CodingSpec, 'signature' | 'examples' | 'tests'> &
    Partial<Pick<CodingSpec, 'solutions'>>;
  /**
   * For SQL questions: the tables and the test cases; the reference query only for whoever
   * sees the question's kit.
   */
  sql?: Pick<SqlSpec, 'tables' | 'tests'> & Partial<Pick<SqlSpec, 'solution'>>;
  signals?: string[];
  /** Indexes of the signals ticked as heard; present wherever the signals are. */
  signalsTicked?: number[];
  redFlags?: string[];
}

/**
 * The Leadership Principle question that opens a technical round, as shown to one role:
 * the same rules as the round's own question (the candidate gets the prompt and what was
 * pushed or revealed; the signals, red flags and the rest of the ladder stay with the
 * interviewer, or with the solo candidate once they have scored).
 */
export interface LpView {
  /** Index of the Leadership Principle phase in the round's phases. */
  phase: number;
  /** The principles this round's interviewer owns. */
  principles: string[];
  /** The bank (behavioral or bar-raiser) the question comes from. */
  roundId: string;
  question: QuestionView;
}

/** A score as shown to one role: the card, or only the fact that it exists. */
export type ScoreView = { submitted: true; card: ScoreCard | null };

export interface RoundView {
  index: number;
  roundId: string;
  title: string;
  workspace: WorkspaceKind;
  minutes: number;
  /** The round's phases, each with its guidance for the reader: the interviewer's or the candidate's. */
  phases: { id: string; title: string; minutes: number; guidance: string }[];
  status: RoundStatus;
  clock: Clock;
  startedAt: number | null;
  endedAt: number | null;
  notes: string;
  /** The candidate's code (coding rounds), shared with the interviewer. */
  code: LoopRound['code'];
  /** The last test run of the code (coding rounds). */
  lastRun: CodeRun | null;
  /** The STAR answer to the current question (behavioral rounds). */
  star: StarAnswer | null;
  /** The interviewer's private notes: present for the interviewer and observer only. */
  privateNotes?: string;
  question: QuestionView;
  /** The question of the round's opening Leadership Principle phase, if it has one. */
  lp: LpView | null;
  scores: Partial<Record<ScoreSource, ScoreView>>;
  /** True once every score of this round may be shown to everyone. */
  scoresRevealed: boolean;
}

/** Everything one role sees of a loop, stamped with the server's clock. */
export interface LoopView {
  id: string;
  mode: Mode;
  role: Role;
  /** The job level the loop targets. */
  targetLevel: TargetLevel;
  version: number;
  serverNow: number;
  status: LoopState['status'];
  createdAt: number;
  endedAt: number | null;
  current: number;
  permissions: Permissions;
  rounds: RoundView[];
  /** The debrief outcome, once the loop has ended. */
  debrief: DebriefResult | null;
  /** The loop that continues this one with roles swapped. */
  nextLoopId: string | null;
  /** Who agreed to record the loop's answers, who must, and whether it is on: for every role. */
  recording: RecordingView;
}

/** Scores are blind in a pair until both sides have scored, or the loop has ended. */
export function scoresRevealed(state: LoopState, round: LoopRound): boolean {
  if (state.mode === 'solo' || state.status === 'ended') return true;
  return Boolean(round.scores.self && round.scores.partner);
}

/** The vote each round contributes: the interviewer's where there is one, else the candidate's. */
export function debriefVotes(state: LoopState, content: CatalogIndex): DebriefVote[] {
  return state.rounds.map((round) => {
    const card = round.scores.partner ?? round.scores.self ?? null;
    return {
      roundId: round.roundId,
      title: content.round(round.roundId)?.title ?? round.roundId,
      vote: card?.vote ?? null,
      source: round.scores.partner ? 'partner' : round.scores.self ? 'self' : null,
    };
  });
}

/**
 * Projects a question. `seesKit`: the whole kit — every hint and follow-up, the signals,
 * red flags and reference solutions — for the interviewer and observer, and for the
 * candidate once they have scored the round (the worked solution).
 */
function projectQuestion(round: LoopRound, content: CatalogIndex, seesKit: boolean): QuestionView {
  const question = content.question(round.roundId, round.questionId);
  if (!question) {
    return {
      id: round.questionId,
      prompt: 'This question is no longer in the question bank.',
      difficulty: 'medium',
      topics: [],
      minutes: round.minutes,
      hintCount: 0,
      hints: [],
      followUps: [],
      leadershipPrinciples: [],
    };
  }
  const revealedAt = new Map(round.hintsRevealed.map((h) => [h.index, h.at]));
  const hints = question.hints
    .map((text, index) => ({ index, text, revealedAt: revealedAt.get(index) ?? null }))
    .filter((hint) => seesKit || hint.revealedAt !== null);
  const pushedAt = new Map(round.followUpsPushed.map((f) => [f.index, f.at]));
  const followUps = question.followUps
    .map((f, index) => ({ index, ...f, pushedAt: pushedAt.get(index) ?? null }))
    .filter((f) => seesKit || f.pushedAt !== null);
  const view: QuestionView = {
    id: question.id,
    prompt: question.prompt,
    difficulty: question.difficulty,
    topics: question.topics,
    minutes: question.minutes,
    hintCount: question.hints.length,
    hints,
    followUps,
    leadershipPrinciples: question.leadershipPrinciples,
  };
  if (question.coding) {
    const { signature, examples, tests, solutions } = question.coding;
    view.coding = { signature, examples, tests, ...(seesKit ? { solutions } : {}) };
  }
  if (question.sql) {
    const { tables, tests, solution } = question.sql;
    view.sql = { tables, tests, ...(seesKit ? { solution } : {}) };
  }
  if (seesKit) {
    view.signals = question.signals;
    view.signalsTicked = round.signalsTicked;
    view.redFlags = question.redFlags;
  }
  return view;
}

/** The Leadership Principle question, projected with the same rules as the round's own. */
function projectLp(round: LoopRound, content: CatalogIndex, seesKit: boolean): LpView | null {
  const { lp } = round;
  if (!lp) return null;
  // The LP question's own ladder and ticks stand in for the round's in the same projection.
  const asked: LoopRound = { ...round, ...lp };
  return {
    phase: lpPhaseIndex(round.phases),
    principles: content.round(round.roundId)?.leadershipPrinciples ?? [],
    roundId: lp.roundId,
    question: projectQuestion(asked, content, seesKit),
  };
}

/** What `role` may see of `state` at `now`. */
export function project(
  state: LoopState,
  role: Role,
  now: number,
  content: CatalogIndex,
): LoopView {
  const permissions = permissionsFor(state.mode, role);
  const staff = isStaff(role);
  const rounds = state.rounds.map((round, index): RoundView => {
    const definition = content.round(round.roundId);
    const guidance = new Map(
      definition?.phases.map((p) => [p.id, staff ? p.guidance : p.candidateGuidance]),
    );
    const revealed = scoresRevealed(state, round);
    const own: ScoreSource | null = staff ? 'partner' : role === 'candidate' ? 'self' : null;
    const scores: RoundView['scores'] = {};
    for (const source of ['self', 'partner'] as const) {
      const card = round.scores[source];
      if (card)
        scores[source] = { submitted: true, card: revealed || source === own ? card : null };
    }
    // The candidate sees the question's kit — the worked solution — once they have scored
    // themself, which is only possible once the round is over.
    const seesKit = staff || (role === 'candidate' && Boolean(round.scores.self));
    return {
      index,
      roundId: round.roundId,
      title: definition?.title ?? round.roundId,
      workspace: definition?.workspace ?? 'notes',
      minutes: round.minutes,
      phases: round.phases.map((p) => ({ ...p, guidance: guidance.get(p.id) ?? '' })),
      status: round.status,
      clock: round.clock,
      startedAt: round.startedAt,
      endedAt: round.endedAt,
      notes: round.notes,
      code: round.code,
      lastRun: round.lastRun,
      star: round.stars[round.questionId] ?? null,
      ...(staff ? { privateNotes: round.privateNotes } : {}),
      question: projectQuestion(round, content, seesKit),
      lp: projectLp(round, content, seesKit),
      scores,
      scoresRevealed: revealed,
    };
  });
  return {
    id: state.id,
    mode: state.mode,
    role,
    targetLevel: state.targetLevel,
    version: state.version,
    serverNow: now,
    status: state.status,
    createdAt: state.createdAt,
    endedAt: state.endedAt,
    current: state.current,
    permissions,
    rounds,
    debrief: state.status === 'ended' ? decideDebrief(debriefVotes(state, content)) : null,
    nextLoopId: state.nextLoopId,
    recording: recordingView(state),
  };
}
