/**
 * The mockloop half of the run: server child, N paired rooms, clock sync and countdown
 * skew, the paced latency load, heap per room and the write burst.
 */
import type { CreateLoopResponse } from '@mockloop/shared/api';
import { runWriteBurst, type BurstResult } from './burst';
import type { ChildServer } from './child-process';
import type { BenchConfig } from './config';
import type { ErrorLog } from './errors';
import type { ChildStats } from './ipc';
import { startCpuProbe } from './machine-load';
import { measureLatency, pacingOf, WARM_UP_FIRST_INDEX } from './load';
import { clientLoopDelay, progress } from './report';
import {
  connectMockRoom,
  countdownSkews,
  createPairedLoop,
  rubricOf,
  type MockRoom,
  type RoomOptions,
} from './mockloop-rooms';
import type { PhaseResult } from './relay-phase';
import { startServerGroup } from './server-group';
import { batches, mapLimit, sleep, withTimeout } from './util';

export interface MockloopResult extends PhaseResult {
  dimensions: string[];
  /** Size of one interviewer `loop:updated` payload (JSON characters). */
  viewChars: number;
  skewsMs: number[];
  burst: BurstResult;
  serverDuringBurst: ChildStats;
}

/** Creates, connects and starts `count` rooms; rooms that fail are logged and left out. */
async function openRooms(
  config: BenchConfig,
  options: RoomOptions,
  count: number,
  firstIndex: number,
): Promise<MockRoom[]> {
  const loops = await mapLimit(
    Array.from({ length: count }),
    config.createConcurrency,
    async (): Promise<CreateLoopResponse | null> =>
      createPairedLoop(options.url, options.timeoutMs).catch((error: Error) => {
        options.errors.record('create', error.message);
        return null;
      }),
  );
  const created = loops.flatMap((loop, i) => (loop ? [{ loop, index: firstIndex + i }] : []));
  const rooms: MockRoom[] = [];
  for (const batch of batches(created, config.connectBatch)) {
    const connected = await Promise.all(
      batch.map(({ loop, index }) =>
        connectMockRoom(index, loop, options).catch((error: Error) => {
          options.errors.record('connect', error.message);
          return null;
        }),
      ),
    );
    for (const room of connected) if (room) rooms.push(room);
  }
  progress(`  ${rooms.length} rooms connected; waiting for clock sync`);
  const synced = rooms.flatMap((room) => [room.interviewer.synced, room.candidate.synced]);
  await withTimeout(Promise.all(synced), options.timeoutMs, 'clock sync');

  const started: MockRoom[] = [];
  for (const batch of batches(rooms, config.connectBatch)) {
    await Promise.all(
      batch.map((room) =>
        room.startRound().then(
          () => started.push(room),
          (error: Error) => {
            options.errors.record('round-start', error.message);
            room.close();
          },
        ),
      ),
    );
  }
  return started;
}

export async function benchMockloop(
  config: BenchConfig,
  errors: ErrorLog,
  register: (child: ChildServer) => void,
): Promise<MockloopResult> {
  const server = await startServerGroup(config, errors, register);
  progress(server.describe);
  const [url, candidateUrl] = server.urls as [string, string | undefined];
  const dimensions = await rubricOf(url, 'screen', config.waitTimeoutMs);
  const options: RoomOptions = {
    url,
    candidateUrl,
    noteChars: config.noteChars,
    dimensions,
    timeoutMs: config.waitTimeoutMs,
    errors,
  };

  // Warm-up (config.warmUpRooms). These rooms stay in the server's memory before and
  // after, so they cancel out of the heap delta.
  const warm = await openRooms(config, options, config.warmUpRooms, WARM_UP_FIRST_INDEX);
  await measureLatency(warm, pacingOf(config, config.updates), config.waitTimeoutMs);
  for (const room of warm) room.close();
  await sleep(500);

  const heapBefore = await server.heap();
  progress(`creating and connecting ${config.rooms} rooms`);
  const rooms = await openRooms(config, options, config.rooms, 0);
  const skewsMs = countdownSkews(rooms);
  if (skewsMs.length < rooms.length)
    errors.add('skew', rooms.length - skewsMs.length, 'a countdown could not be computed');
  const viewChars = JSON.stringify(rooms[0]?.interviewer.view ?? {}).length;

  progress(`latency load: ${config.updates} notes + 1 score per room`);
  await server.statsReset();
  clientLoopDelay.reset();
  const probe = startCpuProbe();
  const load = await measureLatency(rooms, pacingOf(config, config.updates), config.waitTimeoutMs);
  const serverDuringLoad = await server.stats();
  const cpuDuringLoad = probe.stop(serverDuringLoad);
  const clientLoopDelayP99Ms = clientLoopDelay.percentile(99) / 1e6;

  const heapAfter = await server.heap();

  progress(`write burst: ${config.burstMs} ms`);
  await server.statsReset();
  const burst = await runWriteBurst(rooms, {
    durationMs: config.burstMs,
    firstSeq: config.updates,
    timeoutMs: config.waitTimeoutMs,
    errors,
  });
  const serverDuringBurst = await server.stats();

  for (const room of rooms) room.close();
  await server.stop();
  return {
    rooms: rooms.length,
    dimensions,
    viewChars,
    skewsMs,
    latency: load.result,
    loadElapsedMs: load.elapsedMs,
    serverDuringLoad,
    clientLoopDelayP99Ms,
    cpuDuringLoad,
    heapBefore,
    heapAfter,
    burst,
    serverDuringBurst,
  };
}
