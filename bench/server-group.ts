/**
 * The mockloop server(s) under test as one: a single node, or two nodes sharing
 * PostgreSQL and Redis. Heaps and counters are summed over the nodes; times and delays
 * are the worst node's.
 */
import { freshSchema } from '../tests/helpers/database-schema';
import { startChild, type ChildServer } from './child-process';
import type { BenchConfig } from './config';
import type { ErrorLog } from './errors';
import type { ChildStats, HeapReport } from './ipc';

export interface ServerGroup {
  /** Each node's URL, in order: loops are created on the first. */
  urls: string[];
  describe: string;
  heap(): Promise<HeapReport>;
  statsReset(): Promise<void>;
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

/** Counters add up over the nodes; times and delays are the worst node's. */
const SUMMED = [
  'writes',
  'relayed',
  'slowWrites',
  'slowWritesMs',
  'cpuUserMs',
  'cpuSystemMs',
] as const;

export function mergeStats(all: readonly ChildStats[]): ChildStats {
  const merged = { ...all[0]! };
  for (const key of Object.keys(merged) as (keyof ChildStats)[]) {
    const values = all.map((stats) => stats[key]);
    merged[key] = (SUMMED as readonly string[]).includes(key) ? sum(values) : max(values);
  }
  return merged;
}

export async function startServerGroup(
  config: BenchConfig,
  errors: ErrorLog,
  register: (child: ChildServer) => void,
): Promise<ServerGroup> {
  const database = config.databaseUrl ? await freshSchema(config.databaseUrl, 'bench') : null;
  const env: Record<string, string> = { BENCH_DATA_DIR: config.dataDir };
  if (database) env.BENCH_DATABASE_URL = database.url;
  if (config.nodes > 1) env.BENCH_REDIS_URL = config.redisUrl;
  const nodes: ChildServer[] = [];
  for (let i = 0; i < config.nodes; i++) {
    const node = await startChild({
      script: 'bench/server-child.ts',
      nodeArgs: config.serverNodeArgs,
      env,
      timeoutMs: 60_000,
      onUnexpectedExit: (description) => errors.record('server-exit', description),
    });
    register(node);
    nodes.push(node);
  }
  const store = database ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  return {
    urls: nodes.map((node) => node.url),
    describe:
      nodes.length > 1
        ? `${nodes.length} mockloop nodes at ${nodes.map((n) => n.url).join(', ')} sharing ` +
          `${store} and Redis; interviewers on the first, candidates on the second`
        : `mockloop server at ${nodes[0]!.url}, ${store}`,
    async heap() {
      const heaps = await Promise.all(nodes.map((node) => node.request('heap')));
      return {
        heapUsed: sum(heaps.map((h) => h.heapUsed)),
        external: sum(heaps.map((h) => h.external)),
        rss: sum(heaps.map((h) => h.rss)),
      };
    },
    async statsReset() {
      await Promise.all(nodes.map((node) => node.request('stats-reset')));
    },
    async stats() {
      return mergeStats(await Promise.all(nodes.map((node) => node.request('stats'))));
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      await database?.drop();
    },
  };
}
