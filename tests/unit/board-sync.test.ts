import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOARD_MAX_UPDATE_ELEMENTS, elementWins, type BoardElement } from '../../shared/src/board';
import {
  BoardLedger,
  chunked,
  inSceneOrder,
} from '../../client/src/features/workspace-design/board-ledger';
import {
  BoardSession,
  FIRST_RETRY_MS,
  SEND_EVERY_MS,
  type BoardSyncStatus,
} from '../../client/src/features/workspace-design/board-session';

/** An element as Excalidraw would hold it; only the merge fields matter here. */
function el(id: string, version = 1, versionNonce = 100, extra: Partial<BoardElement> = {}) {
  return { id, version, versionNonce, isDeleted: false, type: 'rectangle', ...extra };
}

/** Excalidraw edits elements in place: a new version and a new nonce. */
function edit(element: BoardElement, nonce = element.versionNonce + 1) {
  element.version += 1;
  element.versionNonce = nonce;
}

describe('board ledger', () => {
  it('treats every element as a change until the server is known to have it', () => {
    const ledger = new BoardLedger();
    const scene = [el('a'), el('b')];
    expect(ledger.changes(scene)).toEqual(scene);
    ledger.record(scene);
    expect(ledger.changes(scene)).toEqual([]);
  });

  it('sends only the elements whose version moved since they were sent or received', () => {
    const ledger = new BoardLedger();
    const scene = [el('a'), el('b'), el('c')];
    ledger.record(scene);
    edit(scene[1]!);
    expect(ledger.changes(scene).map((e) => e.id)).toEqual(['b']);
  });

  it('sends a deletion: it is a new version of the element', () => {
    const ledger = new BoardLedger();
    const scene = [el('a')];
    ledger.record(scene);
    scene[0]!.isDeleted = true;
    edit(scene[0]!);
    expect(ledger.changes(scene)).toEqual([expect.objectContaining({ id: 'a', isDeleted: true })]);
  });

  it('keeps stamps by value, so an element edited in place still counts as changed', () => {
    const ledger = new BoardLedger();
    const shared = el('a');
    ledger.record([shared]);
    edit(shared);
    expect(ledger.changes([shared])).toEqual([shared]);
  });

  it('never echoes an element it received', () => {
    const ledger = new BoardLedger();
    const scene = [el('a', 1)];
    ledger.record(scene);
    const remote = el('a', 2, 50);
    expect(ledger.receive([remote], scene)).toEqual([remote]);
    // The scene now holds the remote copy: nothing to send.
    expect(ledger.changes([remote])).toEqual([]);
  });

  it('takes a remote copy only if it beats the scene copy, by version then lower nonce', () => {
    const ledger = new BoardLedger();
    const scene = [el('a', 3, 500), el('b', 3, 500), el('c', 3, 500)];
    ledger.record(scene);
    const older = el('a', 2, 1);
    const tieLowerNonce = el('b', 3, 499);
    const tieHigherNonce = el('c', 3, 501);
    expect(ledger.receive([older, tieLowerNonce, tieHigherNonce], scene)).toEqual([tieLowerNonce]);
  });

  it('still sends an unsent local edit that beats the copy received, so the server agrees', () => {
    const ledger = new BoardLedger();
    const scene = [el('a', 1, 100)];
    ledger.record(scene);
    edit(scene[0]!, 10); // local v2, nonce 10, not sent yet
    const remote = el('a', 2, 20); // the same version from the partner, higher nonce
    expect(ledger.receive([remote], scene)).toEqual([]);
    expect(elementWins(scene[0]!, remote)).toBe(true);
    expect(ledger.changes(scene)).toEqual([scene[0]]);
  });

  it('does not resend a stale local copy once something newer is known on the server', () => {
    const ledger = new BoardLedger();
    const scene = [el('a', 4)];
    ledger.record(scene);
    // Kept locally by the editor (e.g. being edited) while a newer copy was received.
    ledger.receive([el('a', 7)], []);
    expect(ledger.changes(scene)).toEqual([]);
  });

  it('takes the best of several copies of one element in one batch', () => {
    const ledger = new BoardLedger();
    const best = el('a', 5, 1);
    expect(ledger.receive([el('a', 3), best, el('a', 5, 9)], [])).toEqual([best]);
  });

  it('undoes a failed send so the copies count as changes again, unless replaced since', () => {
    const ledger = new BoardLedger();
    const scene = [el('a', 1), el('b', 1)];
    ledger.record(scene);
    edit(scene[0]!);
    edit(scene[1]!);
    const undo = ledger.record(ledger.changes(scene));
    expect(ledger.changes(scene)).toEqual([]);
    // While the send was under way, a newer copy of b arrived from the partner.
    ledger.receive([el('b', 9)], scene);
    ledger.undo(undo);
    expect(ledger.changes(scene).map((e) => e.id)).toEqual(['a']);
  });

  it('undo of a first send forgets the element entirely', () => {
    const ledger = new BoardLedger();
    const scene = [el('new')];
    const undo = ledger.record(scene);
    ledger.undo(undo);
    expect(ledger.size).toBe(0);
    expect(ledger.changes(scene)).toEqual(scene);
  });
});

