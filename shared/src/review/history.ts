/**
 * Progress across loops: what the history page derives from the reports of the loops this
 * device opened. Pure functions over `LoopReport`s, in any order; each sorts by time itself.
 *
 * The list of loops shows every report. The progress views (trends, calibration, Leadership
 * Principle coverage, weakest dimensions) count only loops that have ended and that the
 * device opened as the candidate: a loop still running has scores that may yet change, and
 * in a loop where this device was the interviewer the scores are about someone else.
 */
import type { DebriefResult } from '../debrief';
import type { Level, TargetLevel } from '../levels';
import type { Rating } from '../loop/state';
import type { LoopReport } from '../report';
import { ratingGap } from './calibration';

/** When a loop happened: when it ended, else when it started (ISO 8601). */
export const loopTime = (report: LoopReport): string =>
  report.loop.endedAt ?? report.loop.createdAt;

const timeOf = (report: LoopReport) => Date.parse(loopTime(report));

/** Oldest first; loops at the same moment keep a stable order by id. */
const chronological = (reports: readonly LoopReport[]) =>
  [...reports].sort((a, b) => timeOf(a) - timeOf(b) || a.loop.id.localeCompare(b.loop.id));

/** Ended loops seen as the candidate, oldest first: what the progress views count. */
export const progressLoops = (reports: readonly LoopReport[]): LoopReport[] =>
  chronological(reports).filter((r) => r.loop.status === 'ended' && r.viewedAs === 'candidate');

const level = (rating: Rating | null | undefined): Level | null =>
  typeof rating === 'number' ? rating : null;

/** One row of the list of loops. */
export interface LoopSummary {
  loopId: string;
  /** When it ended, else when it started (ISO 8601). */
  at: string;
  mode: string;
  /** The job level the loop targeted. */
  targetLevel: TargetLevel;
  /** The role this device had in the loop. */
  role: string;
  status: string;
  /** The debrief's outcome; null while the loop has none. */
  outcome: DebriefResult['outcome'] | null;
  /** Titles of the loop's rounds, in order. */
  rounds: string[];
}

/** Date, mode, level, role and outcome of every loop, newest first. */
export function loopSummaries(reports: readonly LoopReport[]): LoopSummary[] {
  return chronological(reports)
    .reverse()
    .map((r) => ({
      loopId: r.loop.id,
      at: loopTime(r),
      mode: r.loop.mode,
      targetLevel: r.loop.targetLevel,
      role: r.viewedAs,
      status: r.loop.status,
      outcome: r.debrief?.outcome ?? null,
      rounds: r.rounds.map((round) => round.title),
    }));
}

/** One loop's ratings of one rubric dimension. */
export interface TrendPoint {
  loopId: string;
  at: string;
  self: Level | null;
  partner: Level | null;
}

/** A rubric dimension of a round, with its ratings over time (oldest first). */
export interface DimensionTrend {
  roundId: string;
  roundTitle: string;
  dimensionId: string;
  title: string;
  points: TrendPoint[];
}

/**
 * Per round and rubric dimension, the ratings over time: one point per loop that gave the
 * dimension a level from either side ("no signal" and missing scores are left out). Trends
 * come in the order their round and dimension were first seen.
 */
export function dimensionTrends(reports: readonly LoopReport[]): DimensionTrend[] {
  const trends = new Map<string, DimensionTrend>();
  for (const report of progressLoops(reports)) {
    for (const round of report.rounds) {
      for (const dim of round.dimensions) {
        const self = level(dim.self);
        const partner = level(dim.partner);
        if (self === null && partner === null) continue;
        const key = `${round.roundId}\u0000${dim.id}`;
        let trend = trends.get(key);
        if (!trend) {
          trend = {
            roundId: round.roundId,
            roundTitle: round.title,
            dimensionId: dim.id,
            title: dim.title,
            points: [],
          };
          trends.set(key, trend);
        }
        trend.points.push({ loopId: report.loop.id, at: loopTime(report), self, partner });
      }
    }
  }
  return [...trends.values()];
}

