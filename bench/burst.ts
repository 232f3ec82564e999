/**
 * Write throughput: every room's candidate types into its notes back to back (doc:edit),
 * the next run as soon as the previous is acked, for `durationMs`. Every ack is a stored
 * update (group commit) after its relay to the interviewer, so acks per second is what the
 * server sustains end to end. Afterwards each interviewer must see the last acked run.
 *
 * The server limits each socket to 20 commands/s (burst 60; server/src/security/
 * rate-limits.ts, not exempt on loopback). A `rate-limited` ack here is that limit, not a
 * failure: the room waits for a token and sends again, and the refusals are reported.
 * With few rooms the limit, not the server, bounds the figure (rooms × 20/s + burst).
 */
import type { ErrorLog } from './errors';
import type { MockRoom } from './mockloop-rooms';
import { sleep, waitUntil } from './util';

/** The server's per-socket refill interval: one command per 50 ms. */
const RATE_LIMIT_BACKOFF_MS = 50;

export interface BurstResult {
  acked: number;
  /** Sends refused by the server's per-socket rate limit (then retried). */
  throttled: number;
  elapsedMs: number;
  /** Rooms whose interviewer never saw the candidate's last acked notes. */
  lost: number;
}

export async function runWriteBurst(
  rooms: readonly MockRoom[],
  options: { durationMs: number; firstSeq: number; timeoutMs: number; errors: ErrorLog },
): Promise<BurstResult> {
  const started = performance.now();
  const deadline = started + options.durationMs;
  let acked = 0;
  let throttled = 0;
  const lastAcked = new Map<MockRoom, number>();

  await Promise.all(
    rooms.map(async (room) => {
      for (let seq = options.firstSeq; performance.now() < deadline; seq++) {
        const outcome = await room.sendNote(seq);
        if (!outcome) {
          options.errors.record('burst-no-ack', `room ${room.index} note ${seq}`);
          return;
        }
        if (!outcome.ok && outcome.reason.startsWith('rate-limited')) {
          throttled++;
          await sleep(RATE_LIMIT_BACKOFF_MS);
          continue;
        }
        if (!outcome.ok) {
          options.errors.record('burst-error-ack', `room ${room.index}: ${outcome.reason}`);
          return;
        }
        acked++;
        lastAcked.set(room, seq);
      }
    }),
  );
  const elapsedMs = performance.now() - started;

  const seenAll = () => [...lastAcked].every(([room, seq]) => room.lastNoteSeen >= seq);
  await waitUntil(seenAll, options.timeoutMs, 50);
  const lost = [...lastAcked].filter(([room, seq]) => room.lastNoteSeen < seq).length;
  return { acked, throttled, elapsedMs, lost };
}