describe('board batches', () => {
  it('chunks an update to the server cap and keeps every element once, in order', () => {
    const items = Array.from({ length: BOARD_MAX_UPDATE_ELEMENTS * 2 + 3 }, (_, i) => i);
    const chunks = chunked(items);
    expect(chunks.map((c) => c.length)).toEqual([
      BOARD_MAX_UPDATE_ELEMENTS,
      BOARD_MAX_UPDATE_ELEMENTS,
      3,
    ]);
    expect(chunks.flat()).toEqual(items);
    expect(chunked([])).toEqual([]);
    expect(() => chunked([1], 0)).toThrow(RangeError);
  });

  it('orders a batch by fractional index, elements without one last, ties kept in order', () => {
    const batch = [
      el('c', 1, 1, { index: 'a2' }),
      el('x', 1, 1),
      el('a', 1, 1, { index: 'a0' }),
      el('b', 1, 1, { index: 'a1' }),
      el('b2', 1, 1, { index: 'a1' }),
      el('z', 1, 1, { index: 'Zz' }),
    ];
    expect(inSceneOrder(batch).map((e) => e.id)).toEqual(['z', 'a', 'b', 'b2', 'c', 'x']);
    expect(batch[0]!.id).toBe('c'); // the input is not sorted in place
  });
});

/** A session over a fake editor scene and a fake server link that the test answers. */
function harness(initial: BoardElement[] = []) {
  const scene = { elements: [...initial] };
  const sent: { elements: BoardElement[]; answer: (stored: boolean) => void }[] = [];
  const statuses: BoardSyncStatus[] = [];
  const applied: BoardElement[][] = [];
  const session = new BoardSession<BoardElement>({
    send: (elements) => new Promise((resolve) => sent.push({ elements, answer: resolve })),
    onStatus: (status) => statuses.push(status),
  });
  session.seed(initial);
  session.attach({
    elements: () => scene.elements,
    apply(winners) {
      applied.push(winners);
      const byId = new Map(scene.elements.map((e) => [e.id, e]));
      for (const w of winners) byId.set(w.id, { ...w });
      scene.elements = [...byId.values()];
    },
  });
  return { scene, sent, statuses, applied, session };
}

describe('board session', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('gathers changes for SEND_EVERY_MS and sends them once, however many renders', async () => {
    const { scene, sent, session } = harness();
    scene.elements.push(el('a'));
    session.changed();
    scene.elements.push(el('b'));
    session.changed();
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS - 1);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.elements.map((e) => e.id))).toEqual([['a', 'b']]);
  });

  it('sends nothing when a render changed no element (a pointer move)', async () => {
    const { sent, session } = harness([el('a')]);
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS * 3);
    expect(sent).toHaveLength(0);
  });

  it('splits a large change into updates the server accepts', async () => {
    const { scene, sent, session } = harness();
    for (let i = 0; i < BOARD_MAX_UPDATE_ELEMENTS + 1; i++) scene.elements.push(el(`e${i}`));
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    expect(sent.map((s) => s.elements.length)).toEqual([BOARD_MAX_UPDATE_ELEMENTS, 1]);
  });

  it('applies remote changes without sending them back', async () => {
    const { scene, sent, applied, session } = harness([el('a')]);
    session.receive([el('a', 2, 7), el('b')]);
    expect(applied.map((batch) => batch.map((e) => e.id))).toEqual([['a', 'b']]);
    expect(scene.elements.find((e) => e.id === 'a')?.version).toBe(2);
    session.changed(); // the editor re-renders after the update
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS * 2);
    expect(sent).toHaveLength(0);
  });

  it('ignores a remote copy it already has and leaves the scene alone', () => {
    const { applied, session } = harness([el('a', 3, 5)]);
    session.receive([el('a', 3, 5), el('a', 2, 1)]);
    expect(applied).toEqual([]);
  });

  it('keeps what arrives before the editor is ready and applies it on attach', () => {
    const session = new BoardSession<BoardElement>({ send: async () => true });
    session.seed([el('a')]);
    session.receive([el('a', 2)]);
    const applied: BoardElement[][] = [];
    session.attach({ elements: () => [el('a')], apply: (w) => applied.push(w) });
    expect(applied).toEqual([[el('a', 2)]]);
  });

  it('resends what the server did not store, after a back-off, and reports it', async () => {
    const { scene, sent, statuses, session } = harness();
    scene.elements.push(el('a'));
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    expect(statuses.at(-1)).toBe('saving');
    sent[0]!.answer(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toBe('error');
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS - 1);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.elements.map((e) => e.id))).toEqual([['a'], ['a']]);
    sent[1]!.answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('reports saved once stored, though the editor keeps rendering meanwhile', async () => {
    const { scene, sent, statuses, session } = harness();
    scene.elements.push(el('a'));
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    session.changed(); // a pointer move while the send is under way
    sent[0]!.answer(true);
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    expect(statuses).toEqual(['saving', 'saved']);
  });

  it('after a stored send, sends only what changed since', async () => {
    const { scene, sent, session } = harness();
    scene.elements.push(el('a'), el('b'));
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    sent[0]!.answer(true);
    edit(scene.elements[1]!);
    session.changed();
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS);
    expect(sent.map((s) => s.elements.map((e) => e.id))).toEqual([['a', 'b'], ['b']]);
  });

  it('stops sending and receiving once disposed', async () => {
    const { scene, sent, applied, session } = harness();
    scene.elements.push(el('a'));
    session.changed();
    session.dispose();
    session.receive([el('b')]);
    await vi.advanceTimersByTimeAsync(SEND_EVERY_MS * 2);
    expect(sent).toEqual([]);
    expect(applied).toEqual([]);
  });
});
