/**
 * Fuzz: more than ten thousand seeded, hostile payloads against every Socket.IO event and
 * REST endpoint named in docs/protocol.md, against one real server with a solo and a
 * paired loop. The server must stay up, answer each bad payload with a clear error and
 * change nothing. Reproduce a run with FUZZ_SEED=<seed> (the seed is printed);
 * FUZZ_REPORT=<file> writes every failure.
 *
 * Payloads are classified before they are sent: a payload the zod schema refuses must be
 * a `bad-request`; one it accepts is judged against docs/protocol.md (role, round, state)
 * and is only sent when the documented answer is an error (or an at-most-once replay).
 * Payloads that would legitimately change a loop are never sent. The generators, the
 * contract and the invariants live in tests/helpers/fuzz/.
 *
 * Each server bug the fuzzer found is pinned by one focused test in the last `describe`,
 * which fails while the bug is present.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../../server/src/security/rate-limits';
import type { Role } from '../../shared/src/loop/state';
import { ratingsFor } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import {
  ackOf,
  createLoop,
  handshake,
  IN_FLIGHT,
  JSON_TYPE,
  pool,
  rawHttp,
  SAFE_BYTES,
  type Outcome,
} from '../helpers/fuzz/client';
import { PROTOCOL_VERSION } from '../../shared/src/protocol';
import { doc, EVENTS, isErrorAck, isJsonError } from '../helpers/fuzz/contract';
import { handshakeCase, rawFrames, sendFrame } from '../helpers/fuzz/frame-cases';
import {
  checkHealth,
  checkRest,
  count,
  counts,
  expectNoCrashOrPollution,
  expectNoFailures,
  fail,
  failures,
  monitored,
  watchProcess,
} from '../helpers/fuzz/invariants';
import { restCase } from '../helpers/fuzz/rest-cases';
import {
  deepCases,
  invalidCommands,
  pollutedCards,
  sendCases,
  sendOversize,
  socketCase,
  strayCases,
} from '../helpers/fuzz/socket-cases';
import { POLLUTION_MARKER, preview, Rng, setOwn, wireBytes } from '../helpers/fuzz/values';
import { closeWorld, openWorld, snapshot, world } from '../helpers/fuzz/world';
import { joinLoop, startTestServer, type TestServer } from '../helpers/test-server';

const SEED = Number(process.env.FUZZ_SEED ?? 20260105);
const SOCKET_CASES = 10_000;
const STRAY_CASES = 800;
const REST_CASES = 2_500;
const HANDSHAKE_CASES = 200;
const RAW_MUTATIONS = 200;
/** Limits high enough that every payload reaches validation (one test keeps the defaults). */
const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };
const FUZZ_LIMITS: RateLimitConfig = {
  ...DEFAULT_RATE_LIMITS,
  rest: UNLIMITED,
  createLoop: UNLIMITED,
  connect: UNLIMITED,
  command: UNLIMITED,
};
/** How often each value occurs. */
const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((n, v) => ({ ...n, [v]: (n[v] ?? 0) + 1 }), {});

