/**
 * Client-side clock estimation. The client never counts down by itself: it shows
 * `endsAt - (Date.now() + offset)`, where `offset` is how far the server's clock is
 * ahead of the local one, estimated from pings.
 */

/** One ping: local send time, the server's clock when it answered, local receive time. */
export interface PingSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

export interface OffsetEstimate {
  offsetMs: number;
  rttMs: number;
}

/** Offset from one ping, assuming the reply took half the round trip. */
export function offsetFromSample(sample: PingSample): OffsetEstimate {
  const rttMs = Math.max(0, sample.receivedAt - sample.sentAt);
  return { offsetMs: sample.serverNow - (sample.sentAt + rttMs / 2), rttMs };
}

/** The estimate from the sample with the lowest round trip (least queueing noise). */
export function bestOffset(samples: readonly PingSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null;
  for (const sample of samples) {
    const estimate = offsetFromSample(sample);
    if (!best || estimate.rttMs < best.rttMs) best = estimate;
  }
  return best;
}

/** What a countdown showed last, and for which deadline. */
export interface ShownCountdown {
  deadlineKey: string;
  remainingMs: number;
}

/**
 * The value to show now. For the same deadline the countdown only goes down: a
 * better offset estimate that would add time back is absorbed instead of shown as a
 * jump. A new deadline (next phase, extension, resume) is shown as computed.
 */
export function nextShown(
  previous: ShownCountdown | null,
  deadlineKey: string,
  computedMs: number,
): ShownCountdown {
  const remainingMs = Math.max(0, computedMs);
  if (previous && previous.deadlineKey === deadlineKey) {
    return { deadlineKey, remainingMs: Math.min(previous.remainingMs, remainingMs) };
  }
  return { deadlineKey, remainingMs };
}

/** Colour band of a countdown: amber from 5 minutes left, red from 1 minute. */
export function urgency(remainingMs: number): 'normal' | 'amber' | 'red' {
  if (remainingMs <= 60_000) return 'red';
  if (remainingMs <= 5 * 60_000) return 'amber';
  return 'normal';
}
