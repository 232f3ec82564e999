/** Percentiles and rounding for the report. */

/** The p-th percentile (0–100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length ? samples.reduce((a, b) => Math.max(a, b)) : Number.NaN,
  };
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;

export const describe = (s: Summary): string =>
  `n=${s.count} p50=${round2(s.p50)} ms p99=${round2(s.p99)} ms max=${round2(s.max)} ms`;
