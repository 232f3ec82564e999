/**
 * Clock-offset estimation exactly as the browser client does it
 * (client/src/lib/loop-connection.ts: 5 pings 150 ms apart after connecting, 2 s timeout
 * each, keep the lowest round trip), run against a deliberately wrong local clock.
 */
import type { Socket } from 'socket.io-client';
import { bestOffset, type OffsetEstimate, type PingSample } from '@mockloop/shared/clock-sync';
import type { ClientToServerEvents, ServerToClientEvents } from '@mockloop/shared/protocol';
import { sleep, uniform } from './util';

const PINGS_PER_SYNC = 5;
const PING_SPACING_MS = 150;
const PING_TIMEOUT_MS = 2_000;
/** Each simulated client's clock is off by up to this much, either way. */
export const MAX_CLOCK_SKEW_MS = 60 * 60_000;

/** A client's idea of `Date.now()`: the real one plus its own fixed error. */
export interface SkewedClock {
  readonly skewMs: number;
  now(): number;
  /** What this clock reads when the real clock reads `realMs`. */
  at(realMs: number): number;
}

export function skewedClock(maxSkewMs = MAX_CLOCK_SKEW_MS): SkewedClock {
  const skewMs = uniform(-maxSkewMs, maxSkewMs);
  return { skewMs, now: () => Date.now() + skewMs, at: (realMs) => realMs + skewMs };
}

export async function syncClock(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  clock: SkewedClock,
): Promise<OffsetEstimate | null> {
  const samples: PingSample[] = [];
  for (let i = 0; i < PINGS_PER_SYNC && socket.connected; i++) {
    const sentAt = clock.now();
    const reply = await socket
      .timeout(PING_TIMEOUT_MS)
      .emitWithAck('clock:ping', { sentAt })
      .catch(() => null);
    if (reply?.ok)
      samples.push({ sentAt, serverNow: reply.data.serverNow, receivedAt: clock.now() });
    await sleep(PING_SPACING_MS);
  }
  return bestOffset(samples);
}
