/**
 * Calibration: how a candidate's self-score compares with the interviewer's. The gap is
 * self − partner per rubric dimension (positive: rated themself higher); a gap of 2 or
 * more levels is flagged. "No signal" on either side gives no gap.
 */
import type { Rating, ScoreCard } from '../loop/state';

/** Gaps this large or larger are worth a second look. */
export const NOTABLE_GAP = 2;

export const ratingGap = (self: Rating | undefined, partner: Rating | undefined): number | null =>
  typeof self === 'number' && typeof partner === 'number' ? self - partner : null;

export const isNotableGap = (gap: number | null) => gap !== null && Math.abs(gap) >= NOTABLE_GAP;

/** The mean gap over the dimensions both rated, or null when there is none. */
export function meanGap(
  self: ScoreCard | null | undefined,
  partner: ScoreCard | null | undefined,
  dimensions: readonly string[],
): number | null {
  if (!self || !partner) return null;
  const gaps = dimensions
    .map((d) => ratingGap(self.ratings[d], partner.ratings[d]))
    .filter((g): g is number => g !== null);
  return gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
}
