/** Progress on stderr; the summary and the one-line JSON result on stdout. */
import { cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchConfig } from './config';
import type { ErrorLog } from './errors';
import type { ChildStats } from './ipc';
import type { CpuShare } from './machine-load';
import type { MockloopResult } from './mockloop-phase';
import type { RelayResult } from './relay-phase';
import { describe, round2, summarize } from './stats';

/** How late this (client) process's timers run: if it is busy, latencies include it. */
export const clientLoopDelay = monitorEventLoopDelay({ resolution: 5 });
clientLoopDelay.enable();

export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const gb = (totalmem() / 2 ** 30).toFixed(1);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpus().length} × ${cpu}, ${gb} GiB, node ${process.version}, load average ${load}`;
}

/** The line the issue asks for, in this key order. */
export interface BenchJson {
  rooms: number;
  p50Ms: number;
  p99Ms: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  skewP99Ms: number;
  heapPerRoomKb: number;
  writesPerSec: number;
  /** Server nodes, and the store they used. */
  nodes: number;
  store: 'sqlite' | 'postgres';
}

const kb = (bytes: number) => `${round2(bytes / 1024)} KB`;
const mb = (bytes: number) => `${round2(bytes / 2 ** 20)} MB`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function share(cpu: CpuShare | null): string {
  if (!cpu) return 'unknown (no /proc/stat)';
  const quiet = cpu.otherCores <= 0.1 && cpu.stealCores <= 0.1;
  return (
    `benchmark ${round2(cpu.benchCores)} cores, other processes ${round2(cpu.otherCores)}, ` +
    `interrupts ${round2(cpu.interruptCores)}, steal ${round2(cpu.stealCores)} ` +
    `(${quiet ? 'quiet' : 'NOT quiet: something else competed for the CPU'})`
  );
}

function writeTimes(name: string, stats: ChildStats): string {
  return (
    `${name}: p50 ${round2(stats.writeP50Ms)} / p99 ${round2(stats.writeP99Ms)} / max ` +
    `${round2(stats.writeMaxMs)} ms; ${stats.slowWrites} writes over 5 ms blocked the event ` +
    `loop for ${round2(stats.slowWritesMs)} ms in all`
  );
}

function childLoad(name: string, stats: ChildStats): string {
  const busy = ((stats.cpuUserMs + stats.cpuSystemMs) / stats.elapsedMs) * 100;
  return (
    `${name}: ${round2(busy)}% of one core (user ${round2(stats.cpuUserMs)} ms, ` +
    `sys ${round2(stats.cpuSystemMs)} ms over ${round2(stats.elapsedMs)} ms), event-loop delay ` +
    `p50 ${round2(stats.loopDelayP50Ms)} / p99 ${round2(stats.loopDelayP99Ms)} / max ` +
    `${round2(stats.loopDelayMaxMs)} ms`
  );
}

/** p50/p99 of the latencies by the second in which the message was sent. */
export function timeline(name: string, points: readonly [number, number][]): string[] {
  const bySecond = new Map<number, number[]>();
  for (const [at, latency] of points) {
    const second = Math.floor(at / 1000);
    const bucket = bySecond.get(second) ?? [];
    bucket.push(latency);
    bySecond.set(second, bucket);
  }
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, latencies]) => `  ${name} second ${second}: ${describe(summarize(latencies))}`);
}

export interface Outcome {
  lines: string[];
  json: BenchJson;
  failed: boolean;
}

export function summarizeRun(
  config: BenchConfig,
  mock: MockloopResult,
  relay: RelayResult,
  errors: ErrorLog,
): Outcome {
  const latency = summarize(mock.latency.latenciesMs);
  const baseline = summarize(relay.latency.latenciesMs);
  const skew = summarize(mock.skewsMs);
  const heapPerRoom = (mock.heapAfter.heapUsed - mock.heapBefore.heapUsed) / mock.rooms;
  const relayHeapPerRoom = (relay.heapAfter.heapUsed - relay.heapBefore.heapUsed) / relay.rooms;
  const writesPerSec = mock.burst.acked / (mock.burst.elapsedMs / 1000);
  const loadWritesPerSec = mock.serverDuringLoad.writes / (mock.serverDuringLoad.elapsedMs / 1000);
  const ratio = latency.p99 / baseline.p99;

  for (const [name, result] of [
    ['mockloop', mock.latency],
    ['baseline', relay.latency],
  ] as const) {
    errors.add(`${name}-error-ack`, result.errorAcks, result.examples.join(' | '));
    errors.add(`${name}-no-ack`, result.missingAcks, result.examples.join(' | '));
    errors.add(`${name}-no-receipt`, result.missingReceipts, result.examples.join(' | '));
  }
  const lost = mock.latency.lost + mock.burst.lost + relay.latency.lost;

  const lines = [
    `machine: ${machine()}`,
    `servers: ${config.nodes} node${config.nodes > 1 ? 's' : ''} on ` +
      `${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}${config.nodes > 1 ? ' + Redis Streams adapter' : ''}`,
    `settings: ${config.rooms} rooms × 2 sockets, ${config.updates} typed runs of ${config.noteChars} chars into the notes ` +
      `+ 1 score per room (${config.scoreAt === 'middle' ? 'every room at its middle send' : 'at a random place'}), one send every ${config.intervalMinMs}–${config.intervalMaxMs} ms per room`,
    `mockloop emit → partner doc:edited:   ${describe(latency)} ` +
      `(load phase ${round2(mock.loadElapsedMs)} ms; loop:updated is ${mock.viewChars} chars)`,
    `baseline emit → partner relay:        ${describe(baseline)} ` +
      `(load phase ${round2(relay.loadElapsedMs)} ms)`,
    `ratio p99 / baseline p99: ${round2(ratio)} (target ≤ 1.5: ${verdict(ratio <= 1.5)})`,
    `countdown skew: ${describe(skew)} (target p99 ≤ 10 ms: ${verdict(skew.p99 <= 10)})`,
    `heap: ${mb(mock.heapBefore.heapUsed)} → ${mb(mock.heapAfter.heapUsed)} after GC, ` +
      `${kb(heapPerRoom)} per room (target ≤ 30 KB: ${verdict(heapPerRoom / 1024 <= 30)}); ` +
      `bare Socket.IO relay: ${kb(relayHeapPerRoom)} per room`,
    `writes: ${mock.burst.acked} doc:edit acked in ${round2(mock.burst.elapsedMs)} ms burst ` +
      `= ${round2(writesPerSec)}/s (server committed ${mock.serverDuringBurst.writes}; ` +
      `${mock.burst.throttled} sends refused by the per-socket rate limit and retried); ` +
      `during the paced load ${round2(loadWritesPerSec)}/s`,
    childLoad('mockloop server during load', mock.serverDuringLoad),
    writeTimes('store writes during load', mock.serverDuringLoad),
    writeTimes('store writes during burst', mock.serverDuringBurst),
    childLoad('mockloop server during burst', mock.serverDuringBurst),
    childLoad('relay server during load', relay.serverDuringLoad),
    `client event-loop delay p99: ${round2(mock.clientLoopDelayP99Ms)} ms (mockloop load), ` +
      `${round2(relay.clientLoopDelayP99Ms)} ms (baseline load)`,
    `CPU during the mockloop load: ${share(mock.cpuDuringLoad)}`,
    `CPU during the baseline load: ${share(relay.cpuDuringLoad)}`,
    ...(process.env.BENCH_VERBOSE
      ? [
          ...timeline('mockloop', mock.latency.points),
          ...timeline('baseline', relay.latency.points),
        ]
      : []),
    `errors: ${errors.describe()}`,
    `lost updates: ${lost}`,
  ];
  const json: BenchJson = {
    rooms: mock.rooms,
    p50Ms: round2(latency.p50),
    p99Ms: round2(latency.p99),
    baselineP50Ms: round2(baseline.p50),
    baselineP99Ms: round2(baseline.p99),
    skewP99Ms: round2(skew.p99),
    heapPerRoomKb: round2(heapPerRoom / 1024),
    writesPerSec: round2(writesPerSec),
    nodes: config.nodes,
    store: config.databaseUrl ? 'postgres' : 'sqlite',
  };
  return { lines, json, failed: errors.total > 0 || lost > 0 };
}