/** A loop's mean self − partner gap. */
export interface CalibrationPoint {
  loopId: string;
  at: string;
  /** Mean of self − partner over the dimensions both rated (positive: rated themself higher). */
  meanGap: number;
  /** How many dimensions both rated. */
  dimensions: number;
}

/**
 * Per loop, oldest first, the mean self − partner gap over every dimension of every round
 * both sides rated with a level. Loops with no such dimension (solo loops) are left out.
 */
export function calibrationOverTime(reports: readonly LoopReport[]): CalibrationPoint[] {
  return progressLoops(reports).flatMap((report) => {
    const gaps = report.rounds
      .flatMap((round) => round.dimensions)
      .map((d) => ratingGap(d.self ?? undefined, d.partner ?? undefined))
      .filter((g): g is number => g !== null);
    if (!gaps.length) return [];
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    return [{ loopId: report.loop.id, at: loopTime(report), meanGap, dimensions: gaps.length }];
  });
}

/** Leadership Principles × loops: how many pieces of evidence each loop gave of each. */
export interface LpHeatmap {
  /** The columns, oldest first. */
  loops: { loopId: string; at: string }[];
  /** Every principle, in the reports' order, with one count per column. */
  rows: { id: string; name: string; counts: number[]; total: number }[];
}

/** Counts each loop's evidence per Leadership Principle (questions targeting it, STAR tags). */
export function lpHeatmap(reports: readonly LoopReport[]): LpHeatmap {
  const loops = progressLoops(reports);
  const rows = new Map<string, { id: string; name: string; counts: number[]; total: number }>();
  loops.forEach((report, column) => {
    for (const principle of report.principles) {
      let row = rows.get(principle.id);
      if (!row) {
        row = { id: principle.id, name: principle.name, counts: loops.map(() => 0), total: 0 };
        rows.set(principle.id, row);
      }
      row.counts[column] = principle.sources.length;
      row.total += principle.sources.length;
    }
  });
  return {
    loops: loops.map((r) => ({ loopId: r.loop.id, at: loopTime(r) })),
    rows: [...rows.values()],
  };
}

/** A rubric dimension that scored low across loops. */
export interface WeakDimension {
  roundId: string;
  roundTitle: string;
  dimensionId: string;
  title: string;
  /** Mean of the ratings counted (the partner's where given, else the self-score). */
  average: number;
  /** How many loops rated it. */
  count: number;
  /** The most recent rating counted. */
  latest: Level;
}

/**
 * The `n` rubric dimensions with the lowest average rating, lowest first. Each loop counts
 * once per dimension with the partner's level where given, else the self-score. A dimension
 * rated in a single loop still counts (early on that is all there is). Ties go first to the
 * lower most recent rating (it has not improved yet), then to the one rated in more loops
 * (better evidence), then by round and dimension title so the order is stable.
 */
export function weakestDimensions(reports: readonly LoopReport[], n = 3): WeakDimension[] {
  const weak = dimensionTrends(reports).flatMap((trend) => {
    const ratings = trend.points
      .map((p) => p.partner ?? p.self)
      .filter((r): r is Level => r !== null);
    if (!ratings.length) return [];
    return [
      {
        roundId: trend.roundId,
        roundTitle: trend.roundTitle,
        dimensionId: trend.dimensionId,
        title: trend.title,
        average: ratings.reduce<number>((a, b) => a + b, 0) / ratings.length,
        count: ratings.length,
        latest: ratings.at(-1)!,
      },
    ];
  });
  return weak
    .sort(
      (a, b) =>
        a.average - b.average ||
        a.latest - b.latest ||
        b.count - a.count ||
        a.roundTitle.localeCompare(b.roundTitle) ||
        a.title.localeCompare(b.title),
    )
    .slice(0, Math.max(0, n));
}
