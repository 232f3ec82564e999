/**
 * Who may read and write a round's shared workspace (code or whiteboard). The same rules
 * as commands: the round must exist and have that workspace; writing needs the
 * `collaborate` permission, a loop still running and the round in focus.
 */
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { WorkspaceKind } from '@mockloop/shared/levels';
import { permissionsFor } from '@mockloop/shared/loop/permissions';
import type { LoopRound, LoopState, Role } from '@mockloop/shared/loop/state';
import type { LoopService } from '../loops/loop-service';

export interface WorkspaceTarget {
  state: LoopState;
  round: LoopRound;
}

/** What a socket asks of a workspace: to read or write one round's. */
export interface WorkspaceRequest {
  loopId: string;
  role: Role;
  round: number;
  write: boolean;
  /** The question the client's copy belongs to; a mismatch means the question changed. */
  questionId?: string;
}

export type WorkspaceAccess = (request: WorkspaceRequest) => Promise<Ack<WorkspaceTarget>>;

/** Checks requests for one kind of workspace against the loop's current state. */
export function workspaceAccess(
  deps: { service: LoopService; content: CatalogIndex },
  kind: WorkspaceKind,
): WorkspaceAccess {
  return async ({ loopId, role, round: index, write, questionId }) => {
    const state = await deps.service.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    const round = state.rounds[index];
    if (!round) return fail('not-found', `this loop has no round ${index + 1}`);
    if (deps.content.round(round.roundId)?.workspace !== kind)
      return fail(
        'bad-request',
        `round ${index + 1} has no ${kind === 'code' ? 'code editor' : kind}`,
      );
    if (write) {
      if (!permissionsFor(state.mode, role).collaborate)
        return fail('forbidden', `the ${role} may not edit this workspace`);
      if (state.status === 'ended') return fail('conflict', 'this loop has ended');
      if (index !== state.current)
        return fail(
          'conflict',
          `that round is not the current one (round ${state.current + 1} is)`,
        );
    }
    if (questionId !== undefined && round.questionId !== questionId)
      return fail('conflict', 'the question of this round has changed; reload it');
    return { ok: true, data: { state, round } };
  };
}
