/** The real server as a child process: its entry point from source, or `npm start`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Resolves once `child` logs that it listens, with its URL; rejects if it exits first. */
function whenListening(child: ChildProcess, timeoutMs: number): Promise<ServerProcess> {
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"message":"listening","port":(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}`, output: () => log });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
}

/** Starts `server/src/index.ts` (through tsx) on a free port and resolves once it is listening. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return whenListening(child, 30_000);
}

/** This process's environment without what Vitest adds (`NODE_ENV=test` makes Vite build for development). */
function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'),
    ),
  );
}

/**
 * Runs `npm start` as a user does (building what is stale first), or another npm script that
 * starts the server (`serve:src`), in a process group of its own, on a free port; resolves
 * once the server listens. Stop it with `stopGroup`.
 */
export function startWithNpm(
  env: Record<string, string>,
  script: 'start' | 'serve' | 'serve:src' = 'start',
): Promise<ServerProcess> {
  const child = spawn('npm', ['run', script], {
    cwd: ROOT,
    env: { ...userEnvironment(), PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return whenListening(child, 170_000);
}

/** Sends SIGTERM to the server's whole process group (npm, its shell, node) and waits. */
export function stopGroup(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    process.kill(-server.child.pid!, 'SIGTERM');
  });
}

/**
 * Each process in the process group `pgid`, read from /proc: its pid and the fields of its
 * `stat` after "pid (comm) " (state, ppid, pgrp, …; comm may hold spaces and parentheses).
 */
function processesOfGroup(pgid: number): { pid: string; fields: string[] }[] {
  const processes: { pid: string; fields: string[] }[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) processes.push({ pid, fields });
    } catch {
      // The process ended while we looked.
    }
  }
  return processes;
}

/** The command line (argv) of every process in the process group `pgid`, read from /proc. */
export function commandLinesOfGroup(pgid: number): string[][] {
  const lines: string[][] = [];
  for (const { pid } of processesOfGroup(pgid)) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // The process ended while we looked.
    }
  }
  return lines;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by the process group `pgid`: its live processes'
 * own, plus that of the children they have already waited for (a finished build check).
 */
export function cpuMsOfGroup(pgid: number): number {
  let ticks = 0;
  // utime, stime, cutime, cstime: fields 14–17 of stat, 11–14 after "pid (comm) ".
  for (const { fields } of processesOfGroup(pgid))
    ticks += fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export function killHard(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}
