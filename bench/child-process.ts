/**
 * Starts a server child (`node --expose-gc --import tsx bench/<file>`) with an IPC
 * channel, waits for its port and lets the benchmark ask it for heap and stats.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildReplies, ChildRequest, ChildRequestType } from './ipc';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ChildServer {
  url: string;
  request<T extends ChildRequestType>(type: T): Promise<ChildReplies[T]>;
  /** Asks the child to close and exit; kills it if it does not within the timeout. */
  stop(): Promise<void>;
  /** Kills it at once (aborting the run). */
  kill(): void;
}

export interface ChildOptions {
  /** Path relative to the repository root, e.g. bench/server-child.ts. */
  script: string;
  nodeArgs: string[];
  env: Record<string, string>;
  timeoutMs: number;
  /** Called if the child exits while the benchmark still needs it. */
  onUnexpectedExit(description: string): void;
}

export function startChild(options: ChildOptions): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', ...options.nodeArgs, '--import', 'tsx', options.script],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      // The child's output goes to our stderr: stdout carries only the report.
      stdio: ['ignore', 2, 2, 'ipc'],
    },
  );
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, { resolve(data: unknown): void; reject(e: Error): void }>();

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const { reject } of pending.values())
      reject(new Error(`${options.script} exited (${code ?? signal})`));
    pending.clear();
    if (!stopping) options.onUnexpectedExit(`${options.script} exited with ${code ?? signal}`);
  });

  child.on('message', (message: ChildMessage) => {
    if (message.type !== 'reply') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    waiter?.resolve(message.data);
  });

  const request = <T extends ChildRequestType>(type: T): Promise<ChildReplies[T]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${options.script} did not answer "${type}" in ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      pending.set(id, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data as ChildReplies[T]);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const message: ChildRequest = { id, type };
      child.send(message);
    });

  const kill = () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const message: ChildRequest = { id: 0, type: 'stop' };
    child.send(message);
    const timer = setTimeout(kill, options.timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${options.script} did not start within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited before listening (${code ?? signal})`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'listening') return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${message.port}`, request, stop, kill });
    });
  });
}
