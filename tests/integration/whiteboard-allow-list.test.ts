/**
 * The whiteboard keeps drawing elements only. A participant who sends an embedded page
 * (an `iframe` or `embeddable` with HTML in `customData`), an image, an unknown field or a
 * script link is refused, and the other participants receive nothing; a board's size is
 * capped, and a deleted element is kept as a small tombstone, which frees its room.
 */
import { describe, expect, it } from 'vitest';
import { BOARD_MAX_CHARS } from '../../shared/src/board';
import { pairedServer, type Peer } from '../helpers/paired';

const { client } = pairedServer();

const shape = (id: string, version: number, extra: object = {}) => ({
  id,
  type: 'rectangle',
  version,
  versionNonce: 1,
  isDeleted: false,
  x: 10,
  y: 20,
  width: 100,
  height: 50,
  ...extra,
});

/** The HTML injection found from outside: a fake sign-in page inside the partner's board. */
const fakeSignIn = {
  ...shape('phish', 1),
  type: 'iframe',
  customData: {
    generationData: {
      status: 'done',
      html: '<h1>Session expired</h1><a href="https://evil.example/login">Sign in again</a>',
    },
  },
};

async function designPair() {
  const loop = await client.createPaired([{ id: 'system-design' }]);
  const peers = await client.joinAll(loop);
  await peers.interviewer.emit('round:start', { commandId: `wb-${loop.id}`, round: 0 });
  return peers;
}

const errorOf = (ack: { ok: boolean; error?: { code: string; message: string } }) =>
  ack.ok ? 'ok' : `${ack.error!.code}: ${ack.error!.message}`;

function received(peer: Peer) {
  const updates: unknown[] = [];
  peer.socket.on('board:updated', (payload) => updates.push(payload));
  return updates;
}

describe('the whiteboard allow-list', () => {
  it('refuses embedded pages, images, customData, unknown fields and script links; relays nothing', async () => {
    const { interviewer, candidate } = await designPair();
    const seen = received(interviewer);
    const send = (elements: unknown[]) => candidate.emit('board:update', { round: 0, elements });

    expect(errorOf(await send([fakeSignIn]))).toMatch(
      /^bad-request: .*an element of type "iframe" is not allowed on the whiteboard/,
    );
    for (const type of ['embeddable', 'image', 'magicframe', 'selection', 'video'])
      expect(errorOf(await send([{ ...shape('x', 1), type }])), type).toMatch(
        new RegExp(`type "${type}" is not allowed`),
      );
    expect(errorOf(await send([shape('c', 1, { customData: { html: '<b>hi</b>' } })]))).toMatch(
      /may not have "customData"/,
    );
    expect(errorOf(await send([shape('u', 1, { onclick: 'alert(1)' })]))).toMatch(
      /may not have "onclick"/,
    );
    for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://x/"><img'])
      expect(errorOf(await send([shape('l', 1, { link })])), link).toMatch(/"link"/);
    expect(errorOf(await send([shape('t', 1, { type: 'text', text: 42 })]))).toMatch(/"text"/);

    // Nothing was stored or relayed; an ordinary drawing still goes through.
    expect(await interviewer.emit('board:load', { round: 0 })).toEqual({
      ok: true,
      data: { elements: [] },
    });
    expect(
      errorOf(await send([shape('ok', 1, { link: 'https://example.org/design-doc#s3' })])),
    ).toBe('ok');
    await interviewer.flush();
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toMatch(/iframe|customData|javascript/);
  });

  it("caps a board's size; deleting keeps a small tombstone and frees the room", async () => {
    const { interviewer, candidate } = await designPair();
    const seen = received(interviewer);
    // Each element is about 30,000 characters of JSON (a long label).
    const big = (id: string, version = 1) =>
      shape(id, version, {
        type: 'text',
        text: 'x'.repeat(14_900),
        originalText: 'x'.repeat(14_900),
      });
    const fit = Math.floor(BOARD_MAX_CHARS / JSON.stringify(big('e000')).length);
    for (let i = 0; i < fit; i++)
      expect(
        errorOf(await candidate.emit('board:update', { round: 0, elements: [big(`e${i}`)] })),
      ).toBe('ok');
    expect(
      errorOf(await candidate.emit('board:update', { round: 0, elements: [big('one-more')] })),
    ).toMatch(/^bad-request: a whiteboard may hold at most 1,000,000 characters of drawing/);

    // Deleting one: what is kept, and what the others receive, is only the tombstone.
    const deleted = { ...big('e0', 2), isDeleted: true };
    expect(errorOf(await candidate.emit('board:update', { round: 0, elements: [deleted] }))).toBe(
      'ok',
    );
    await interviewer.flush();
    const last = seen.at(-1) as { elements: object[] };
    expect(last.elements).toEqual([
      { id: 'e0', type: 'text', version: 2, versionNonce: 1, isDeleted: true },
    ]);
    expect(
      errorOf(await candidate.emit('board:update', { round: 0, elements: [big('one-more')] })),
    ).toBe('ok');
  });
});
