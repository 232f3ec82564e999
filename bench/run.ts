/**
 * `npm run bench`: mockloop under N paired rooms against a bare Socket.IO relay, on
 * 127.0.0.1 only. Servers run in child processes so that the client sockets (this
 * process) do not share an event loop with the server being measured. Prints a summary
 * and, as its last line, one JSON object; exits non-zero on any error or lost update.
 */
import { rmSync } from 'node:fs';
import type { ChildServer } from './child-process';
import { readBenchConfig } from './config';
import { ErrorLog } from './errors';
import { benchMockloop } from './mockloop-phase';
import { benchRelay } from './relay-phase';
import { machine, progress, summarizeRun } from './report';
import { chromiumPath } from '../tests/helpers/browser';
import { benchReplay, describeReplay, firstPaintInBrowser } from './replay';
import { benchStartUp, describeStartUp } from './start-up';
import { benchTypingStorage, describeTyping } from './typing-storage';

async function main(): Promise<number> {
  const config = readBenchConfig();
  const errors = new ErrorLog();
  const children: ChildServer[] = [];
  const register = (child: ChildServer) => children.push(child);
  const removeTempDir = () => {
    if (config.dataDirIsTemp) rmSync(config.dataDir, { recursive: true, force: true });
  };

  const watchdog = setTimeout(() => {
    progress(`aborted: the run took longer than ${config.totalTimeoutMs} ms`);
    for (const child of children) child.kill();
    removeTempDir();
    process.exit(2);
  }, config.totalTimeoutMs);

  try {
    progress(machine());
    const typing = await benchTypingStorage(config.typedChars);
    for (const line of describeTyping(typing)) progress(line);
    const replay = await benchReplay(
      config.replayMinutes,
      chromiumPath ? firstPaintInBrowser : undefined,
    );
    for (const line of describeReplay(replay)) progress(line);
    const startUp = await benchStartUp(config.startRuns);
    for (const line of describeStartUp(startUp)) progress(line);
    const mock = await benchMockloop(config, errors, register);
    const relay = await benchRelay(config, mock.dimensions, errors, register);
    const outcome = summarizeRun(config, mock, relay, errors);
    for (const line of [
      ...describeTyping(typing),
      ...describeReplay(replay),
      ...describeStartUp(startUp),
      ...outcome.lines,
    ])
      process.stdout.write(`${line}\n`);
    process.stdout.write(`${JSON.stringify({ ...outcome.json, typing, replay, startUp })}\n`);
    return outcome.failed || !typing.met || !replay.met ? 1 : 0;
  } catch (error) {
    progress(`failed: ${(error as Error).stack ?? String(error)}`);
    progress(`errors so far: ${errors.describe()}`);
    for (const child of children) child.kill();
    return 2;
  } finally {
    clearTimeout(watchdog);
    removeTempDir();
  }
}

// Exit explicitly: stray client timers must not keep the run alive.
void main().then((code) => process.exit(code));
