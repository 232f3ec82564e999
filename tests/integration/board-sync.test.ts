/**
 * The whiteboard over real sockets: elements merge per id (higher version wins, a tie
 * goes to the lower nonce), winners reach the other participants, the merged scene
 * loads for a late joiner, and malformed elements change nothing.
 */
import { describe, expect, it } from 'vitest';
import { pairedServer, until, type Peer } from '../helpers/paired';

const { client } = pairedServer();

const rect = (id: string, version: number, versionNonce = 1, extra: object = {}) => ({
  id,
  type: 'rectangle',
  version,
  versionNonce,
  isDeleted: false,
  x: 10,
  y: 20,
  width: 100,
  height: 50,
  ...extra,
});

function recordBoard(peer: Peer) {
  const received: { round: number; elements: { id: string; version: number }[] }[] = [];
  peer.socket.on('board:updated', (payload) => received.push(payload));
  return received;
}

async function designPair() {
  const loop = await client.createPaired([{ id: 'system-design' }]);
  return client.joinAll(loop);
}

describe('shared whiteboard', () => {
  it('relays what wins to the others and keeps the merged scene for a late joiner', async () => {
    const { interviewer, candidate, observer } = await designPair();
    const seenByInterviewer = recordBoard(interviewer);
    const seenByCandidate = recordBoard(candidate);

    expect(
      await candidate.emit('board:update', { round: 0, elements: [rect('a', 1), rect('b', 1)] }),
    ).toEqual({
      ok: true,
      data: {},
    });
    await until('the interviewer to see the shapes', () => seenByInterviewer[0]);
    expect(seenByInterviewer[0]!.elements.map((e) => e.id)).toEqual(['a', 'b']);

    // A newer edit wins; an older copy arriving late is stored nowhere and relayed to no one.
    await interviewer.emit('board:update', { round: 0, elements: [rect('a', 3, 7, { x: 99 })] });
    await candidate.emit('board:update', { round: 0, elements: [rect('a', 2)] });
    // Same version: the lower nonce wins everywhere.
    await candidate.emit('board:update', { round: 0, elements: [rect('b', 1, 0, { x: 5 })] });
    await interviewer.flush();
    await candidate.flush();
    expect(seenByCandidate.map((u) => u.elements.map((e) => `${e.id}@${e.version}`))).toEqual([
      ['a@3'],
    ]);
    expect(seenByInterviewer.map((u) => u.elements.map((e) => `${e.id}@${e.version}`))).toEqual([
      ['a@1', 'b@1'],
      ['b@1'],
    ]);

    const loaded = await observer.emit('board:load', { round: 0 });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const elements = (loaded.data as { elements: { id: string; version: number; x: number }[] })
      .elements;
    const byId = new Map(elements.map((e) => [e.id, e]));
    expect(byId.get('a')).toMatchObject({ version: 3, x: 99 });
    expect(byId.get('b')).toMatchObject({ version: 1, x: 5 });
  });

  it('refuses the observer, bad elements and rounds without a whiteboard, changing nothing', async () => {
    const { candidate, observer } = await designPair();
    const codeOf = (ack: { ok: boolean; error?: { code: string } }) =>
      ack.ok ? 'ok' : ack.error!.code;
    const send = (peer: Peer, elements: unknown, round = 0) =>
      peer.emit('board:update', { round, elements });

    expect(codeOf(await send(observer, [rect('a', 1)]))).toBe('forbidden');
    const polluted = JSON.parse(
      '{"id":"p","type":"rectangle","version":1,"versionNonce":1,"isDeleted":false,"customData":{"__proto__":{"admin":true}}}',
    );
    expect(codeOf(await send(candidate, [polluted]))).toBe('bad-request');
    expect(codeOf(await send(candidate, [{ ...rect('a', 1), id: '../etc' }]))).toBe('bad-request');
    expect(codeOf(await send(candidate, [{ ...rect('a', 1), version: 'x' }]))).toBe('bad-request');
    expect(codeOf(await send(candidate, [rect('a', 1, 1, { text: 'x'.repeat(40_000) })]))).toBe(
      'bad-request',
    );
    expect(codeOf(await send(candidate, []))).toBe('bad-request');
    let deep: object = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(codeOf(await send(candidate, [rect('a', 1, 1, { customData: deep })]))).toBe(
      'bad-request',
    );
    expect(codeOf(await send(candidate, [rect('a', 1)], 5))).toBe('not-found');
    const loaded = await candidate.emit('board:load', { round: 0 });
    expect(loaded).toEqual({ ok: true, data: { elements: [] } });

    const notes = await client.createPaired([{ id: 'screen' }]);
    const other = await client.join('candidate', notes.id, notes.tokens.candidate);
    expect(codeOf(await other.emit('board:load', { round: 0 }))).toBe('bad-request');
    other.close();
  });
});
