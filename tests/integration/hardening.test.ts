import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { jsonLogger } from '../../server/src/log';
import { DEFAULT_RATE_LIMITS } from '../../server/src/security/rate-limits';
import { PROTOCOL_VERSION, rooms } from '../../shared/src/protocol';
import { CLIENT_DIR } from '../helpers/browser';
import { joinLoop, startTestServer, tryConnect, type TestServer } from '../helpers/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}
async function soloLoop(url: string) {
  const res = await request(url)
    .post('/api/loops')
    .send({ mode: 'solo', rounds: [{ id: 'screen' }] });
  return res.body as { id: string; tokens: { candidate: string } };
}
describe('security headers', () => {
  it('every response carries a content security policy and no-sniff, no-frame headers', async () => {
    const server = await start();
    const res = await request(server.url).get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // The built-in call may use the camera and microphone, on this origin only.
    expect(res.headers['permissions-policy']).toBe(
      'camera=(self), microphone=(self), geolocation=()',
    );
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps eval out of the page and allows it only in the test-runner worker script', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'mockloop-client-'));
    onTestFinished(() => rmSync(clientDir, { recursive: true, force: true }));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(clientDir, 'assets', 'index-Ab12_-.js'), 'export {};');
    writeFileSync(join(clientDir, 'assets', 'run-worker-Cd34_-.js'), 'export {};');
    const server = await start({ clientDir });
    const policyOf = async (path: string) => {
      const res = await request(server.url).get(path).expect(200);
      return String(res.headers['content-security-policy']);
    };

    for (const page of ['/', '/loop/abc', '/assets/index-Ab12_-.js', '/api/health']) {
      const policy = await policyOf(page);
      expect(policy, page).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(policy, page).not.toContain("'unsafe-eval'");
      expect(policy, page).toContain("frame-ancestors 'none'");
    }
    expect(await policyOf('/vendor/pyodide/pyodide.mjs')).not.toContain("'unsafe-eval'");

    const worker = await policyOf('/assets/run-worker-Cd34_-.js');
    expect(worker.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
      "connect-src 'self'",
    ]);
    // Only that exact script: not a look-alike path, not a query-string trick on the page.
    expect(await policyOf('/loop/run-worker-x.js')).not.toContain("'unsafe-eval'");
    expect(await policyOf('/?/assets/run-worker-x.js')).not.toContain("'unsafe-eval'");

    // Pyodide is served from its package; a missing file is a 404, never the app shell.
    const pyodide = await request(server.url).get('/vendor/pyodide/pyodide.mjs').expect(200);
    expect(pyodide.headers['content-type']).toMatch(/javascript/);
    // sql.js's WebAssembly likewise, as wasm (streaming compilation needs the type).
    const sqlite = await request(server.url).get('/vendor/sqljs/sql-wasm-browser.wasm').expect(200);
    expect(sqlite.headers['content-type']).toBe('application/wasm');
    const missingFiles = ['/vendor/pyodide/nope.js', '/vendor/sqljs/sql-wasm.js', '/vendor/sqljs/'];
    for (const missing of [...missingFiles, '/assets/missing-chunk.js', '/vendor/x'])
      expect((await request(server.url).get(missing)).status, missing).toBe(404);
  });
});

describe('WebSocket origin check', () => {
  it('refuses an upgrade from another site and accepts same-origin and non-browser clients', async () => {
    const server = await start();
    const loop = await soloLoop(server.url);
    const auth = { loopId: loop.id, token: loop.tokens.candidate, protocol: PROTOCOL_VERSION };
    expect(await tryConnect(server.url, auth, { Origin: 'https://evil.example' })).not.toBe(
      'connected',
    );
    expect(await tryConnect(server.url, auth, { Origin: server.url })).toBe('connected');
    expect(await tryConnect(server.url, auth)).toBe('connected');
  });
});

