/** The baseline half of the run: the bare relay child, N rooms, the same paced load. */
import { startChild, type ChildServer } from './child-process';
import type { BenchConfig } from './config';
import type { ErrorLog } from './errors';
import type { ChildStats, HeapReport } from './ipc';
import { startCpuProbe, type CpuShare } from './machine-load';
import { measureLatency, pacingOf, WARM_UP_FIRST_INDEX } from './load';
import { connectRelayRoom, type RelayRoom, type RelayRoomOptions } from './relay-rooms';
import { clientLoopDelay, progress } from './report';
import type { DeliveryResult } from './tracker';
import { batches, sleep } from './util';

/** What a latency phase measures, for mockloop and for the relay alike. */
export interface PhaseResult {
  rooms: number;
  latency: DeliveryResult;
  loadElapsedMs: number;
  serverDuringLoad: ChildStats;
  clientLoopDelayP99Ms: number;
  /** CPU use while the load ran, to tell a quiet machine from a shared one. */
  cpuDuringLoad: CpuShare | null;
  heapBefore: HeapReport;
  heapAfter: HeapReport;
}

export type RelayResult = PhaseResult;

async function openRelayRooms(
  config: BenchConfig,
  options: RelayRoomOptions,
  count: number,
  firstIndex: number,
): Promise<RelayRoom[]> {
  const indices = Array.from({ length: count }, (_, i) => firstIndex + i);
  const rooms: RelayRoom[] = [];
  for (const batch of batches(indices, config.connectBatch)) {
    const connected = await Promise.all(
      batch.map((index) =>
        connectRelayRoom(index, options).catch((error: Error) => {
          options.errors.record('relay-connect', error.message);
          return null;
        }),
      ),
    );
    for (const room of connected) if (room) rooms.push(room);
  }
  return rooms;
}

export async function benchRelay(
  config: BenchConfig,
  dimensions: readonly string[],
  errors: ErrorLog,
  register: (child: ChildServer) => void,
): Promise<RelayResult> {
  const relay = await startChild({
    script: 'bench/relay-child.ts',
    nodeArgs: [],
    env: {},
    timeoutMs: 60_000,
    onUnexpectedExit: (description) => errors.record('relay-exit', description),
  });
  register(relay);
  progress(`baseline relay at ${relay.url}`);
  const options: RelayRoomOptions = {
    url: relay.url,
    noteChars: config.noteChars,
    dimensions,
    timeoutMs: config.waitTimeoutMs,
    errors,
  };
  // The same warm-up as the mockloop half (config.warmUpRooms).
  const warm = await openRelayRooms(config, options, config.warmUpRooms, WARM_UP_FIRST_INDEX);
  await measureLatency(warm, pacingOf(config, config.updates), config.waitTimeoutMs);
  for (const room of warm) room.close();
  await sleep(500);

  const heapBefore = await relay.request('heap');
  progress(`connecting ${config.rooms} relay rooms`);
  const rooms = await openRelayRooms(config, options, config.rooms, 0);

  progress(`baseline load: ${config.updates} notes + 1 score per room`);
  await relay.request('stats-reset');
  clientLoopDelay.reset();
  const probe = startCpuProbe();
  const load = await measureLatency(rooms, pacingOf(config, config.updates), config.waitTimeoutMs);
  const serverDuringLoad = await relay.request('stats');
  const cpuDuringLoad = probe.stop(serverDuringLoad);
  const clientLoopDelayP99Ms = clientLoopDelay.percentile(99) / 1e6;
  const heapAfter = await relay.request('heap');

  for (const room of rooms) room.close();
  await relay.stop();
  return {
    rooms: rooms.length,
    latency: load.result,
    loadElapsedMs: load.elapsedMs,
    serverDuringLoad,
    clientLoopDelayP99Ms,
    cpuDuringLoad,
    heapBefore,
    heapAfter,
  };
}
