/**
 * The system-design whiteboards. Each round's board is a set of Excalidraw elements
 * merged per element: the copy with the higher version wins, on a tie the lower nonce,
 * so every participant ends with the same scene whatever order updates arrive in.
 * Every element has passed the whiteboard's allow-list (`boardElementProblem`, applied by
 * the protocol's schema in `shared/src/protocol-table.ts`)
 * and the caps on its size, the board's element count and the board's size.
 */
import {
  BOARD_MAX_CHARS,
  BOARD_MAX_ELEMENT_CHARS,
  BOARD_MAX_ELEMENTS,
  elementWins,
  type BoardElement,
} from '@mockloop/shared/board';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { workspaceAccess } from '@mockloop/shared/docs';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Role } from '@mockloop/shared/loop/state';
import type { LoopService } from '../loops/loop-service';
import type { DrawingSize } from '../loops/report';
import type { Quotas } from '../quotas';
import type { WorkspaceStore } from '../store/store';

/**
 * What is kept of a deleted element: enough to win the merge and be drawn as deleted
 * everywhere, nothing of what it showed. Undoing the deletion sends the element again.
 */
function tombstone(element: BoardElement): BoardElement {
  const { id, type, version, versionNonce } = element;
  return { id, type, version, versionNonce, isDeleted: true };
}

interface StoredElement {
  element: BoardElement;
  json: string;
}

export interface BoardsDeps {
  service: LoopService;
  store: WorkspaceStore;
  content: CatalogIndex;
  quotas?: Pick<Quotas, 'allowWrite' | 'wrote'>;
}

export class Boards {
  constructor(private readonly deps: BoardsDeps) {}

  async load(
    loopId: string,
    role: Role,
    round: number,
  ): Promise<Ack<{ elements: BoardElement[] }>> {
    const access = await this.access(loopId, role, round, false);
    if (!access.ok) return access;
    return {
      ok: true,
      data: { elements: this.parse(await this.deps.store.boardElements(loopId, round)) },
    };
  }

  /** Merges the elements (checked by the protocol's schema) in; returns the ones that won, to relay to everyone else. */
  async update(
    loopId: string,
    role: Role,
    round: number,
    elements: readonly BoardElement[],
  ): Promise<Ack<{ round: number; winners: BoardElement[] }>> {
    const access = await this.access(loopId, role, round, true);
    if (!access.ok) return access;
    // Only the elements this update touches are read: a board is merged one change at a time.
    const ids = [...new Set(elements.map((element) => element.id))];
    const stored = await this.deps.store.boardElementsById(loopId, round, ids);
    const current = new Map(
      stored.map((json) => {
        const element = JSON.parse(json) as BoardElement;
        return [element.id, { element, json }];
      }),
    );
    const storedChars = new Map([...current].map(([id, { json }]) => [id, json.length]));
    // By id: an element sent twice in one update is merged like two updates.
    const winners = new Map<string, StoredElement>();
    for (const sent of elements) {
      const element = sent.isDeleted ? tombstone(sent) : sent;
      const json = JSON.stringify(element);
      if (json.length > BOARD_MAX_ELEMENT_CHARS)
        return fail(
          'bad-request',
          `an element may be at most ${BOARD_MAX_ELEMENT_CHARS} characters of JSON`,
        );
      if (elementWins(element, current.get(element.id)?.element)) {
        winners.set(element.id, { element, json });
        current.set(element.id, { element, json });
      }
    }
    const board = await this.deps.store.boardStats(loopId, round);
    if (board.elements + ids.length - stored.length > BOARD_MAX_ELEMENTS)
      return fail('bad-request', `a whiteboard may hold at most ${BOARD_MAX_ELEMENTS} elements`);
    // The board's size once the winners replace what is stored.
    let growth = 0;
    for (const [id, winner] of winners) growth += winner.json.length - (storedChars.get(id) ?? 0);
    if (growth > 0 && board.chars + growth > BOARD_MAX_CHARS)
      return fail(
        'bad-request',
        `a whiteboard may hold at most ${BOARD_MAX_CHARS.toLocaleString('en')} characters of drawing; delete something first`,
      );
    const won = [...winners.values()];
    // What the store grows by: the board's growth, and the winners kept in its history.
    const added = Math.max(0, growth) + won.reduce((sum, w) => sum + w.json.length, 0);
    if (added > 0) {
      const room = await this.deps.quotas?.allowWrite(loopId, added, 'typing');
      if (room && !room.ok) return room;
    }
    if (won.length) {
      await this.deps.store.putBoardElements(
        loopId,
        round,
        won.map((w) => ({ id: w.element.id, json: w.json })),
        this.deps.service.now(),
      );
      this.deps.quotas?.wrote(loopId, added);
    }
    return { ok: true, data: { round, winners: won.map((w) => w.element) } };
  }

  /** A round's elements, deleted ones left out, as stored JSON (UTF-8): the diagram. */
  drawing(loopId: string, round: number): Promise<Buffer[]> {
    return this.deps.store.boardDrawing(loopId, round);
  }

  /** The size of each round's diagram, for reports. */
  async drawingSizes(loopId: string): Promise<Map<number, DrawingSize>> {
    const sizes = await this.deps.store.boardDrawingSizes(loopId);
    return new Map(sizes.map(({ round, elements, bytes }) => [round, { elements, bytes }]));
  }

  private async access(loopId: string, role: Role, round: number, write: boolean) {
    const state = await this.deps.service.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    return workspaceAccess(state, { kind: 'board', round }, role, write, this.deps.content);
  }

  private parse(rows: readonly string[]): BoardElement[] {
    return rows.map((json) => JSON.parse(json) as BoardElement);
  }
}
