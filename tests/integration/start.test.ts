/**
 * `npm start` as a user runs it: a start finds the client's and the server's builds current
 * (or rebuilds the stale one), then runs the server's built JavaScript with plain Node; an
 * edit to the server's sources makes its build stale. What a start costs is measured by
 * `npm run bench` (bench/start-up.ts), not asserted here: a time depends on the machine's load.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopGroup));
});

/** `npm start` until `/api/health` answers 200, and how long that took (for the log only). */
async function start(dataDir: string): Promise<{ server: ServerProcess; ms: number }> {
  const started = performance.now();
  const server = await startWithNpm({ DATA_DIR: dataDir });
  running.push(server);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  return { server, ms: Math.round(performance.now() - started) };
}

/** Every file of both builds (stamps included) with its modification time. */
function buildFiles(): Record<string, number> {
  const files: Record<string, number> = {};
  for (const dir of ['server/dist', 'client/dist'])
    for (const name of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      const stats = statSync(join(ROOT, dir, name));
      if (stats.isFile()) files[`${dir}/${name}`] = stats.mtimeMs;
    }
  return files;
}

describe('npm start', () => {
  it('rebuilds a stale server; a start with both builds current rebuilds nothing and serves from the built JavaScript under node', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-start-'));
    // As after an edit to the server: its stamp no longer matches its inputs.
    writeFileSync(join(ROOT, TARGETS.server.stamp), 'stale');

    const first = await start(dataDir);
    expect(first.server.output()).toContain('Building the server');
    await stopGroup(first.server);
    const built = buildFiles();
    expect(Object.keys(built)).toEqual(
      expect.arrayContaining([TARGETS.server.output, TARGETS.server.stamp, TARGETS.client.stamp]),
    );

    const second = await start(dataDir);
    console.log(
      `npm start (information, not asserted): server rebuilt ${first.ms} ms; both builds current ${second.ms} ms`,
    );
    const output = second.server.output();
    expect(output).toContain('The client build is current.');
    expect(output).toContain('The server build is current.');
    expect(output).not.toContain('Building');
    // Nothing was written: not a stamp, not a file of either build.
    expect(buildFiles()).toEqual(built);

    const commands = commandLinesOfGroup(second.server.child.pid!).map((argv) => argv.join(' '));
    expect(commands.some((command) => command.endsWith('server/dist/index.js'))).toBe(true);
    expect(commands.filter((command) => command.includes('tsx'))).toEqual([]);

    // What the server finds relative to its own files, from the bundle: the client build,
    // the test runner's vendored runtimes and the shipped content.
    const { url } = second.server;
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
