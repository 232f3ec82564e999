/**
 * Follows every message of the latency phase from emit to the partner's receipt, and
 * its ack. A message is keyed by room and sequence number (`score` for the score).
 */
import { monotonicMs, waitUntil } from './util';

export type AckOutcome = { ok: true } | { ok: false; reason: string };

interface Delivery {
  emittedAt: number;
  ack: AckOutcome | null;
  receivedAt: number | null;
}

export interface DeliveryResult {
  latenciesMs: number[];
  /** [ms since the first emit, latency ms] of every received message, for timelines. */
  points: [number, number][];
  sent: number;
  /** The server (or relay) acked with an error. */
  errorAcks: number;
  /** No ack within the timeout. */
  missingAcks: number;
  /** Not seen by the partner within the timeout (counts acked and unacked messages). */
  missingReceipts: number;
  /** Acked as applied yet never seen by the partner. */
  lost: number;
  examples: string[];
}

export class DeliveryTracker {
  private readonly deliveries = new Map<string, Delivery>();

  private static key(room: number, seq: number | 'score'): string {
    return `${room}:${seq}`;
  }

  /** Call right before emitting. */
  sent(room: number, seq: number | 'score'): void {
    const key = DeliveryTracker.key(room, seq);
    this.deliveries.set(key, { emittedAt: monotonicMs(), ack: null, receivedAt: null });
  }

  acked(room: number, seq: number | 'score', outcome: AckOutcome): void {
    const delivery = this.deliveries.get(DeliveryTracker.key(room, seq));
    if (delivery && !delivery.ack) delivery.ack = outcome;
  }

  /** The partner saw the message; unknown or repeated receipts are ignored. */
  received(room: number, seq: number | 'score'): void {
    const delivery = this.deliveries.get(DeliveryTracker.key(room, seq));
    if (delivery && delivery.receivedAt === null) delivery.receivedAt = monotonicMs();
  }

  private settled(delivery: Delivery): boolean {
    if (!delivery.ack) return false;
    return !delivery.ack.ok || delivery.receivedAt !== null;
  }

  /** Waits until every message is acked and (if acked ok) received, or `timeoutMs` passes. */
  async settle(timeoutMs: number): Promise<void> {
    const all = [...this.deliveries.values()];
    await waitUntil(() => all.every((d) => this.settled(d)), timeoutMs, 50);
  }

  result(): DeliveryResult {
    const result: DeliveryResult = {
      latenciesMs: [],
      points: [],
      sent: this.deliveries.size,
      errorAcks: 0,
      missingAcks: 0,
      missingReceipts: 0,
      lost: 0,
      examples: [],
    };
    const example = (text: string) => result.examples.length < 5 && result.examples.push(text);
    let first = Infinity;
    for (const d of this.deliveries.values()) first = Math.min(first, d.emittedAt);
    for (const [key, d] of this.deliveries) {
      if (d.receivedAt !== null) {
        result.latenciesMs.push(d.receivedAt - d.emittedAt);
        result.points.push([d.emittedAt - first, d.receivedAt - d.emittedAt]);
      }
      if (!d.ack) {
        result.missingAcks++;
        example(`${key}: no ack`);
      } else if (!d.ack.ok) {
        result.errorAcks++;
        example(`${key}: ${d.ack.reason}`);
        continue; // refused, so the partner is not expected to see it
      }
      if (d.receivedAt === null) {
        result.missingReceipts++;
        if (d.ack?.ok) {
          result.lost++;
          example(`${key}: acked, never seen by the partner`);
        }
      }
    }
    return result;
  }
}
