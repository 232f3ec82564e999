/**
 * What must hold however hostile the payload. Failures are collected by kind, with the
 * payload that caused them, and reported with the seed; the server must keep answering
 * health checks, the process see no uncaught error, the server log no error, and no
 * prototype may gain a property.
 */
import { expect, vi } from 'vitest';
import { silentLogger } from '../../../server/src/log';
import { rawHttp, type HttpResult } from './client';
import { isJsonError } from './contract';
import type { RestCase } from './rest-cases';
import { POLLUTION_MARKER, preview } from './values';
import { world } from './world';

type Failure = { where: string; what: string; payload: string; got: string };
const KINDS = ['socket', 'unknown', 'oversize', 'raw', 'handshake', 'rest', 'health'] as const;
export type FailureKind = (typeof KINDS)[number];
export const failures = {} as Record<FailureKind, Failure[]>;
for (const kind of KINDS) failures[kind] = [];
export const counts: Record<string, number> = {};
export const count = (key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

export function fail(
  kind: FailureKind,
  where: string,
  what: string,
  payload: string,
  got: unknown,
) {
  failures[kind].push({ where, what, payload, got: preview(got, 400) });
}

function report(kind: FailureKind): string {
  const list = failures[kind];
  return `${list.length} ${kind} failure(s) with seed ${world.seed}; first ones:\n${list
    .slice(0, 10)
    .map((f) => `- ${f.where}: ${f.what}\n  payload: ${f.payload}\n  got: ${f.got}`)
    .join('\n')}`;
}

/** Expects no failure of these kinds; otherwise prints the first ten of each, with the seed. */
export function expectNoFailures(...kinds: FailureKind[]) {
  for (const kind of kinds) expect(failures[kind], report(kind)).toEqual([]);
}

/** GET /api/health must answer 200 `{ status: "ok" }`, whatever else is going on. */
export async function checkHealth(where: string): Promise<boolean> {
  const res = await rawHttp(world.port, 'GET', '/api/health');
  const ok =
    'status' in res &&
    res.status === 200 &&
    (JSON.parse(res.text) as { status?: string }).status === 'ok';
  if (!ok) fail('health', where, 'GET /api/health is not 200 ok', '', res);
  count('health checks');
  return ok;
}

/** Health checks every 250 ms while `run` runs. */
export async function monitored(where: string, run: () => Promise<unknown>) {
  const monitor = setInterval(() => void checkHealth(`during ${where}`), 250);
  try {
    await run();
  } finally {
    clearInterval(monitor);
  }
  await checkHealth(`after ${where}`);
}

const processErrors: string[] = [];
const loggedErrors: { message: string; fields: unknown }[] = [];
/** The own property names of the prototypes a pollution would reach. */
const prototypeNames = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort(),
  );
let prototypes: string[][] = [];

/** Records uncaught errors and what the server logs as an error; returns the undo. */
export function watchProcess(): () => void {
  prototypes = prototypeNames();
  const onUncaught = (error: Error) => processErrors.push(`uncaughtException: ${error.stack}`);
  const onUnhandled = (reason: unknown) =>
    processErrors.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  vi.spyOn(silentLogger, 'error').mockImplementation((message, fields) => {
    loggedErrors.push({ message, fields });
  });
  return () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  };
}

/** No uncaught error, no error in the server log, no property added to a prototype. */
export function expectNoCrashOrPollution() {
  expect(processErrors).toEqual([]);
  // The server logs an error for every 500 and every command that threw: none.
  expect(loggedErrors).toEqual([]);
  expect(({} as Record<string, unknown>)[POLLUTION_MARKER]).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>)[POLLUTION_MARKER]).toBeUndefined();
  expect(prototypeNames()).toEqual(prototypes); // Object, Array and Function prototypes
}

/** A 4xx must be a JSON error; a 2xx only where the case allows it; never a 5xx. */
export function checkRest(c: RestCase, res: HttpResult): void {
  const where = `${c.method} ${c.path.length > 120 ? `${c.path.slice(0, 120)}…` : c.path}`;
  const body = c.body === undefined ? '' : preview(c.body.toString(), 200);
  const payload = `${preview(c.headers, 200)} ${body} (${c.note})`;
  const fault = (what: string, got: unknown) => fail('rest', where, what, payload, got);
  if ('error' in res) {
    if (c.oversize && /ECONNRESET|EPIPE/.test(res.error))
      return void count('rest oversize: connection closed');
    return fault('no HTTP answer', res.error);
  }
  if (res.status >= 500) return fault(`${res.status} server error`, res.text);
  if (res.status >= 400) {
    if (!isJsonError(res))
      fault(`${res.status} without a JSON { error: { code, message } }`, `${res.type} ${res.text}`);
    return;
  }
  if (c.expect === 'error') return fault(`a bad request got ${res.status}`, res.text);
  if (res.status !== 200) return fault(`unexpected status ${res.status}`, res.text);
  const markdown = /report\.md/.test(c.path) && /text\/markdown/.test(res.type);
  if (!markdown && !/application\/json/.test(res.type)) fault('200 that is not JSON', res.type);
}