describe('rate limits', () => {
  // The tests speak for other addresses through X-Forwarded-For, as a proxy on this machine.
  const viaProxy = { trustedProxies: ['loopback'] };
  const strict = DEFAULT_RATE_LIMITS;

  it('per address: a burst of REST requests gets 429 with a JSON error, others are unaffected', async () => {
    const server = await start({
      ...viaProxy,
      rateLimits: { ...strict, rest: { perSecond: 1, burst: 5 } },
    });
    const from = (address: string) =>
      request(server.url).get('/api/health').set('X-Forwarded-For', address);
    for (let i = 0; i < 5; i++) await from('203.0.113.7').expect(200);
    const limited = await from('203.0.113.7').expect(429);
    expect(limited.body.error.code).toBe('rate-limited');
    expect(limited.headers['retry-after']).toBeDefined();
    await from('203.0.113.8').expect(200);
  });

  it('per address: creating loops is limited more tightly than reading', async () => {
    const server = await start({
      ...viaProxy,
      rateLimits: { ...strict, createLoop: { perSecond: 0.01, burst: 2 } },
    });
    const create = () =>
      request(server.url)
        .post('/api/loops')
        .set('X-Forwarded-For', '198.51.100.4')
        .send({ mode: 'solo' });
    await create().expect(201);
    await create().expect(201);
    expect((await create().expect(429)).body.error.code).toBe('rate-limited');
  });

  it('per address: connection handshakes are counted before any session is held', async () => {
    const server = await start({
      ...viaProxy,
      rateLimits: { ...strict, connect: { perSecond: 0.01, burst: 2 } },
    });
    const loop = await soloLoop(server.url);
    const auth = { loopId: loop.id, token: loop.tokens.candidate, protocol: PROTOCOL_VERSION };
    const headers = { 'X-Forwarded-For': '192.0.2.9' };
    expect(await tryConnect(server.url, auth, headers)).toBe('connected');
    // A bare Engine.IO handshake, which never joins a loop, spends a token too.
    const bare = await request(server.url)
      .get('/socket.io/?EIO=4&transport=polling')
      .set('X-Forwarded-For', '192.0.2.9')
      .expect(200);
    expect(bare.text).toMatch(/"sid"/);
    expect(await tryConnect(server.url, auth, headers)).not.toBe('connected');
    const refused = await request(server.url)
      .get('/socket.io/?EIO=4&transport=polling')
      .set('X-Forwarded-For', '192.0.2.9')
      .expect(403);
    expect(refused.body.message).toMatch(/^rate-limited: /);
    // Another address is not affected.
    expect(await tryConnect(server.url, auth, { 'X-Forwarded-For': '192.0.2.10' })).toBe(
      'connected',
    );
  });

  it('closes a connection that never joins a loop', async () => {
    const server = await start({ connectTimeoutMs: 300 });
    const open = await request(server.url).get('/socket.io/?EIO=4&transport=polling').expect(200);
    const sid = (JSON.parse(open.text.slice(1)) as { sid: string }).sid;
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Past the limit the server has closed it (by default after 10 s, not 45): the next poll
    // carries Engine.IO's close packet, and then the session is gone.
    const poll = () => request(server.url).get(`/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    expect((await poll().expect(200)).text.split('\x1e')).toContain('1');
    const gone = await poll().expect(400);
    expect(gone.body).toMatchObject({ message: 'Session ID unknown' });
  });

  it("counts this machine's own address like any other when no proxy is trusted", async () => {
    const server = await start({ rateLimits: { ...strict, rest: { perSecond: 0.01, burst: 3 } } });
    // The header is ignored: every request below comes from 127.0.0.1.
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      await request(server.url).get('/api/health').set('X-Forwarded-For', address).expect(200);
    const limited = await request(server.url).get('/api/health').expect(429);
    expect(limited.body.error.code).toBe('rate-limited');
  });

  it('per socket: a flood of commands gets rate-limited acks and changes nothing more', async () => {
    const server = await start({
      rateLimits: { ...DEFAULT_RATE_LIMITS, command: { perSecond: 1, burst: 10 } },
    });
    const loop = await soloLoop(server.url);
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate);
    // Starting the round takes one of the ten commands the burst allows.
    expect(
      (await socket.emitWithAck('round:start', { commandId: 'flood-start', round: 0 })).ok,
    ).toBe(true);
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        socket.emitWithAck(i % 2 ? 'timer:resume' : 'timer:pause', {
          commandId: `flood-${i}-xxxx`,
          round: 0,
        }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate-limited').length;
    expect(limited).toBe(21);
    expect(acks.filter((a) => a.ok)).toHaveLength(9);
    expect((await server.app.service.get(loop.id))!.version).toBe(1 + 1 + 9);
    socket.disconnect();
  });
});

describe('structured logs', () => {
  it('writes one JSON line per request and per command, with loop and role, never a token', async () => {
    const lines: string[] = [];
    const server = await start({ log: jsonLogger((line) => lines.push(line)) });
    const loop = await soloLoop(server.url);
    await request(server.url)
      .get(`/api/loops/${loop.id}`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate);
    await socket.emitWithAck('round:start', { commandId: 'log-test-1', round: 0 });
    socket.disconnect();
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({
        message: 'request',
        method: 'GET',
        path: `/api/loops/${loop.id}`,
        status: 200,
        loopId: loop.id,
        role: 'candidate',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        message: 'command',
        event: 'round:start',
        loopId: loop.id,
        role: 'candidate',
        ok: true,
      }),
    );
    expect(lines.join('\n')).not.toContain(loop.tokens.candidate);
  });

  it('keeps no link token on an admitted socket, here or in what another node may fetch', async () => {
    const server = await start();
    const loop = await soloLoop(server.url);
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate);
    const [held] = await server.app.io.in(rooms.loop(loop.id)).fetchSockets();
    expect(held?.data).toEqual({ loopId: loop.id, role: 'candidate' });
    expect(JSON.stringify(held?.handshake)).not.toContain(loop.tokens.candidate);
    socket.disconnect();
  });
});

describe('links and the built client', () => {
  it('hands out links only with an http or https scheme and a real host name', async () => {
    const server = await start({ trustedProxies: ['loopback'] });
    const create = (headers: Record<string, string>) =>
      request(server.url).post('/api/loops').set(headers).send({ mode: 'solo' });
    const viaProxy = await create({ 'X-Forwarded-Proto': 'javascript' }).expect(201);
    expect(viaProxy.body.links.candidate).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/loop\//);
    const https = await create({ 'X-Forwarded-Proto': 'https' }).expect(201);
    expect(https.body.links.candidate).toMatch(/^https:\/\//);
    const badHost = await create({ Host: 'evil.example/x?' }).expect(400);
    expect(badHost.body.error.message).toMatch(/PUBLIC_URL/);
  });

  it('serves the production build without source maps', async () => {
    const dir = CLIENT_DIR;
    if (!existsSync(join(dir, 'index.html'))) {
      if (process.env.CI === 'true') throw new Error('client/dist is missing: run npm run build');
      console.warn('\n*** client/dist is missing: the source-map check is SKIPPED ***\n');
      return;
    }
    const scripts = readdirSync(join(dir, 'assets')).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'assets')).filter((name) => name.endsWith('.map'))).toEqual([]);
    for (const name of scripts)
      expect(readFileSync(join(dir, 'assets', name), 'utf8'), name).not.toMatch(
        /sourceMappingURL=(?!data:)/,
      );
    const server = await start({ clientDir: dir });
    await request(server.url).get(`/assets/${scripts[0]}.map`).expect(404);
  });
});
