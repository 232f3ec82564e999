/**
 * Which whiteboard elements to send and which to take: pure, no Excalidraw and no socket.
 * The server keeps, per element id, the copy that wins by `elementWins` (higher version,
 * then lower nonce); the ledger is this client's picture of that copy.
 */
import { BOARD_MAX_UPDATE_ELEMENTS, elementWins, type BoardElement } from '@mockloop/shared/board';

/** The fields of a copy that decide a merge, kept by value: Excalidraw edits elements in place. */
type Stamp = Pick<BoardElement, 'id' | 'version' | 'versionNonce' | 'isDeleted'>;

const stampOf = (element: BoardElement): Stamp => ({
  id: element.id,
  version: element.version,
  versionNonce: element.versionNonce,
  isDeleted: element.isDeleted,
});

/** What `record` replaced, so that a failed send can be taken back. */
export type Undo = ReadonlyMap<string, { replaced: Stamp | undefined; recorded: Stamp }>;

/**
 * Per element id, the newest copy this client knows the server has: one it sent (and was
 * not refused) or one it received. Local edits are the scene's copies that beat it; a copy
 * received is never sent back, because it is what the ledger holds.
 */
export class BoardLedger {
  private readonly known = new Map<string, Stamp>();

  /** How many element ids the ledger knows. */
  get size(): number {
    return this.known.size;
  }

  /** The scene's elements that beat what the server is known to have: the local changes. */
  changes<E extends BoardElement>(scene: readonly E[]): E[] {
    return scene.filter((element) => elementWins(element, this.known.get(element.id)));
  }

  /**
   * Records copies as held by the server (sent, or loaded from it); a copy older than the
   * one already known changes nothing. Returns what to pass to `undo` if the send fails.
   */
  record(elements: readonly BoardElement[]): Undo {
    const undo = new Map<string, { replaced: Stamp | undefined; recorded: Stamp }>();
    for (const element of elements) {
      const current = this.known.get(element.id);
      if (!elementWins(element, current)) continue;
      const recorded = stampOf(element);
      this.known.set(element.id, recorded);
      if (!undo.has(element.id)) undo.set(element.id, { replaced: current, recorded });
    }
    return undo;
  }

  /**
   * Takes back a `record` whose send failed, so the copies count as local changes again;
   * an entry replaced since (a newer copy received meanwhile) is left as it is.
   */
  undo(undo: Undo): void {
    for (const [id, { replaced, recorded }] of undo) {
      if (this.known.get(id) !== recorded) continue;
      if (replaced) this.known.set(id, replaced);
      else this.known.delete(id);
    }
  }

  /**
   * Takes elements another participant changed: records them, and returns those that
   * beat the scene's own copy (the ones to put into the scene). A copy that loses to an
   * unsent local edit is still recorded, so the edit is sent and wins on the server too.
   */
  receive<E extends BoardElement>(remote: readonly E[], scene: readonly BoardElement[]): E[] {
    const local = new Map(scene.map((element) => [element.id, element]));
    this.record(remote);
    const winners = new Map<string, E>();
    for (const element of remote) {
      const best = winners.get(element.id) ?? local.get(element.id);
      if (elementWins(element, best)) winners.set(element.id, element);
    }
    return [...winners.values()];
  }
}

/**
 * Elements sorted by their fractional `index` (z-order; compared as strings, as
 * Excalidraw does), those without one last. Excalidraw re-numbers a batch whose indices
 * are out of order, which would turn a mere relay order into edits.
 */
export function inSceneOrder<E extends BoardElement>(elements: readonly E[]): E[] {
  const key = (element: E) => (typeof element.index === 'string' ? element.index : null);
  return [...elements].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return 0;
    if (ka === null) return 1;
    if (kb === null) return -1;
    return ka < kb ? -1 : 1;
  });
}

/** Splits elements into updates the server accepts (at most BOARD_MAX_UPDATE_ELEMENTS each). */
export function chunked<T>(items: readonly T[], size = BOARD_MAX_UPDATE_ELEMENTS): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
