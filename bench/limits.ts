/**
 * `npm run bench:limits`: how the server holds up at its caps, measured against itself
 * idle in the same run. The real entry point runs in a child process (as `npm start` runs
 * it, behind a proxy on this machine so that each simulated client has its own address);
 * this process plays the clients and keeps asking `/api/health`, timing every answer.
 *
 * 1. A crowd: 1,000 sockets join one loop's candidate role at once, then leave — with the
 *    shipped caps (most are refused) and with the caps raised so that all are admitted.
 * 2. Reports: a ten-round loop with every whiteboard and note at its cap; `report.json`
 *    alone and four at once.
 *
 * Prints a table and, as its last line, one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { BOARD_MAX_CHARS } from '../shared/src/board';
import { NOTES_MAX_CHARS } from '../shared/src/loop/state';
import { PROTOCOL_VERSION } from '../shared/src/protocol';
import { REPORT_MAX_BYTES } from '../shared/src/report';
import { percentile } from './stats';
import { sleep } from './util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CROWD = 1_000;
/** Each crowd, and the four reports at once, are measured this many times; medians shown. */
const RUNS = 3;
const REPORT_ROUNDS = 10;

interface Server {
  url: string;
  child: ChildProcess;
  dir: string;
}

async function startServer(
  env: Record<string, string> = {},
  entry = 'server/src/index.ts',
): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'mockloop-bench-limits-'));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      TRUST_PROXY: 'loopback',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"message":"listening","port":(\d+)/.exec(log);
      if (match) resolve(Number(match[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, dir };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => {
      rmSync(server.dir, { recursive: true, force: true });
      resolve();
    });
    server.child.kill('SIGKILL');
  });
}

/**
 * Times `/api/health` every 10 ms from a process of its own (so that the clients this
 * process plays do not delay it) until stopped; resolves with every time it took.
 */
function watchHealth(url: string): { stop(): Promise<number[]> } {
  const pinger = spawn(
    process.execPath,
    [
      '-e',
      `let run = true, times = [];
       process.on('message', () => { run = false; });
       (async () => {
         while (run) {
           const at = performance.now();
           await fetch(${JSON.stringify(`${url}/api/health`)}).then((r) => r.arrayBuffer());
           times.push(performance.now() - at);
           await new Promise((r) => setTimeout(r, 10));
         }
         process.send(times, () => process.exit(0));
       })();`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const result = new Promise<number[]>((resolve) =>
    pinger.once('message', (m) => resolve(m as number[])),
  );
  return {
    async stop() {
      pinger.send('stop');
      return result;
    },
  };
}

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function createLoop(url: string, body: object, from: string) {
  const res = await fetch(`${url}/api/loops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`creating a loop: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; tokens: Record<string, string> };
}

function socketFor(url: string, loopId: string, token: string, from: string): Socket {
  return io(url, {
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    extraHeaders: { 'X-Forwarded-For': from },
  });
}

function connect(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
    socket.connect();
  });
}

async function idleHealth(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const at = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    times.push(performance.now() - at);
  }
  return times;
}

interface CrowdResult {
  admitted: number;
  refused: number;
  presenceUpdates: number;
  healthMaxMs: number;
  healthP99Ms: number;
}

/** The same crowd against the bare Socket.IO baseline (`bench/bare-server.ts`). */
async function bareCrowd(admit: boolean): Promise<CrowdResult> {
  const server = await startServer({ BARE_ADMIT: admit ? '1' : '0' }, 'bench/bare-server.ts');
  try {
    const health = watchHealth(server.url);
    const sockets = Array.from({ length: CROWD }, (_, i) =>
      socketFor(server.url, 'bare', 'bare-token-xxxx', address(i + 1)),
    );
    const joined = await Promise.all(sockets.map(connect));
    await sleep(300);
    for (const socket of sockets) socket.disconnect();
    await sleep(500);
    const times = await health.stop();
    const admitted = joined.filter(Boolean).length;
    return {
      admitted,
      refused: CROWD - admitted,
      presenceUpdates: 0,
      healthMaxMs: Math.max(...times),
      healthP99Ms: percentile(times, 99),
    };
  } finally {
    await stopServer(server);
  }
}

