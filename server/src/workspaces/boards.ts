/**
 * The system-design whiteboards. Each round's board is a set of Excalidraw elements
 * merged per element: the copy with the higher version wins, on a tie the lower nonce,
 * so every participant ends with the same scene whatever order updates arrive in.
 * Elements are otherwise opaque: checked for shape and size, stored and relayed.
 */
import { z } from 'zod';
import {
  BOARD_MAX_ELEMENT_CHARS,
  BOARD_MAX_ELEMENTS,
  BOARD_MAX_UPDATE_ELEMENTS,
  elementWins,
  type BoardElement,
} from '@mockloop/shared/board';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Role } from '@mockloop/shared/loop/state';
import { describeZodError } from '../http/zod-error';
import type { LoopService } from '../loops/loop-service';
import type { WorkspaceStore } from '../store/store';
import { workspaceAccess, type WorkspaceAccess } from './access';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 12;

/** Whether a JSON value nests too deeply or carries a key that could pollute a prototype. */
function unsafeValue(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item) => unsafeValue(item, depth + 1));
  return Object.keys(value).some(
    (key) =>
      FORBIDDEN_KEYS.has(key) || unsafeValue((value as Record<string, unknown>)[key], depth + 1),
  );
}

const elementSchema = z
  .looseObject({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    type: z.string().min(1).max(32),
    version: z.number().int().min(1),
    versionNonce: z.number().int(),
    isDeleted: z.boolean(),
  })
  .refine((element) => !unsafeValue(element), 'an element nests too deeply or has a forbidden key');

export const boardUpdateSchema = z.strictObject({
  round: z.number().int().min(0).max(20),
  elements: z.array(elementSchema).min(1).max(BOARD_MAX_UPDATE_ELEMENTS),
});

interface StoredElement {
  element: BoardElement;
  json: string;
}

export interface BoardsDeps {
  service: LoopService;
  store: WorkspaceStore;
  content: CatalogIndex;
}

export class Boards {
  private readonly access: WorkspaceAccess;

  constructor(private readonly deps: BoardsDeps) {
    this.access = workspaceAccess(deps, 'whiteboard');
  }

  async load(
    loopId: string,
    role: Role,
    round: number,
  ): Promise<Ack<{ elements: BoardElement[] }>> {
    const access = await this.access({ loopId, role, round, write: false });
    if (!access.ok) return access;
    return {
      ok: true,
      data: { elements: this.parse(await this.deps.store.boardElements(loopId, round)) },
    };
  }

  /** Merges the elements in; returns the ones that won, to relay to everyone else. */
  async update(
    loopId: string,
    role: Role,
    payload: unknown,
  ): Promise<Ack<{ round: number; winners: BoardElement[] }>> {
    const parsed = boardUpdateSchema.safeParse(payload);
    if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
    const { round, elements } = parsed.data;
    const access = await this.access({ loopId, role, round, write: true });
    if (!access.ok) return access;
    // Only the elements this update touches are read: a board is merged one change at a time.
    const ids = [...new Set(elements.map((element) => element.id))];
    const stored = this.parse(await this.deps.store.boardElementsById(loopId, round, ids));
    const current = new Map(stored.map((element) => [element.id, element]));
    // By id: an element sent twice in one update is merged like two updates.
    const winners = new Map<string, StoredElement>();
    for (const element of elements as BoardElement[]) {
      const json = JSON.stringify(element);
      if (json.length > BOARD_MAX_ELEMENT_CHARS)
        return fail(
          'bad-request',
          `an element may be at most ${BOARD_MAX_ELEMENT_CHARS} characters of JSON`,
        );
      if (elementWins(element, current.get(element.id))) {
        winners.set(element.id, { element, json });
        current.set(element.id, element);
      }
    }
    const added = ids.length - stored.length;
    if ((await this.deps.store.boardSize(loopId, round)) + added > BOARD_MAX_ELEMENTS)
      return fail('bad-request', `a whiteboard may hold at most ${BOARD_MAX_ELEMENTS} elements`);
    const won = [...winners.values()];
    if (won.length) {
      await this.deps.store.putBoardElements(
        loopId,
        round,
        won.map((w) => ({ id: w.element.id, json: w.json })),
      );
    }
    return { ok: true, data: { round, winners: won.map((w) => w.element) } };
  }

  /** A round's elements, deleted ones left out: the diagram as it stands, for reports. */
  async diagram(loopId: string, round: number): Promise<BoardElement[]> {
    const rows = await this.deps.store.boardElements(loopId, round);
    return this.parse(rows).filter((e) => !e.isDeleted);
  }

  private parse(rows: readonly string[]): BoardElement[] {
    return rows.map((json) => JSON.parse(json) as BoardElement);
  }
}
