/**
 * What a start costs: the time from spawning the server's command to the first answer of
 * `/api/health`, and the CPU time all its processes used by then (from /proc; it depends far
 * less than the wall time on what else runs on the machine). Measured in one run for `npm start` with both builds current (the build
 * check, then the server's built JavaScript under node) and, as the baseline, the server
 * from its sources under tsx (`npm run serve:src`, how `npm start` ran it before it was
 * built; without the client check that start also made, so the baseline is if anything
 * flattered). The runs alternate, each on a free port, all on one temp SQLite data dir that
 * an unmeasured `npm start` first creates (it also builds whatever is stale).
 *
 * `npm run bench:start`; `npm run bench` runs it after the typing measurement.
 * BENCH_START_RUNS (default 5) sets the runs of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMsOfGroup, startWithNpm, stopGroup } from '../tests/helpers/server-process';
import { intFromEnv } from './config';
import { machine } from './report';
import { percentile, round2 } from './stats';

/** The target for a start with both builds current, shown beside the figure. */
export const START_TARGET_MS = 5_000;

export interface StartUpFigures {
  runs: number;
  /** Each run's wall time to `/api/health`, in the order measured. */
  builtMs: number[];
  tsxMs: number[];
  builtMedianMs: number;
  tsxMedianMs: number;
  /** builtMedianMs / tsxMedianMs. */
  ratio: number;
  /** Medians of the CPU time used by then, and their ratio. */
  builtCpuMedianMs: number;
  tsxCpuMedianMs: number;
  cpuRatio: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/**
 * Starts the server with `script`, waits for a 200 from `/api/health`, stops it; the wall
 * time from the spawn to that answer and the CPU time used by then. A measured `npm start`
 * must find both builds current.
 */
async function timeToHealth(
  script: 'start' | 'serve:src',
  dataDir: string,
  measured = true,
): Promise<Sample> {
  const started = performance.now();
  const server = await startWithNpm({ DATA_DIR: dataDir }, script);
  try {
    const health = await fetch(`${server.url}/api/health`);
    const wallMs = performance.now() - started;
    const cpuMs = cpuMsOfGroup(server.child.pid!);
    if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);
    if (measured && script === 'start' && /Building/.test(server.output()))
      throw new Error(`npm start rebuilt during a measured run:\n${server.output()}`);
    return { wallMs, cpuMs };
  } finally {
    await stopGroup(server);
  }
}

export async function benchStartUp(runs: number): Promise<StartUpFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-bench-start-'));
  try {
    await timeToHealth('start', dataDir, false);
    const built: Sample[] = [];
    const tsx: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so that neither always follows the other.
      const order =
        run % 2 === 0 ? (['start', 'serve:src'] as const) : (['serve:src', 'start'] as const);
      for (const script of order)
        (script === 'start' ? built : tsx).push(await timeToHealth(script, dataDir));
    }
    const median = (samples: Sample[], key: keyof Sample) =>
      percentile(
        samples.map((sample) => sample[key]),
        50,
      );
    return {
      runs,
      builtMs: built.map((sample) => Math.round(sample.wallMs)),
      tsxMs: tsx.map((sample) => Math.round(sample.wallMs)),
      builtMedianMs: Math.round(median(built, 'wallMs')),
      tsxMedianMs: Math.round(median(tsx, 'wallMs')),
      ratio: round2(median(built, 'wallMs') / median(tsx, 'wallMs')),
      builtCpuMedianMs: Math.round(median(built, 'cpuMs')),
      tsxCpuMedianMs: Math.round(median(tsx, 'cpuMs')),
      cpuRatio: round2(median(built, 'cpuMs') / median(tsx, 'cpuMs')),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function describeStartUp(f: StartUpFigures): string[] {
  return [
    `start-up: spawn to the first answer of /api/health, ${f.runs} alternating runs each (SQLite)`,
    `  npm start, both builds current (node server/dist/index.js): median ${seconds(f.builtMedianMs)} ` +
      `(runs ${f.builtMs.map(seconds).join(', ')})`,
    `  baseline, npm run serve:src (tsx server/src/index.ts): median ${seconds(f.tsxMedianMs)} ` +
      `(runs ${f.tsxMs.map(seconds).join(', ')})`,
    `  built / tsx: ${f.ratio}× wall time; CPU time of all the start's processes (median) ` +
      `${seconds(f.builtCpuMedianMs)} / ${seconds(f.tsxCpuMedianMs)} = ${f.cpuRatio}×`,
    `  for information, the target for a start with current builds is ${seconds(START_TARGET_MS)}: ` +
      `median ${seconds(f.builtMedianMs)} on this machine at its current load`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = intFromEnv('BENCH_START_RUNS', 5, 1);
  process.stderr.write(`[bench] ${machine()}\n`);
  void benchStartUp(runs).then(
    (figures) => {
      for (const line of describeStartUp(figures)) process.stdout.write(`${line}\n`);
      process.stdout.write(`${JSON.stringify({ startUp: figures })}\n`);
      process.exit(0);
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(2);
    },
  );
}
