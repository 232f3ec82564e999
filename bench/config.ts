/** Benchmark settings: defaults, each overridable by an environment variable. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchConfig {
  /** Paired loops (rooms), each with an interviewer and a candidate socket. */
  rooms: number;
  /** Note updates the candidate of each room sends during the latency phase. */
  updates: number;
  /**
   * Rooms that run the same paced load before anything is measured, on both servers, so
   * that neither the heap baseline nor the first latencies carry one-time costs: code the
   * JIT compiles once the paths are hot, modules and statements loaded on first use.
   */
  warmUpRooms: number;
  /** Where the server child keeps its SQLite database. */
  dataDir: string;
  /** True when dataDir is a temp dir made for this run (removed at the end). */
  dataDirIsTemp: boolean;
  /** Each room waits a uniformly random time in [min, max] ms between two sends. */
  intervalMinMs: number;
  intervalMaxMs: number;
  /** Where each room's score falls among its notes: at random (spread), or all in the middle. */
  scoreAt: 'random' | 'middle';
  /** Characters each typed run adds to the candidate's notes (one document update). */
  noteChars: number;
  /** Length of the note the typing-storage measurement types one character at a time. */
  typedChars: number;
  /** The length of the round the replay measurement types (BENCH_REPLAY_MINUTES). */
  replayMinutes: number;
  /** Starts measured of each kind in the start-up measurement. */
  startRuns: number;
  /** Rooms connected at once. */
  connectBatch: number;
  /** Loops created over REST at once. */
  createConcurrency: number;
  /** Length of the write-throughput burst. */
  burstMs: number;
  /** How long a single ack, receipt or handshake may take before it counts as an error. */
  waitTimeoutMs: number;
  /** The whole run is aborted (non-zero exit) after this long. */
  totalTimeoutMs: number;
  /** Extra node flags for the server child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  serverNodeArgs: string[];
  /** Server nodes: 1, or 2 sharing PostgreSQL and Redis (interviewers on one, candidates on the other). */
  nodes: number;
  /** PostgreSQL to run the store on (a fresh schema per run); unset, SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** Redis linking the nodes; used when nodes > 1. */
  redisUrl: string;
}

export function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function scoreAtFromEnv(): BenchConfig['scoreAt'] {
  const raw = process.env.BENCH_SCORE_AT || 'random';
  if (raw !== 'random' && raw !== 'middle')
    throw new Error(`BENCH_SCORE_AT must be random or middle, got "${raw}"`);
  return raw;
}

export function readBenchConfig(): BenchConfig {
  const givenDir = process.env.BENCH_DATA_DIR;
  const config: BenchConfig = {
    rooms: intFromEnv('BENCH_ROOMS', 1000, 1),
    updates: intFromEnv('BENCH_UPDATES', 10, 1),
    warmUpRooms: intFromEnv('BENCH_WARM_UP_ROOMS', 100, 1),
    dataDir: givenDir || mkdtempSync(join(tmpdir(), 'mockloop-bench-')),
    dataDirIsTemp: !givenDir,
    intervalMinMs: intFromEnv('BENCH_INTERVAL_MIN_MS', 200, 0),
    intervalMaxMs: intFromEnv('BENCH_INTERVAL_MAX_MS', 500, 0),
    scoreAt: scoreAtFromEnv(),
    noteChars: intFromEnv('BENCH_NOTE_CHARS', 8, 8),
    typedChars: intFromEnv('BENCH_TYPED_CHARS', 5_000, 1),
    replayMinutes: intFromEnv('BENCH_REPLAY_MINUTES', 60, 1),
    startRuns: intFromEnv('BENCH_START_RUNS', 5, 1),
    connectBatch: intFromEnv('BENCH_CONNECT_BATCH', 50, 1),
    createConcurrency: intFromEnv('BENCH_CREATE_CONCURRENCY', 16, 1),
    burstMs: intFromEnv('BENCH_BURST_MS', 5_000, 100),
    waitTimeoutMs: intFromEnv('BENCH_WAIT_TIMEOUT_MS', 15_000, 100),
    totalTimeoutMs: intFromEnv('BENCH_TOTAL_TIMEOUT_MS', 15 * 60_000, 1_000),
    serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    nodes: intFromEnv('BENCH_NODES', 1, 1),
    databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  };
  if (config.nodes > 2) throw new Error('BENCH_NODES may be 1 or 2');
  if (config.nodes > 1 && !config.databaseUrl)
    throw new Error('BENCH_NODES=2 needs BENCH_DATABASE_URL (the nodes share one PostgreSQL)');
  if (config.intervalMaxMs < config.intervalMinMs) {
    throw new Error('BENCH_INTERVAL_MAX_MS must be >= BENCH_INTERVAL_MIN_MS');
  }
  return config;
}
