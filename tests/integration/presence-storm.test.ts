/**
 * A crowd of sockets on one loop: each role of a loop holds a few live sockets at most,
 * and the rest are refused with a clear connect_error; presence is worked out and sent
 * once per short window however many come and go, instead of once per arrival to
 * everyone (which made 1,000 sockets cost about half a million messages).
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/src/limits';
import { DEFAULT_SOCKET_CAPS } from '../../server/src/transport/socket-caps';
import { Peer, openSocket, until } from '../helpers/paired';
import { startTestServer, type TestServer, type TestSocket } from '../helpers/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Tries to connect; resolves with the socket once connected, or the refusal message. */
function attempt(socket: TestSocket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
    socket.connect();
  });
}

async function pairedLoop(url: string) {
  const res = await request(url)
    .post('/api/loops')
    .send({ mode: 'paired', rounds: [{ id: 'screen' }] })
    .expect(201);
  return res.body as {
    id: string;
    tokens: Record<'candidate' | 'interviewer' | 'observer', string>;
  };
}

describe('a crowd of sockets on one loop', () => {
  it('admits a few per role, refuses the rest clearly, and sends presence in batches', async () => {
    const server = await startTestServer();
    servers.push(server);
    const loop = await pairedLoop(server.url);
    const watcher = await Peer.join(server.url, 'interviewer', loop.id, loop.tokens.interviewer);
    await until('the first presence', () => watcher.presence[0]);
    const before = watcher.presence.length;

    const crowd = Array.from({ length: 1000 }, () =>
      openSocket(server.url, loop.id, loop.tokens.candidate),
    );
    const results = await Promise.all(crowd.map(attempt));
    const admitted = results.filter((r) => r === 'connected').length;
    const refusals = results.filter((r) => r !== 'connected');
    expect(admitted).toBe(DEFAULT_SOCKET_CAPS.perRole);
    expect(new Set(refusals.map((m) => m.replace(/\d+/g, 'N')))).toEqual(
      new Set([
        'limit-reached: the candidate of this loop already has N open connections; close another tab or device and try again',
      ]),
    );
    await watcher.presenceIs({ candidate: true, interviewer: true, observer: false });

    for (const socket of crowd) socket.disconnect();
    await watcher.presenceIs({ candidate: false, interviewer: true, observer: false });
    // One update per window, not one per arrival and departure: 2,000 of them before.
    const sent = watcher.presence.length - before;
    console.log(`[presence] ${admitted} admitted, ${refusals.length} refused, ${sent} updates`);
    expect(sent).toBeLessThanOrEqual(20);

    // Every place was given back: the role can fill up again.
    const again = Array.from({ length: DEFAULT_SOCKET_CAPS.perRole }, () =>
      openSocket(server.url, loop.id, loop.tokens.candidate),
    );
    expect(await Promise.all(again.map(attempt))).toEqual(again.map(() => 'connected'));
    for (const socket of again) socket.disconnect();
    watcher.socket.disconnect();
  });

  it('caps live sockets per client address, across loops', async () => {
    const server = await startTestServer({
      trustedProxies: ['loopback'],
      limits: { ...DEFAULT_LIMITS, sockets: { perRole: 100, perAddress: 5 } },
    });
    servers.push(server);
    const loops = await Promise.all([pairedLoop(server.url), pairedLoop(server.url)]);
    const from = (address: string, i: number) => {
      const loop = loops[i % 2]!;
      const socket = openSocket(server.url, loop.id, loop.tokens.observer, {});
      (socket.io.opts as { extraHeaders?: Record<string, string> }).extraHeaders = {
        'X-Forwarded-For': address,
      };
      return socket;
    };
    const crowd = Array.from({ length: 8 }, (_, i) => from('198.51.100.20', i));
    const results = [];
    for (const socket of crowd) results.push(await attempt(socket));
    expect(results.slice(0, 5)).toEqual(Array(5).fill('connected'));
    expect(results.slice(5)).toEqual(
      Array(3).fill(
        'limit-reached: 5 connections are already open from your address; close some and try again',
      ),
    );
    const other = from('198.51.100.21', 0);
    expect(await attempt(other)).toBe('connected');
    for (const socket of [...crowd, other]) socket.disconnect();
  });

  it('gives back the place of every socket, whenever in its handshake it goes away', async () => {
    const server = await startTestServer({
      limits: { ...DEFAULT_LIMITS, sockets: { perRole: 200, perAddress: 400 } },
    });
    servers.push(server);
    const loop = await pairedLoop(server.url);
    // Each leaves 0–195 ms after asking to connect: before, during or after its handshake.
    const crowd = Array.from({ length: 120 }, (_, i) => {
      const socket = openSocket(server.url, loop.id, loop.tokens.candidate);
      socket.connect();
      return new Promise<void>((resolve) =>
        setTimeout(
          () => {
            socket.disconnect();
            resolve();
          },
          (i % 40) * 5,
        ),
      );
    });
    await Promise.all(crowd);
    await until('every place given back', () => server.app.caps.size() === 0 || undefined);
    // And the role fills up again to its cap.
    const again = Array.from({ length: 3 }, () =>
      openSocket(server.url, loop.id, loop.tokens.candidate),
    );
    expect(await Promise.all(again.map(attempt))).toEqual(again.map(() => 'connected'));
    expect(server.app.caps.size()).toBe(2);
    for (const socket of again) socket.disconnect();
    await until('given back again', () => server.app.caps.size() === 0 || undefined);
  });
});