describe(`fuzz: hostile payloads against every socket event and REST endpoint (seed ${SEED})`, () => {
  const rng = new Rng(SEED);
  const started = Date.now();
  let before: unknown;
  let unwatch: () => void;

  beforeAll(async () => {
    console.log(`[fuzz] seed ${SEED} (set FUZZ_SEED to reproduce another run)`);
    unwatch = watchProcess();
    before = await openWorld(SEED, new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0)), FUZZ_LIMITS);
  });

  afterAll(() => {
    unwatch();
    const sent = Object.entries(counts).filter(([key]) => key.startsWith('sent '));
    const total = sent.reduce((sum, [, n]) => sum + n, 0);
    const reconnects = Object.values(world.clients).map((c) => `${c.name} ${c.reconnects}`);
    console.log(
      [
        `[fuzz] seed ${SEED}: ${total} payloads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...Object.entries(counts).map(([key, n]) => `  ${key}: ${n}`),
        `  reconnects: ${reconnects.join(', ')}`,
        ...Object.entries(failures).map(([kind, list]) => `  ${kind} failures: ${list.length}`),
      ].join('\n'),
    );
    // FUZZ_REPORT=<file> writes every failure, not only the first ten per kind.
    const report = { seed: SEED, failures, counts };
    if (process.env.FUZZ_REPORT)
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 2));
  });

  it('covers every socket event and REST endpoint of docs/protocol.md', () => {
    expect([...doc.events.keys()].sort()).toEqual([...EVENTS].sort());
    // prettier-ignore
    expect(doc.endpoints.sort()).toEqual([
      'GET /api/health', 'GET /api/loops/:id', 'GET /api/loops/:id/recordings',
      'GET /api/loops/:id/recordings/:recordingId/audio', 'GET /api/loops/:id/report.json',
      'GET /api/loops/:id/report.md', 'GET /api/loops/:id/rounds/:round/replay',
      'GET /api/rounds', 'GET /api/rounds/:id',
      'GET /api/rounds/:id/questions', 'POST /api/loops', 'POST /api/loops/:id/recordings',
    ]);
  });

  it(`answers ${SOCKET_CASES} malformed socket commands with error acks`, async () => {
    const cases = Array.from({ length: SOCKET_CASES }, () => socketCase(rng));
    cases.push(...deepCases(rng), ...pollutedCards());
    const perEvent = tally(cases.map((c) => c.event));
    for (const event of EVENTS) expect(perEvent[event], event).toBeGreaterThanOrEqual(100);
    await monitored('the socket run', async () => {
      await sendCases(
        cases.filter((c) => c.bytes <= SAFE_BYTES),
        'socket',
        'socket payloads',
      );
      // Over 64 KB: Socket.IO may drop the socket (acceptable); reconnect and go on.
      for (const c of cases.filter((c) => c.bytes > SAFE_BYTES))
        expect(await sendOversize(c)).toBe(true);
    });
    expectNoFailures('socket', 'oversize', 'health');
  });

  it('answers unknown events and missing payloads, survives extra arguments', async () => {
    const cases = strayCases(rng, STRAY_CASES);
    await sendCases(cases, 'unknown', 'stray socket payloads (unknown events, odd arity)');
    await checkHealth('after unknown events');
    expectNoFailures('unknown');
  });

  it('survives malformed and mutated Socket.IO frames', async () => {
    for (const frame of rawFrames(rng, RAW_MUTATIONS)) await sendFrame(frame);
    await checkHealth('after raw frames');
    expectNoFailures('raw');
  });

  it(`refuses ${HANDSHAKE_CASES} malformed handshakes`, async () => {
    const cases = Array.from({ length: HANDSHAKE_CASES }, () => handshakeCase(rng));
    await pool(cases, IN_FLIGHT, async (auth) => {
      const outcome = await handshake(world.server.url, auth);
      count('sent handshakes');
      const oversize = wireBytes(auth) > SAFE_BYTES;
      const refused = /^connect_error (bad-request|not-found|protocol-mismatch): /.test(outcome);
      const isObject = typeof auth === 'object' && auth !== null && !Array.isArray(auth);
      if (outcome === 'connected' || (!refused && !oversize && isObject))
        fail('handshake', 'handshake', 'not refused with a clear error', preview(auth), outcome);
      if (!refused)
        count(`handshake refused otherwise: ${outcome.replace(/\d+/g, 'N').slice(0, 60)}`);
    });
    await checkHealth('after handshakes');
    expectNoFailures('handshake');
  });

  it(`answers ${REST_CASES} malformed REST requests with 4xx JSON errors`, async () => {
    const cases = Array.from({ length: REST_CASES }, () => restCase(rng));
    const perEndpoint = tally(cases.map((c) => c.endpoint));
    for (const endpoint of doc.endpoints)
      expect(perEndpoint[endpoint], endpoint).toBeGreaterThanOrEqual(20);
    await monitored('the REST run', () =>
      pool(cases, IN_FLIGHT, async (c) => {
        checkRest(c, await rawHttp(world.port, c.method, c.path, c.headers, c.body));
        count('sent REST requests');
      }),
    );
    expectNoFailures('rest', 'health');
  });

  it('answers bursts over the default rate limits with well-formed errors', async () => {
    const limited = await startTestServer({
      clock: new FakeClock(),
      rateLimits: DEFAULT_RATE_LIMITS,
      trustedProxies: ['loopback'],
    });
    const port = Number(new URL(limited.url).port);
    try {
      const loop = await createLoop(port, { mode: 'solo', rounds: [{ id: 'screen' }] });
      const { socket } = await joinLoop(limited.url, loop.id, loop.tokens.candidate!);
      // 300 schema-invalid commands at once on one socket: the bucket holds 60.
      const payloads = invalidCommands(rng, 300);
      const replies = await Promise.all(
        payloads.map(([event, value]) =>
          ackOf(socket, event, [value]).then((o) => (o.kind === 'ack' ? o.reply : 'no ack')),
        ),
      );
      count('sent socket payloads under default rate limits', payloads.length);
      const bad = replies.filter((r) => !isErrorAck(r, ['bad-request', 'rate-limited']));
      expect(bad, preview(bad.slice(0, 3))).toEqual([]);
      expect(replies.filter((r) => isErrorAck(r, ['rate-limited'])).length).toBeGreaterThan(0);
      expect(await socket.emitWithAck('clock:ping', { sentAt: 1 })).toMatchObject({ ok: true });
      const view = await socket.emitWithAck('loop:sync', {});
      expect(view.ok && view.data.version).toBe(1);
      socket.close();

      // REST and handshakes from a forwarded address are not exempt: 429 JSON / rate-limited.
      const forwarded = { 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      const wrong: unknown[] = [];
      await pool([...Array(150).keys()], IN_FLIGHT, async (i) => {
        const res = await rawHttp(port, 'GET', `/api/rounds/fz-no-round-${i}`, forwarded);
        count('sent REST requests under default rate limits');
        if ('status' in res && isJsonError(res) && [404, 429].includes(res.status))
          statuses.push(res.status);
        else wrong.push(res);
      });
      expect(wrong, 'not a 404 or 429 JSON error').toEqual([]);
      expect(statuses).toContain(429);
      const auth = { loopId: loop.id, token: 'fz-wrong-token-xx', protocol: PROTOCOL_VERSION };
      const refusals = await Promise.all(
        Array.from({ length: 40 }, () => handshake(limited.url, auth, forwarded)),
      );
      count('sent handshakes under default rate limits', refusals.length);
      // Past the limit the handshake itself is refused (HTTP 403 before any session exists),
      // which a WebSocket client sees as a transport error.
      const messages = refusals.map((m) => m.replace(/^connect_error /, ''));
      expect(messages.filter((m) => !/^(not-found: |websocket error$)/.test(m))).toEqual([]);
      expect(messages).toContain('websocket error');
      const polling = await rawHttp(port, 'GET', '/socket.io/?EIO=4&transport=polling', forwarded);
      expect(polling).toMatchObject({ status: 403 });
      expect('text' in polling && polling.text).toMatch(/rate-limited: /);
    } finally {
      await limited.close();
    }
  });

  it('changed nothing: same loops, same event log, no pollution, no crash', async () => {
    expect(await checkHealth('at the end')).toBe(true);
    expect(await snapshot()).toEqual(before);
    for (const client of Object.values(world.clients)) {
      const versions = client.views.flat().map((v) => v.version);
      const changed = versions.filter((v) => v !== client.loop.baseline);
      expect(changed, `${client.name} was sent a changed view`).toEqual([]);
    }
    expectNoCrashOrPollution();
    await closeWorld();
  });
});

describe('server bugs found by the fuzzer: one focused test each, failing while present', () => {
  let server: TestServer;
  let port = 0;
  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock() });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.close());

  async function expect4xxJson(path: string, headers?: Record<string, string>, body?: string) {
    const method = body === undefined ? 'GET' : 'POST';
    const res = await rawHttp(port, method, path, headers, body);
    const what = `${method} ${path} ${preview(headers ?? {})} → ${preview(res)}`;
    expect('status' in res && res.status >= 400 && res.status < 500, what).toBe(true);
    expect('status' in res && isJsonError(res), what).toBe(true);
  }
  async function pairedLoop() {
    const loop = await createLoop(port, { mode: 'paired', rounds: [{ id: 'coding' }] });
    const join = async (role: Role) =>
      (await joinLoop(server.url, loop.id, loop.tokens[role]!)).socket;
    return { ...loop, join, interviewer: await join('interviewer') };
  }
  const replyOf = (outcome: Outcome) => (outcome.kind === 'ack' ? outcome.reply : 'no ack');

  it('a malformed percent-encoded path parameter is a 4xx JSON error, not a 500', async () => {
    // Express 5 throws a URIError with status 400 while decoding :id; the app's error
    // handler only knows entity.too.large / entity.parse.failed and turns it into a 500.
    for (const path of [
      '/api/rounds/%E0%A4%A',
      '/api/rounds/%ZZ/questions',
      '/api/loops/%ZZ',
      '/api/loops/%/report.md',
    ])
      await expect4xxJson(path);
  });

  it('a JSON body in a charset other than UTF-8 is a 4xx JSON error, not a 500', async () => {
    // body-parser raises 415 charset.unsupported; the app's error handler answers 500.
    for (const charset of ['latin1', 'utf8', 'iso-8859-1'])
      await expect4xxJson(
        '/api/loops',
        { 'content-type': `application/json; charset=${charset}` },
        '{"mode":"solo"}',
      );
  });

  it('a body with a Content-Encoding the server cannot decode is a 4xx JSON error, not a 500', async () => {
    // body-parser raises 415 encoding.unsupported (or 400 for corrupt gzip); answered 500.
    for (const [encoding, body] of [
      ['x-foo', '{"mode":"solo"}'],
      ['gzip', 'not gzip at all'],
    ])
      await expect4xxJson('/api/loops', { ...JSON_TYPE, 'content-encoding': encoding! }, body);
  });

  it('a command sent with only an ack callback (no payload) is acknowledged', async () => {
    // handler() took the first argument as the payload and the second as the ack: with no
    // payload the callback *was* the payload, and the client waited forever.
    const { interviewer } = await pairedLoop();
    expect(replyOf(await ackOf(interviewer, 'round:start', [], 1_000))).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(replyOf(await ackOf(interviewer, 'clock:ping', [], 1_000))).toMatchObject({ ok: true });
    interviewer.close();
  });

  it('a command sent with an extra argument before its ack callback is acknowledged', async () => {
    // `emit('round:start', payload, 'extra', ack)`: handler(payload, ack) sees 'extra' as the
    // ack, so the real callback is never called and the client hangs until its own timeout.
    const { interviewer } = await pairedLoop();
    for (const [event, ...args] of [
      ['round:start', { commandId: 'bug-arity-1', round: 5 }, 'extra'],
      ['clock:ping', { sentAt: 1 }, null],
    ] as const) {
      const reply = replyOf(await ackOf(interviewer, event, args, 1_000));
      const wellFormed = isErrorAck(reply, 'any') || (reply as { ok?: unknown })?.ok === true;
      expect(wellFormed, `${event}: ${preview(reply)}`).toBe(true);
    }
    interviewer.close();
  });

  it('score:submit refuses ratings with an own "__proto__" key (z.record dropped it unchecked)', async () => {
    // `{ ratings: { ...every dimension, "__proto__": <anything> } }` must be refused like any
    // unknown dimension; instead z.record silently drops the key and the score is recorded.
    const { interviewer } = await pairedLoop();
    await interviewer.emitWithAck('round:start', { commandId: 'bug-proto-start', round: 0 });
    const ratings = ratingsFor('coding', 3);
    setOwn(ratings, '__proto__', { [POLLUTION_MARKER]: 'not a rating' });
    const card = { ratings, vote: 3, justification: 'x' };
    const payload = { commandId: 'bug-proto-score', round: 0, card };
    const reply = replyOf(await ackOf(interviewer, 'score:submit', [payload]));
    const view = await interviewer.emitWithAck('loop:sync', {});
    expect({ reply, version: view.ok && view.data.version }).toMatchObject({
      reply: { ok: false, error: { code: 'bad-request' } },
      version: 2,
    });
    interviewer.close();
  });

  it('a role that may not send a command is forbidden, even reusing an applied commandId', async () => {
    // LoopService.execute answers a known commandId before deciding whether this role may
    // send this command at all: the observer "pauses the clock", the candidate "ends the
    // loop", and both are told it worked (nothing changes).
    const loop = await pairedLoop();
    const commandId = 'bug-replay-start';
    await loop.interviewer.emitWithAck('round:start', { commandId, round: 0 });
    const [observer, candidate] = [await loop.join('observer'), await loop.join('candidate')];
    const asObserver = await observer.emitWithAck('timer:pause', { commandId, round: 0 });
    const asCandidate = await candidate.emitWithAck('loop:end', { commandId });
    expect({ asObserver, asCandidate }).toMatchObject({
      asObserver: { ok: false, error: { code: 'forbidden' } },
      asCandidate: { ok: false, error: { code: 'forbidden' } },
    });
    for (const s of [observer, candidate, loop.interviewer]) s.close();
  });
});
