import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/src/protocol';
import { MINUTE_MS } from '../../shared/src/timer';
import { ratingsFor } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import {
  joinLoop,
  nextView,
  startTestServer,
  tryConnect,
  type TestServer,
} from '../helpers/test-server';

const clock = new FakeClock(Date.now());
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

async function createLoop(body: object) {
  const res = await request(server.url).post('/api/loops').send(body).expect(201);
  return res.body as { id: string; tokens: Record<string, string> };
}
let n = 0;
const id = () => `test-command-${++n}`;

describe('a solo loop over Socket.IO', () => {
  it('sends the role its view on connect, stamped with the server clock', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'screen' }] });
    const { socket, views } = await joinLoop(server.url, loop.id, loop.tokens.candidate!);
    expect(views[0]).toMatchObject({
      id: loop.id,
      role: 'candidate',
      mode: 'solo',
      serverNow: clock.now(),
    });
    await clock.advance(1234);
    const pong = await socket.emitWithAck('clock:ping', { sentAt: 1 });
    expect(pong).toEqual({ ok: true, data: { serverNow: clock.now() } });
    socket.disconnect();
  });

  it('acks each command with the new version and pushes the new view', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'screen' }, { id: 'coding' }] });
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate!);
    const updated = nextView(socket, (v) => v.rounds[0]!.status === 'in-progress');
    const ack = await socket.emitWithAck('round:start', { commandId: id(), round: 0 });
    expect(ack).toEqual({ ok: true, data: { version: 2 } });
    const view = await updated;
    expect(view.rounds[0]!.clock).toMatchObject({ kind: 'running', phase: 0 });

    const paused = nextView(socket, (v) => v.rounds[0]!.clock.kind === 'paused');
    expect(await socket.emitWithAck('timer:pause', { commandId: id(), round: 0 })).toEqual({
      ok: true,
      data: { version: 3 },
    });
    await paused;
    socket.disconnect();
  });

  it('ends phases on the server clock and tells the client', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'screen', minutes: 20 }] });
    const { socket, views } = await joinLoop(server.url, loop.id, loop.tokens.candidate!);
    await socket.emitWithAck('round:start', { commandId: id(), round: 0 });
    const phases = views[0]!.rounds[0]!.phases;
    const phase2 = nextView(
      socket,
      (v) =>
        v.rounds[0]!.clock.kind === 'running' &&
        (v.rounds[0]!.clock as { phase: number }).phase === 1,
    );
    await clock.advance(phases[0]!.minutes * MINUTE_MS);
    const view = await phase2;
    expect(view.rounds[0]!.clock).toMatchObject({
      phaseEndsAt: clock.now() + phases[1]!.minutes * MINUTE_MS,
    });

    const over = nextView(socket, (v) => v.rounds[0]!.status === 'scoring');
    await clock.advance(phases.slice(1).reduce((s, p) => s + p.minutes, 0) * MINUTE_MS);
    expect((await over).rounds[0]!.clock).toEqual({ kind: 'finished' });
    socket.disconnect();
  });

  it('scores, moves on and ends with a debrief', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'behavioral' }] });
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate!);
    await socket.emitWithAck('round:start', { commandId: id(), round: 0 });
    await socket.emitWithAck('round:end', { commandId: id(), round: 0 });
    const scored = await socket.emitWithAck('score:submit', {
      commandId: id(),
      round: 0,
      card: { ratings: ratingsFor('behavioral', 4), vote: 4, justification: 'clear STAR, numbers' },
    });
    expect(scored.ok).toBe(true);
    const ended = nextView(socket, (v) => v.status === 'ended');
    await socket.emitWithAck('round:next', { commandId: id(), round: 0 });
    expect((await ended).debrief).toMatchObject({ outcome: 'hire', clause: 'all-clauses-met' });
    socket.disconnect();
  });

  it('answers bad payloads with an error ack and changes nothing', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'screen' }] });
    const { socket } = await joinLoop(server.url, loop.id, loop.tokens.candidate!);
    const emit = socket.emitWithAck.bind(socket) as (
      event: string,
      payload: unknown,
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    for (const payload of [
      null,
      42,
      'x',
      {},
      { commandId: id() },
      { commandId: id(), round: -1 },
      { commandId: id(), round: 0, extra: 1 },
    ]) {
      expect(await emit('round:start', payload)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
    expect(
      await emit('star:tag', {
        commandId: id(),
        round: 0,
        questionId: 'q',
        principles: [],
        story: 'x'.repeat(20_001),
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await emit('notes:update', { commandId: id(), round: 0, text: 'x' })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'unknown event' },
    });
    expect(await emit('loop:delete', {})).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'unknown event' },
    });
    const view = await socket.emitWithAck('loop:sync', {});
    expect(view.ok && view.data.version).toBe(1);
    socket.disconnect();
  });

  it('refuses a handshake with a wrong token, another protocol or no auth', async () => {
    const loop = await createLoop({ mode: 'solo', rounds: [{ id: 'screen' }] });
    const attempt = (auth: object) => tryConnect(server.url, auth);
    expect(
      await attempt({ loopId: loop.id, token: 'wrong-token-wrong', protocol: PROTOCOL_VERSION }),
    ).toMatch(/^not-found/);
    expect(await attempt({ loopId: loop.id, token: loop.tokens.candidate, protocol: 999 })).toMatch(
      /^protocol-mismatch/,
    );
    expect(await attempt({})).toMatch(/^bad-request/);
  });
});
