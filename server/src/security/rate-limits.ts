/**
 * The server's rate limits. Per client address: REST requests, loop creation and
 * socket connections; per socket: commands. Requests from this machine itself
 * (loopback, not forwarded by a proxy) skip the per-address limits, so local tools and
 * benchmarks are not throttled; behind a trusted reverse proxy the forwarded address counts.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { TokenBuckets, type BucketOptions } from './token-bucket';

export interface RateLimitConfig {
  rest: BucketOptions;
  createLoop: BucketOptions;
  connect: BucketOptions;
  /** Per socket, whatever its address. */
  command: BucketOptions;
  exemptLoopback: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  rest: { perSecond: 10, burst: 60 },
  createLoop: { perSecond: 0.5, burst: 20 },
  connect: { perSecond: 5, burst: 30 },
  command: { perSecond: 20, burst: 60 },
  exemptLoopback: true,
};

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Tells a request's client address, trusting `X-Forwarded-For` only from known proxies. */
export type AddressOf = (req: IncomingMessage) => string;

/**
 * The client's address as the trusted proxies forwarded it: the nearest address in
 * `X-Forwarded-For` that is not itself a trusted proxy. A proxy on this machine is always
 * trusted; others (a load balancer) are listed in `trusted` as addresses or CIDR ranges.
 */
export function addressResolver(trusted: readonly string[] = []): AddressOf {
  const trust = proxyaddr.compile(['loopback', ...trusted]);
  return (req) => proxyaddr(req, trust);
}

export class RateLimiter {
  readonly rest: TokenBuckets;
  readonly createLoop: TokenBuckets;
  readonly connect: TokenBuckets;
  readonly command: TokenBuckets;

  constructor(
    private readonly config: RateLimitConfig = DEFAULT_RATE_LIMITS,
    now: () => number = Date.now,
  ) {
    this.rest = new TokenBuckets(config.rest, now);
    this.createLoop = new TokenBuckets(config.createLoop, now);
    this.connect = new TokenBuckets(config.connect, now);
    this.command = new TokenBuckets(config.command, now);
  }

  /** Spends from a per-address bucket; always allowed for this machine when exempt. */
  allowAddress(buckets: TokenBuckets, address: string): boolean {
    if (this.config.exemptLoopback && LOOPBACK.test(address)) return true;
    return buckets.take(address);
  }
}
