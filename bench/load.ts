/**
 * The paced latency load, the same for mockloop and the baseline relay: every room's
 * candidate sends `updates` notes and its interviewer one score, one message every
 * intervalMin–intervalMax ms (uniform jitter), rooms starting at random offsets. Sends do
 * not wait for the previous ack (open loop), so a slow server shows as latency.
 *
 * The score (a lifecycle command) comes at a random place among each room's notes, so that
 * the rooms' commands are spread over the load as a day's use would spread them; with
 * `scoreAt: 'middle'` (BENCH_SCORE_AT=middle) every room scores at its middle send, which
 * puts all the rooms' commands within about half a second: a stress case, reported apart.
 */
import type { BenchConfig } from './config';
import { DeliveryTracker, type AckOutcome, type DeliveryResult } from './tracker';
import { sleep, uniform } from './util';

export interface LoadTarget {
  readonly index: number;
  /** Emits note `seq` from the candidate; resolves with the ack, or null if none came in time. */
  sendNote(seq: number): Promise<AckOutcome | null>;
  /** Emits the interviewer's score; resolves like `sendNote`. */
  sendScore(): Promise<AckOutcome | null>;
}

/** A room that reports what its partner side receives. */
export interface TrackedTarget extends LoadTarget {
  /** Set while measuring: the interviewer saw note `seq`. */
  onNote: ((seq: number) => void) | null;
  /** Set while measuring: the candidate saw the score. */
  onScore: (() => void) | null;
}

export interface Pacing {
  updates: number;
  intervalMinMs: number;
  intervalMaxMs: number;
  scoreAt: BenchConfig['scoreAt'];
}

/** Warm-up rooms are numbered from here, apart from the measured ones. */
export const WARM_UP_FIRST_INDEX = 1_000_000;

/** The pacing of `updates` notes per room under the run's settings. */
export const pacingOf = (config: BenchConfig, updates: number): Pacing => ({
  updates,
  intervalMinMs: config.intervalMinMs,
  intervalMaxMs: config.intervalMaxMs,
  scoreAt: config.scoreAt,
});

/** The sends of one room, in order: notes 0..updates-1 with the score among them. */
function plan({ updates, scoreAt }: Pacing): (number | 'score')[] {
  const steps: (number | 'score')[] = Array.from({ length: updates }, (_, seq) => seq);
  const at =
    scoreAt === 'middle' ? Math.ceil(updates / 2) : Math.floor(Math.random() * (updates + 1));
  steps.splice(at, 0, 'score');
  return steps;
}

async function drive(target: LoadTarget, pacing: Pacing, tracker: DeliveryTracker): Promise<void> {
  await sleep(uniform(0, pacing.intervalMaxMs));
  const acks: Promise<void>[] = [];
  for (const step of plan(pacing)) {
    tracker.sent(target.index, step);
    const ack = step === 'score' ? target.sendScore() : target.sendNote(step);
    acks.push(
      ack.then((outcome) => {
        if (outcome) tracker.acked(target.index, step, outcome);
      }),
    );
    await sleep(uniform(pacing.intervalMinMs, pacing.intervalMaxMs));
  }
  await Promise.all(acks);
}

/** Runs the load on every room at once; resolves when every ack is in (or timed out). */
export async function runPacedLoad(
  targets: readonly LoadTarget[],
  pacing: Pacing,
  tracker: DeliveryTracker,
): Promise<number> {
  const started = performance.now();
  await Promise.all(targets.map((target) => drive(target, pacing, tracker)));
  return performance.now() - started;
}

/** The paced load with every message tracked to its receipt; waits for stragglers. */
export async function measureLatency(
  targets: readonly TrackedTarget[],
  pacing: Pacing,
  settleTimeoutMs: number,
): Promise<{ result: DeliveryResult; elapsedMs: number }> {
  const tracker = new DeliveryTracker();
  for (const target of targets) {
    target.onNote = (seq) => tracker.received(target.index, seq);
    target.onScore = () => tracker.received(target.index, 'score');
  }
  const elapsedMs = await runPacedLoad(targets, pacing, tracker);
  await tracker.settle(settleTimeoutMs);
  for (const target of targets) {
    target.onNote = null;
    target.onScore = null;
  }
  return { result: tracker.result(), elapsedMs };
}
