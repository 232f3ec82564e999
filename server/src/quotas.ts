/**
 * Storage quotas: what one loop may store, what the whole store may hold, and how many
 * loops one address may create in a day. A write over a quota is refused before it is
 * made, with an error that names the quota and what to do; nothing already stored is
 * touched. Typing (notes, STAR answers, code, the whiteboard, test runs) stops at a loop's
 * quota; the commands that run and score a loop keep a small reserve beyond it, so a full
 * loop can still be finished and reviewed.
 *
 * Each node counts on its own: a loop's use is read from the store when the node first
 * writes to it and then counted up here; the store's size is read every few seconds.
 */
import { fail, type Ack } from '@mockloop/shared/errors';
import type { LoopStore } from './store/store';
import { TokenBuckets } from './security/token-bucket';

export interface QuotaLimits {
  /** Bytes one loop may store: its event log, its code's updates and its whiteboards. */
  loopBytes: number;
  /** Bytes the whole store may hold before new loops, typing and recording are refused. */
  storeBytes: number;
  /** Loops one client address may create in a day. */
  loopsPerAddressPerDay: number;
  /** Bytes of audio one loop's recordings may hold, apart from `loopBytes`. */
  recordingBytes: number;
}

export const DEFAULT_QUOTAS: QuotaLimits = {
  loopBytes: 64 * 1024 * 1024,
  storeBytes: 10 * 1024 * 1024 * 1024,
  loopsPerAddressPerDay: 200,
  recordingBytes: 200 * 1024 * 1024,
};

/** Room beyond a loop's quota for the commands that run and score it. */
export const LIFECYCLE_RESERVE_BYTES = 1024 * 1024;
/** How often the store's size is read again. */
const STORE_SIZE_EVERY_MS = 10_000;
/** A loop's count is forgotten after this long unused, and read again when next needed. */
const FORGET_AFTER_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** Typing fills a loop; lifecycle commands run and score it and may use the reserve. */
export type WriteKind = 'typing' | 'lifecycle';

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;

export class Quotas {
  private readonly loops = new Map<string, { bytes: number; touched: number }>();
  private readonly created: TokenBuckets;
  private storeBytes = 0;
  private storeReadAt = -Infinity;
  private reading: Promise<void> | null = null;
  private lastSweep = 0;

  constructor(
    private readonly store: Pick<LoopStore, 'loopBytes' | 'storeBytes'>,
    readonly limits: QuotaLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.created = new TokenBuckets(
      {
        perSecond: limits.loopsPerAddressPerDay / (DAY_MS / 1000),
        burst: limits.loopsPerAddressPerDay,
        idleMs: DAY_MS,
      },
      now,
    );
  }

  /** Whether a new loop may be stored (from `address`, when a client asks for it). */
  async allowNewLoop(address?: string): Promise<Ack<null>> {
    const full = await this.storeFull();
    if (full) return full;
    if (address !== undefined && !this.created.take(address))
      return fail(
        'limit-reached',
        `${this.limits.loopsPerAddressPerDay} loops were created from your address in the last day; ` +
          'wait a few hours, or ask whoever runs this server to raise MAX_LOOPS_PER_ADDRESS_PER_DAY',
      );
    return { ok: true, data: null };
  }

  /** Whether the store has room for more than a loop's lifecycle (a recording, say). */
  async allowStoreWrite(): Promise<Ack<null>> {
    return (await this.storeFull()) ?? { ok: true, data: null };
  }

  /** Whether `bytes` more may be written to a loop. */
  async allowWrite(loopId: string, bytes: number, kind: WriteKind): Promise<Ack<null>> {
    if (kind === 'typing') {
      const full = await this.storeFull();
      if (full) return full;
    }
    const used = await this.used(loopId);
    const limit = this.limits.loopBytes + (kind === 'lifecycle' ? LIFECYCLE_RESERVE_BYTES : 0);
    if (used + bytes > limit)
      return fail(
        'storage-full',
        kind === 'typing'
          ? `this loop has used its ${mb(this.limits.loopBytes)} of storage: everything saved so ` +
              'far is kept, but nothing more can be typed or drawn in it; you can still score ' +
              'and end it, then start a new loop'
          : `this loop has used its ${mb(this.limits.loopBytes)} of storage and its reserve; ` +
              'everything saved so far is kept',
      );
    return { ok: true, data: null };
  }

  /** Counts bytes written to a loop (or freed, when negative). */
  wrote(loopId: string, bytes: number): void {
    const entry = this.loops.get(loopId);
    if (entry) {
      entry.bytes += bytes;
      entry.touched = this.now();
    }
    this.storeBytes += Math.max(0, bytes);
  }

  private async used(loopId: string): Promise<number> {
    this.sweep();
    let entry = this.loops.get(loopId);
    if (!entry) {
      const bytes = await this.store.loopBytes(loopId);
      // Another write may have counted it meanwhile.
      entry = this.loops.get(loopId) ?? { bytes, touched: this.now() };
      this.loops.set(loopId, entry);
    }
    entry.touched = this.now();
    return entry.bytes;
  }

  /** The refusal when the store is at its ceiling, or null. */
  private async storeFull(): Promise<Ack<null> | null> {
    if (this.now() - this.storeReadAt >= STORE_SIZE_EVERY_MS) {
      this.reading ??= this.store
        .storeBytes()
        .then((bytes) => {
          this.storeBytes = bytes;
          this.storeReadAt = this.now();
        })
        .finally(() => (this.reading = null));
      await this.reading;
    }
    if (this.storeBytes < this.limits.storeBytes) return null;
    return fail(
      'storage-full',
      `this server's storage is full (${mb(this.limits.storeBytes)}, MAX_STORE_MB): everything ` +
        'saved is kept, but new loops, typing and recording are refused until its operator frees ' +
        'space or raises the limit',
    );
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < FORGET_AFTER_MS) return;
    this.lastSweep = now;
    for (const [id, entry] of this.loops)
      if (now - entry.touched > FORGET_AFTER_MS) this.loops.delete(id);
  }
}