/** The crowd against mockloop; `from` gives each socket's address (distinct by default). */
async function crowd(
  env: Record<string, string>,
  from: (i: number) => string = address,
): Promise<CrowdResult> {
  const server = await startServer(env);
  try {
    const loop = await createLoop(
      server.url,
      { mode: 'paired', rounds: [{ id: 'screen' }] },
      '10.255.0.1',
    );
    const watcher = socketFor(server.url, loop.id, loop.tokens.interviewer!, '10.255.0.2');
    let presenceUpdates = 0;
    watcher.on('presence:changed', () => presenceUpdates++);
    await connect(watcher);
    await sleep(200);
    presenceUpdates = 0;
    const health = watchHealth(server.url);
    const sockets = Array.from({ length: CROWD }, (_, i) =>
      socketFor(server.url, loop.id, loop.tokens.candidate!, from(i + 1)),
    );
    const joined = await Promise.all(sockets.map(connect));
    await sleep(300);
    for (const socket of sockets) socket.disconnect();
    await sleep(500);
    const times = await health.stop();
    watcher.disconnect();
    const admitted = joined.filter(Boolean).length;
    return {
      admitted,
      refused: CROWD - admitted,
      presenceUpdates,
      healthMaxMs: Math.max(...times),
      healthP99Ms: percentile(times, 99),
    };
  } finally {
    await stopServer(server);
  }
}

interface ReportResult {
  bytes: number;
  diagramsKept: number;
  aloneMs: number;
  fourAtOnceMs: number;
  healthMaxMs: number;
  healthMaxPerRun: number[];
}

async function reports(): Promise<ReportResult> {
  const server = await startServer();
  try {
    const loop = await createLoop(
      server.url,
      {
        mode: 'solo',
        rounds: Array.from({ length: REPORT_ROUNDS }, () => ({ id: 'system-design' })),
      },
      '10.254.0.1',
    );
    const label = (id: string) => ({
      id,
      type: 'text',
      version: 1,
      versionNonce: 1,
      isDeleted: false,
      x: 0,
      y: 0,
      text: 'x'.repeat(14_900),
      originalText: 'y'.repeat(14_900),
    });
    const perBoard = Math.floor(BOARD_MAX_CHARS / JSON.stringify(label('e-0-00')).length);
    let n = 0;
    for (let round = 0; round < REPORT_ROUNDS; round++) {
      // A socket per round: each has its own command budget, as the shipped limits stand.
      const socket = socketFor(server.url, loop.id, loop.tokens.candidate!, address(round + 1));
      if (!(await connect(socket))) throw new Error('could not connect');
      const send = async (event: string, payload: object) => {
        const ack = (await socket.emitWithAck(event, payload)) as {
          ok: boolean;
          error?: { message: string };
        };
        if (!ack.ok) throw new Error(`${event}: ${ack.error?.message}`);
      };
      await send('round:start', { commandId: `b-${++n}-xxxx`, round });
      // The longest notes, typed in runs small enough for one update each.
      const notes = new Y.Doc();
      notes.on('update', (update: Uint8Array) => updates.push(update));
      const updates: Uint8Array[] = [];
      for (let at = 0; at < NOTES_MAX_CHARS; at += 4_000)
        notes.getText('text').insert(at, '€'.repeat(Math.min(4_000, NOTES_MAX_CHARS - at)));
      for (const update of updates)
        await send('doc:edit', { doc: { kind: 'notes', round }, update });
      for (let i = 0; i < perBoard; i++)
        await send('board:update', { round, elements: [label(`e-${round}-${i}`)] });
      await send('round:end', { commandId: `b-${++n}-xxxx`, round });
      await send('round:next', { commandId: `b-${++n}-xxxx`, round });
      socket.disconnect();
    }
    const fetchReport = async () => {
      const res = await fetch(`${server.url}/api/loops/${loop.id}/report.json`, {
        headers: {
          Authorization: `Bearer ${loop.tokens.candidate}`,
          'X-Forwarded-For': '10.254.0.9',
        },
      });
      return Buffer.from(await res.arrayBuffer());
    };
    const alone: number[] = [];
    let body = Buffer.alloc(0);
    for (let i = 0; i < 5; i++) {
      const at = performance.now();
      body = await fetchReport();
      alone.push(performance.now() - at);
    }
    const report = JSON.parse(body.toString('utf8')) as { rounds: { diagram: unknown[] | null }[] };
    const fourAtOnce: number[] = [];
    const healthMax: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const health = watchHealth(server.url);
      await sleep(50);
      const at = performance.now();
      await Promise.all([1, 2, 3, 4].map(fetchReport));
      fourAtOnce.push(performance.now() - at);
      healthMax.push(Math.max(...(await health.stop())));
    }
    return {
      bytes: body.byteLength,
      diagramsKept: report.rounds.filter((r) => (r.diagram?.length ?? 0) > 0).length,
      aloneMs: percentile(alone, 50),
      fourAtOnceMs: percentile(fourAtOnce, 50),
      healthMaxMs: percentile(healthMax, 50),
      healthMaxPerRun: healthMax,
    };
  } finally {
    await stopServer(server);
  }
}

