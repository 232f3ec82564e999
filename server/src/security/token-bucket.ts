/**
 * Token-bucket rate limiting: each key holds up to `burst` tokens, refilled at
 * `perSecond`; an action spends one. Pure apart from the injected clock.
 */
export interface BucketOptions {
  perSecond: number;
  burst: number;
  /** Buckets untouched this long are forgotten, so memory stays bounded. */
  idleMs?: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends a token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const refilled = Math.min(
      this.options.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond,
    );
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    return allowed;
  }

  private sweep(now: number): void {
    const idle = this.options.idleMs ?? 10 * 60_000;
    if (now - this.lastSweep < idle) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > idle) this.buckets.delete(key);
  }
}
