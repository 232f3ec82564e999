/**
 * `npm start` as a user runs it: a start finds the client's and the server's builds current
 * (or rebuilds the stale one), then runs the server's built JavaScript with plain Node, so a
 * second start serves within seconds; an edit to the server's sources makes its build stale.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashInputs } from '../../scripts/build/inputs-hash.mjs';
import { TARGETS, isCurrent } from '../../scripts/build/targets.mjs';
import {
  commandLinesOfGroup,
  startWithNpm,
  stopGroup,
  type ServerProcess,
} from '../helpers/server-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CURRENT_START_BUDGET_MS = 5_000;

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopGroup));
});

/** `npm start`, timed from the spawn to the first healthy answer of `/api/health`. */
async function timedStart(dataDir: string): Promise<{ server: ServerProcess; ms: number }> {
  const started = performance.now();
  const server = await startWithNpm({ DATA_DIR: dataDir });
  running.push(server);
  const health = await fetch(`${server.url}/api/health`);
  const ms = Math.round(performance.now() - started);
  expect(health.status).toBe(200);
  return { server, ms };
}

describe('npm start', () => {
  it('rebuilds a stale server; a start with both builds current serves /api/health within 5 s, running the built JavaScript', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-start-'));
    // As after an edit to the server: its stamp no longer matches its inputs.
    writeFileSync(join(ROOT, TARGETS.server.stamp), 'stale');

    const first = await timedStart(dataDir);
    expect(first.server.output()).toContain('Building the server');
    await stopGroup(first.server);

    // Two starts with both builds current; the faster must meet the budget, so that one
    // burst of load from other processes on the machine does not decide the verdict.
    const second = await timedStart(dataDir);
    await stopGroup(second.server);
    const third = await timedStart(dataDir);
    console.log(
      `npm start: first (server rebuilt) ${first.ms} ms; with both builds current ${second.ms} ms, then ${third.ms} ms`,
    );
    for (const { server } of [second, third]) {
      expect(server.output()).toContain('The client build is current.');
      expect(server.output()).toContain('The server build is current.');
      expect(server.output()).not.toContain('Building');
    }
    expect(Math.min(second.ms, third.ms)).toBeLessThan(CURRENT_START_BUDGET_MS);

    const commands = commandLinesOfGroup(third.server.child.pid!).map((argv) => argv.join(' '));
    expect(commands.some((command) => command.endsWith('server/dist/index.js'))).toBe(true);
    expect(commands.filter((command) => command.includes('tsx'))).toEqual([]);

    // What the server finds relative to its own files, from the bundle: the client build,
    // the test runner's vendored runtimes and the shipped content.
    const { url } = third.server;
    expect((await fetch(`${url}/`)).headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${url}/vendor/sqljs/sql-wasm-browser.wasm`)).status).toBe(200);
    expect((await fetch(`${url}/vendor/pyodide/pyodide.js`)).status).toBe(200);
    const { rounds } = (await (await fetch(`${url}/api/rounds`)).json()) as { rounds: unknown[] };
    expect(rounds.length).toBeGreaterThan(0);
  }, 180_000);

  it('an edit to the server, shared or rounds sources makes the server build stale, one to the client does not', () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'server'], { cwd: ROOT });
    const { server } = TARGETS;
    const current = hashInputs(ROOT, server.inputs);
    expect(isCurrent(ROOT, server, current)).toBe(true);

    /** The server's inputs hash as it would be with `edited` changed. */
    const hashWithEdit = (edited: string) =>
      hashInputs(ROOT, server.inputs, (file) => {
        const bytes = readFileSync(join(ROOT, file));
        return file === edited ? Buffer.concat([bytes, Buffer.from('\n// edited\n')]) : bytes;
      });
    for (const file of [
      'server/src/index.ts',
      'server/src/http/vendor-assets.ts',
      'shared/src/content.ts',
      'rounds/src/load.ts',
      'scripts/build/server-bundle.mjs',
    ])
      expect(isCurrent(ROOT, server, hashWithEdit(file)), file).toBe(false);
    expect(isCurrent(ROOT, server, hashWithEdit('client/src/main.tsx'))).toBe(true);
  });
});
