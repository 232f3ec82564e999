/**
 * The call's signalling on one node: a session joins and gets its ICE servers; offers,
 * answers and ICE candidates reach the one role they are for, and only if it is in the
 * call of the same loop; malformed or forbidden signals are refused and reach no one;
 * leaving, a closed tab and a rejoin are announced to the others in the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/src/loop/state';
import { PairedClient, type Peer } from '../helpers/paired';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    ice: {
      stunUrls: ['stun:stun.example.org:3478'],
      turnUrls: ['turn:turn.example.org:3478'],
      turnSecret: 'north-wind',
      turnTtlSeconds: 3_600,
    },
  });
});
afterAll(() => server.close());

interface Heard {
  joined: { role: Role; session: string }[];
  left: { role: Role; session: string }[];
  signals: { from: Role; session: string; toSession: string; signal: { kind: string } }[];
}

/** What a peer hears of the call. */
function listen(peer: Peer): Heard {
  const heard: Heard = { joined: [], left: [], signals: [] };
  peer.socket.on('call:joined', (event) => heard.joined.push(event));
  peer.socket.on('call:left', (event) => heard.left.push(event));
  peer.socket.on('call:signal', (event) => heard.signals.push(event));
  return heard;
}

/** Sends a signal from `peer` to a role's session in the call; resolves with the ack. */
const signal = (peer: Peer, to: string, toSession: string, sent: object) =>
  peer.emit('call:signal', { to, toSession, signal: sent });

const SDP = (direction: string) =>
  `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=${direction}\r\n`;
const offer = { kind: 'offer', sdp: SDP('sendrecv') };

