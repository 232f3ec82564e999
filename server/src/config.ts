/** Configuration from the environment, with defaults for a laptop. */
import { resolve } from 'node:path';
import proxyaddr from 'proxy-addr';
import { DEFAULT_TURN_TTL_SECONDS, type IceConfig } from './call/ice';
import { DEFAULT_LIMITS, type Limits } from './limits';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  /** Base URL for the links handed out, e.g. https://mock.example.org; else the request's host. */
  publicUrl: string | undefined;
  /** postgres://… selects the PostgreSQL store; unset, the embedded SQLite store in dataDir. */
  databaseUrl: string | undefined;
  /** redis://… links this node to the others through the Socket.IO Redis Streams adapter. */
  redisUrl: string | undefined;
  /**
   * Proxies (addresses, CIDR ranges, or `loopback` for one on this machine) whose
   * X-Forwarded-For and X-Forwarded-Proto are believed. None by default.
   */
  trustedProxies: string[];
  /** Caps and quotas (README, "Limits"). */
  limits: Limits;
  /** STUN and TURN servers for the built-in call (README, "Configuration"). */
  ice: IceConfig;
}

/** A positive whole-number setting, or its default when unset. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

const MB = 1024 * 1024;

function readLimits(env: NodeJS.ProcessEnv): Limits {
  const { sockets, quotas } = DEFAULT_LIMITS;
  return {
    sockets: {
      perRole: count(env, 'MAX_SOCKETS_PER_ROLE', sockets.perRole),
      perAddress: count(env, 'MAX_SOCKETS_PER_ADDRESS', sockets.perAddress),
    },
    quotas: {
      loopBytes: count(env, 'MAX_LOOP_MB', quotas.loopBytes / MB) * MB,
      storeBytes: count(env, 'MAX_STORE_MB', quotas.storeBytes / MB) * MB,
      loopsPerAddressPerDay: count(
        env,
        'MAX_LOOPS_PER_ADDRESS_PER_DAY',
        quotas.loopsPerAddressPerDay,
      ),
      recordingBytes: count(env, 'MAX_RECORDING_MB_PER_LOOP', quotas.recordingBytes / MB) * MB,
    },
  };
}

/** A comma-separated list of URLs, each starting with one of `schemes`. */
function urls(env: NodeJS.ProcessEnv, name: string, schemes: readonly string[]): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const url of list)
    if (!schemes.some((scheme) => url.startsWith(`${scheme}:`)) || /\s/.test(url))
      throw new Error(`${name} takes ${schemes.join(': or ')}: URLs, got "${url}"`);
  return list;
}

function readIce(env: NodeJS.ProcessEnv): IceConfig {
  const turnUrls = urls(env, 'TURN_URLS', ['turn', 'turns']);
  const turnSecret = env.TURN_SECRET || undefined;
  if (turnUrls.length && !turnSecret)
    throw new Error("TURN_URLS needs TURN_SECRET (the TURN server's static-auth-secret)");
  return {
    stunUrls: urls(env, 'STUN_URLS', ['stun', 'stuns']),
    turnUrls,
    turnSecret,
    turnTtlSeconds: count(env, 'TURN_TTL_SECONDS', DEFAULT_TURN_TTL_SECONDS),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('DATABASE_URL must start with postgres:// (unset it for the embedded store)');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new Error('REDIS_URL must start with redis:// or rediss://');
  if (redisUrl && !databaseUrl)
    throw new Error(
      'REDIS_URL links several nodes, which must share one store: set DATABASE_URL too',
    );
  const trustedProxies = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of trustedProxies) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(`TRUST_PROXY takes IP addresses, CIDR ranges or "loopback", got "${entry}"`);
    }
  }
  return {
    port,
    trustedProxies,
    limits: readLimits(env),
    ice: readIce(env),
    databaseUrl,
    redisUrl,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    publicUrl: env.PUBLIC_URL ? publicOrigin(env.PUBLIC_URL) : undefined,
  };
}

/** PUBLIC_URL as the origin links start with: http(s), a host, no path, query or credentials. */
function publicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be a URL such as https://mock.example.org, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must start with https:// or http://, got "${value}"`);
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/')
    throw new Error(
      `PUBLIC_URL is the address mockloop is served at, with no path, query or credentials: got "${value}"`,
    );
  return url.origin;
}
