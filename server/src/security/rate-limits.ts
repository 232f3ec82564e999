/**
 * The server's rate limits. Per client address: REST requests, loop creation, chunks of
 * recordings and connection handshakes; per socket: commands. Every address counts, this machine's
 * included; behind a trusted reverse proxy the address it forwards counts.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { TokenBuckets, type BucketOptions } from './token-bucket';

export interface RateLimitConfig {
  rest: BucketOptions;
  createLoop: BucketOptions;
  /** Chunks of audio recordings sent (`PUT …/recordings/:id/chunks/:seq`). */
  recordingChunks: BucketOptions;
  connect: BucketOptions;
  /** Per socket, whatever its address. */
  command: BucketOptions;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  rest: { perSecond: 10, burst: 60 },
  createLoop: { perSecond: 0.5, burst: 20 },
  // A recorder sends a chunk every second or few; two people may share an address.
  recordingChunks: { perSecond: 2, burst: 30 },
  connect: { perSecond: 5, burst: 30 },
  command: { perSecond: 20, burst: 60 },
};

/** Tells a request's client address, trusting `X-Forwarded-For` only from known proxies. */
export type AddressOf = (req: IncomingMessage) => string;

/**
 * The client's address as the trusted proxies forwarded it: the nearest address in
 * `X-Forwarded-For` that is not itself a trusted proxy. Only the proxies listed in
 * `trusted` (addresses, CIDR ranges, or `loopback` for one on this machine) are believed;
 * with none, the header is ignored and the connection's own address counts.
 */
export function addressResolver(trusted: readonly string[] = []): AddressOf {
  const trust = proxyaddr.compile([...trusted]);
  return (req) => proxyaddr(req, trust);
}

export class RateLimiter {
  readonly rest: TokenBuckets;
  readonly createLoop: TokenBuckets;
  readonly recordingChunks: TokenBuckets;
  readonly connect: TokenBuckets;
  readonly command: TokenBuckets;

  constructor(config: RateLimitConfig = DEFAULT_RATE_LIMITS, now: () => number = Date.now) {
    this.rest = new TokenBuckets(config.rest, now);
    this.createLoop = new TokenBuckets(config.createLoop, now);
    this.recordingChunks = new TokenBuckets(config.recordingChunks, now);
    this.connect = new TokenBuckets(config.connect, now);
    this.command = new TokenBuckets(config.command, now);
  }
}