describe('the call signalling', () => {
  it('joins, relays to the one role in the call it is for, and to no one else', async () => {
    const client = new PairedClient(() => server.url);
    const loop = await client.createPaired();
    const { interviewer, candidate, observer } = await client.joinAll(loop);
    const other = await client.createPaired();
    const elsewhere = await client.joinAll(other);
    const heard = {
      interviewer: listen(interviewer),
      candidate: listen(candidate),
      observer: listen(observer),
      elsewhere: listen(elsewhere.candidate),
    };
    const flushAll = () =>
      Promise.all([interviewer, candidate, observer, elsewhere.candidate].map((p) => p.flush()));

    // Not in the call yet: nothing to signal with.
    expect(await signal(candidate, 'interviewer', 'interviewer-1', offer)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const joined = await interviewer.socket.emitWithAck('call:join', { session: 'interviewer-1' });
    if (!joined.ok) throw new Error(joined.error.message);
    const [stun, turn] = joined.data.iceServers;
    expect(stun).toEqual({ urls: ['stun:stun.example.org:3478'] });
    expect(turn).toMatchObject({ urls: ['turn:turn.example.org:3478'] });
    expect(turn!.username).toMatch(/^\d+:interviewer-1$/);
    expect(turn!.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);

    expect(await candidate.emit('call:join', { session: 'candidate-1' })).toMatchObject({
      ok: true,
    });
    await elsewhere.candidate.emit('call:join', { session: 'elsewhere-1' });
    await elsewhere.interviewer.emit('call:join', { session: 'elsewhere-2' });
    await flushAll();
    expect(heard.interviewer.joined).toEqual([{ role: 'candidate', session: 'candidate-1' }]);
    expect(heard.candidate.joined).toEqual([]);

    // An offer reaches the candidate of this loop, and no one else.
    expect(await signal(interviewer, 'candidate', 'candidate-1', offer)).toMatchObject({
      ok: true,
    });
    const candidateLine = {
      kind: 'candidate',
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    await signal(candidate, 'interviewer', 'interviewer-1', candidateLine);
    // The observer is connected but not in the call: a signal for it reaches no one.
    expect(await signal(interviewer, 'observer', 'observer-1', offer)).toMatchObject({
      ok: true,
    });
    await flushAll();
    expect(heard.candidate.signals).toEqual([
      { from: 'interviewer', session: 'interviewer-1', toSession: 'candidate-1', signal: offer },
    ]);
    expect(heard.interviewer.signals).toEqual([
      {
        from: 'candidate',
        session: 'candidate-1',
        toSession: 'interviewer-1',
        signal: candidateLine,
      },
    ]);
    expect(heard.observer).toEqual({ joined: [], left: [], signals: [] });
    expect(heard.elsewhere.signals).toEqual([]);
    expect(heard.elsewhere.joined).toEqual([{ role: 'interviewer', session: 'elsewhere-2' }]);

    // Malformed or forbidden: refused, and heard by no one.
    const refusals: [string, object, string][] = [
      [
        'call:signal',
        { to: 'candidate', toSession: 'candidate-1', signal: { kind: 'offer' } },
        'bad-request',
      ],
      ['call:signal', { to: 'candidate', signal: offer }, 'bad-request'],
      ['call:signal', { to: 'candidate', toSession: 'a b', signal: offer }, 'bad-request'],
      ['call:signal', { to: 'everyone', toSession: 'candidate-1', signal: offer }, 'bad-request'],
      [
        'call:signal',
        {
          to: 'candidate',
          toSession: 'candidate-1',
          signal: { kind: 'offer', sdp: 'v'.repeat(20_001) },
        },
        'bad-request',
      ],
      [
        'call:signal',
        { to: 'candidate', toSession: 'candidate-1', signal: offer, loopId: other.id },
        'bad-request',
      ],
      [
        'call:signal',
        { to: 'interviewer', toSession: 'interviewer-1', signal: offer },
        'forbidden',
      ],
      ['call:join', { session: 'no' }, 'bad-request'],
      ['call:join', {}, 'bad-request'],
    ];
    for (const [event, payload, code] of refusals)
      expect(await interviewer.emit(event, payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code },
      });
    await flushAll();
    expect(heard.candidate.signals).toHaveLength(1);
    expect(heard.elsewhere.signals).toEqual([]);

    // The observer joins: it may answer with what it receives, never send.
    expect(await observer.emit('call:join', { session: 'observer-1' })).toMatchObject({ ok: true });
    const sending = { kind: 'answer', sdp: SDP('sendrecv') };
    expect(await signal(observer, 'interviewer', 'interviewer-1', sending)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /observer/ },
    });
    const receiving = { kind: 'answer', sdp: SDP('recvonly') };
    expect(await signal(observer, 'interviewer', 'interviewer-1', receiving)).toMatchObject({
      ok: true,
    });
    await flushAll();
    expect(heard.interviewer.signals.at(-1)).toEqual({
      from: 'observer',
      session: 'observer-1',
      toSession: 'interviewer-1',
      signal: receiving,
    });
    // For the interviewer only, not the candidate beside it in the call.
    expect(heard.candidate.signals).toHaveLength(1);

    // Leaving is announced, and a left session cannot signal.
    await candidate.emit('call:leave', {});
    await flushAll();
    const candidateLeft = { role: 'candidate', session: 'candidate-1' };
    expect(heard.interviewer.left).toEqual([candidateLeft]);
    expect(heard.observer.left).toEqual([candidateLeft]);
    expect(await signal(candidate, 'interviewer', 'interviewer-1', offer)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Leaving while the join is still being handled: the join is over, no one is told.
    const [raced] = await Promise.all([
      candidate.emit('call:join', { session: 'candidate-2' }),
      candidate.emit('call:leave', {}),
    ]);
    await flushAll();
    expect(raced).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(heard.interviewer.joined.map((j) => j.session)).not.toContain('candidate-2');
    expect(await signal(candidate, 'interviewer', 'interviewer-1', offer)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // A rejoin ends the earlier session; a closed tab leaves the call.
    await interviewer.emit('call:join', { session: 'interviewer-2' });
    await flushAll();
    expect(heard.observer.left.at(-1)).toEqual({ role: 'interviewer', session: 'interviewer-1' });
    expect(heard.observer.joined.at(-1)).toEqual({ role: 'interviewer', session: 'interviewer-2' });
    observer.close();
    await interviewer.flush();
    await expect
      .poll(() => heard.interviewer.left.at(-1))
      .toEqual({ role: 'observer', session: 'observer-1' });

    for (const peer of [interviewer, candidate, ...elsewhere.all]) peer.close();
  });

  it('has no call in a solo loop', async () => {
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'screen' }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    expect(await me.emit('call:join', { session: 'solo-session' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    me.close();
  });
});