/** Runs a crowd RUNS times; the run with the median /api/health maximum, and every maximum. */
async function repeated(
  run: () => Promise<CrowdResult>,
): Promise<CrowdResult & { healthMaxPerRun: number[] }> {
  const results: CrowdResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await run());
  results.sort((a, b) => a.healthMaxMs - b.healthMaxMs);
  return {
    ...results[Math.floor(RUNS / 2)]!,
    healthMaxPerRun: results.map((r) => r.healthMaxMs),
  };
}

async function main(): Promise<void> {
  const idleServer = await startServer();
  const idle = await idleHealth(idleServer.url);
  await stopServer(idleServer);
  const idleP50 = percentile(idle, 50);
  const idleMax = Math.max(...idle);
  const bareRefused = await repeated(() => bareCrowd(false));
  const capped = await repeated(() => crowd({}));
  const oneAddress = await repeated(() => crowd({}, () => '10.253.0.1'));
  const bareAdmitted = await repeated(() => bareCrowd(true));
  const open = await repeated(() =>
    crowd({ MAX_SOCKETS_PER_ROLE: String(CROWD), MAX_SOCKETS_PER_ADDRESS: '10' }),
  );
  const report = await reports();

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const runs = (values: number[]) => values.map((v) => v.toFixed(0)).join(' / ');
  const versus = (value: number, baseline: number) =>
    `${(value / baseline).toFixed(2)}× the bare Socket.IO server's ${ms(baseline)}`;
  const line = (what: string, result: CrowdResult & { healthMaxPerRun: number[] }) =>
    `${what}: ${result.admitted} admitted, ${result.refused} refused, ` +
    `${result.presenceUpdates} presence updates to the watcher; /api/health max per run ` +
    `${runs(result.healthMaxPerRun)} ms, median ${ms(result.healthMaxMs)}`;
  const lines = [
    `idle /api/health: p50 ${idleP50.toFixed(1)} ms, max ${ms(idleMax)} (200 requests)`,
    line(`bare Socket.IO, ${CROWD} refused in middleware`, bareRefused),
    line(`mockloop, ${CROWD} on one loop, shipped caps`, capped) +
      ` (${versus(capped.healthMaxMs, bareRefused.healthMaxMs)})`,
    line(`mockloop, ${CROWD} from one address, shipped limits`, oneAddress),
    line(`bare Socket.IO, ${CROWD} admitted to one room`, bareAdmitted),
    line(`mockloop, ${CROWD} admitted to one loop (caps raised)`, open) +
      ` (${versus(open.healthMaxMs, bareAdmitted.healthMaxMs)})`,
    `report.json of ${REPORT_ROUNDS} full rounds: ${(report.bytes / 1024 / 1024).toFixed(2)} MB ` +
      `(bound ${(REPORT_MAX_BYTES / 1024 / 1024).toFixed(0)} MB), ${report.diagramsKept} diagrams kept; ` +
      `alone ${ms(report.aloneMs)} (median of 5); four at once ${ms(report.fourAtOnceMs)} ` +
      `(median of ${RUNS}), /api/health max meanwhile per run ${runs(report.healthMaxPerRun)} ms`,
  ];
  for (const text of lines) process.stdout.write(`${text}\n`);
  process.stdout.write(
    `${JSON.stringify({ idle: { p50: idleP50, max: idleMax }, bareRefused, capped, oneAddress, bareAdmitted, open, report })}\n`,
  );
}

void main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
