/**
 * The mockloop server under test, in its own process: createApp with a SQLite store in
 * BENCH_DATA_DIR (or PostgreSQL at BENCH_DATABASE_URL, linked to other nodes through
 * Redis at BENCH_REDIS_URL) on 127.0.0.1, an ephemeral port, no client dir and a silent
 * logger. Bench-only additions live here, not in the product: the store is wrapped to
 * count writes (commands and document updates), heap/stats are answered over the IPC channel, and the per-address
 * limits are lifted, since every simulated client connects from this one machine.
 */
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '@mockloop/rounds';
import { createApp } from '../server/src/app';
import { DEFAULT_LIMITS } from '../server/src/limits';
import { DEFAULT_RATE_LIMITS } from '../server/src/security/rate-limits';
import { connectRedisCluster } from '../server/src/cluster/redis-cluster';
import { silentLogger } from '../server/src/log';
import { systemClock } from '../server/src/loops/clock';
import { openPostgresStore } from '../server/src/store/postgres-store';
import { openSqliteStore } from '../server/src/store/sqlite-store';
import type { LoopStore } from '../server/src/store/store';
import { serveParent, WriteTimes } from './child-runtime';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;

const inner = databaseUrl
  ? await openPostgresStore({ url: databaseUrl })
  : openSqliteStore(dataDir);
const cluster = redisUrl
  ? await connectRedisCluster({ url: redisUrl, log: silentLogger })
  : undefined;
let writes = 0;
const writeTimes = new WriteTimes();
/**
 * Counts and times a write. SQLite's statements run at once (the promise resolves at the
 * group commit), so its time is how long the event loop was held; PostgreSQL's is sent off
 * at once and the time is near zero.
 */
function counted<A extends unknown[]>(write: (...args: A) => Promise<void>) {
  return (...args: A): Promise<void> => {
    const started = performance.now();
    const durable = write(...args);
    writeTimes.record(performance.now() - started);
    writes++;
    return durable;
  };
}
/** The real store; only its appends (events and document updates) are counted and timed. */
const store: LoopStore = {
  ...inner,
  append: counted(inner.append.bind(inner)),
  workspaces: {
    ...inner.workspaces,
    appendDocUpdate: counted(inner.workspaces.appendDocUpdate.bind(inner.workspaces)),
  },
};

const LIFTED = { perSecond: 1e9, burst: 1e9 };
const app = createApp({
  catalog: loadCatalog(),
  store,
  clock: systemClock,
  log: silentLogger,
  cluster,
  rateLimits: { ...DEFAULT_RATE_LIMITS, rest: LIFTED, createLoop: LIFTED, connect: LIFTED },
  limits: {
    sockets: { ...DEFAULT_LIMITS.sockets, perAddress: 1e9 },
    quotas: { ...DEFAULT_LIMITS.quotas, loopsPerAddressPerDay: 1e9 },
  },
});
void app.resume();
app.httpServer.listen(0, '127.0.0.1', () => {
  const { port } = app.httpServer.address() as AddressInfo;
  serveParent(port, { writes: () => writes, relayed: () => 0 }, writeTimes, () => app.close());
});
