/**
 * The child side of the IPC channel, shared by the mockloop and relay children:
 * announces the port, answers heap and stats requests, and exits with its parent.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import type {
  ChildMessage,
  ChildReplies,
  ChildRequest,
  ChildRequestType,
  ChildStats,
  HeapReport,
} from './ipc';
import { percentile } from './stats';

export interface ChildCounters {
  writes(): number;
  relayed(): number;
}

/** Durations of the child's writes, kept since the last stats reset. */
export class WriteTimes {
  private durations: number[] = [];

  record(ms: number): void {
    this.durations.push(ms);
  }

  reset(): void {
    this.durations = [];
  }

  summary(): Pick<
    ChildStats,
    'writeP50Ms' | 'writeP99Ms' | 'writeMaxMs' | 'slowWrites' | 'slowWritesMs'
  > {
    const d = this.durations;
    const slow = d.filter((ms) => ms > SLOW_WRITE_MS);
    return {
      writeP50Ms: d.length ? percentile(d, 50) : 0,
      writeP99Ms: d.length ? percentile(d, 99) : 0,
      writeMaxMs: d.reduce((a, b) => Math.max(a, b), 0),
      slowWrites: slow.length,
      slowWritesMs: slow.reduce((a, b) => a + b, 0),
    };
  }
}

const SLOW_WRITE_MS = 5;

function send(message: ChildMessage): void {
  process.send?.(message);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Set BENCH_HEAP_SNAPSHOT_DIR to also write a heap snapshot at every heap measurement. */
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
let snapshots = 0;

/** heapUsed after full collections (the child runs with --expose-gc). */
async function measureHeap(): Promise<HeapReport> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('the child must run with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTurn();
  }
  const { heapUsed, external, rss } = process.memoryUsage();
  if (snapshotDir) {
    const name = `${process.argv[1]?.replace(/.*\//, '')}-${process.pid}-${++snapshots}`;
    writeHeapSnapshot(join(snapshotDir, `${name}.heapsnapshot`));
  }
  return { heapUsed, external, rss };
}

/**
 * Set BENCH_PROFILE_DIR to record a CPU profile of each measured stretch: from every stats
 * reset to the next stats request (the load, then the burst), without the setup around them.
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
let profiler: Session | null = null;
let profiles = 0;

async function startProfile(): Promise<void> {
  if (!profileDir) return;
  if (!profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
  }
  await profiler.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  const name = `${process.argv[1]?.replace(/.*\//, '')}-${process.pid}-${++profiles}.cpuprofile`;
  writeFileSync(join(profileDir!, name), JSON.stringify(profile));
}

export function serveParent(
  port: number,
  counters: ChildCounters,
  writeTimes: WriteTimes,
  close: () => Promise<void>,
): void {
  if (!process.send) throw new Error('run this file as a child of bench/run.ts (IPC channel)');
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  let since = {
    at: performance.now(),
    cpu: process.cpuUsage(),
    writes: counters.writes(),
    relayed: counters.relayed(),
  };

  const stats = (): ChildStats => {
    const cpu = process.cpuUsage(since.cpu);
    return {
      writes: counters.writes() - since.writes,
      relayed: counters.relayed() - since.relayed,
      elapsedMs: performance.now() - since.at,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      loopDelayP50Ms: loopDelay.percentile(50) / 1e6,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      ...writeTimes.summary(),
    };
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    loopDelay.disable();
    await close();
  };

  process.on('message', (message: ChildRequest) => {
    const reply = (data: ChildReplies[ChildRequestType]) =>
      send({ type: 'reply', id: message.id, data });
    switch (message.type) {
      case 'heap':
        void measureHeap().then(reply);
        return;
      case 'stats-reset':
        loopDelay.reset();
        writeTimes.reset();
        since = {
          at: performance.now(),
          cpu: process.cpuUsage(),
          writes: counters.writes(),
          relayed: counters.relayed(),
        };
        void startProfile().then(() => reply(null));
        return;
      case 'stats': {
        const measured = stats();
        void stopProfile().then(() => reply(measured));
        return;
      }
      case 'stop':
        // The parent waits for the exit. Exiting normally lets --cpu-prof write its file.
        void stop().then(() => process.exit(0));
        return;
    }
  });
  // The benchmark went away (crash, Ctrl-C): do not linger.
  process.on('disconnect', () => void stop().then(() => process.exit(0)));
  send({ type: 'listening', port });
}
