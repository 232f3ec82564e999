/**
 * Socket events of the shared workspaces: the code editor's Yjs updates and the
 * whiteboard's elements. What one participant changes is relayed to everyone else in
 * the loop once it is stored; a rejoining client catches up with `code:sync` and
 * `board:load`.
 */
import { z } from 'zod';
import { fail } from '@mockloop/shared/errors';
import { rooms } from '@mockloop/shared/protocol';
import { describeZodError } from '../http/zod-error';
import type { Route } from './handler';
import type { SocketDeps } from './socket-handlers';

export const WORKSPACE_EVENTS = ['code:sync', 'code:edit', 'board:load', 'board:update'] as const;

const round = z.number().int().min(0).max(20);
const questionId = z.string().min(1).max(64);
const bytes = z.instanceof(Uint8Array);
const codeSyncSchema = z.strictObject({ round, questionId, stateVector: bytes });
const codeEditSchema = z.strictObject({ round, questionId, update: bytes });
const boardLoadSchema = z.strictObject({ round });

/** The routes of the workspace events. */
export function workspaceRoutes(deps: SocketDeps): [string, Route][] {
  const { code, boards, limiter, log } = deps;

  /** Runs a workspace event under the socket's rate limit; refusals are logged. */
  const limited =
    (event: (typeof WORKSPACE_EVENTS)[number], run: Route): Route =>
    async (socket, payload) => {
      if (!limiter.command.take(socket.id))
        return fail('rate-limited', 'too many changes; slow down for a moment');
      const result = await run(socket, payload);
      // Edits arrive many times a second: only refusals get a log line.
      if (!result.ok) {
        const { loopId, role } = socket.data;
        log.info('workspace', { event, loopId, role, ok: false, code: result.error.code });
      }
      return result;
    };

  return [
    [
      'code:sync',
      limited('code:sync', (socket, payload) => {
        const parsed = codeSyncSchema.safeParse(payload);
        if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
        const { round, questionId, stateVector } = parsed.data;
        return code.sync(socket.data.loopId, socket.data.role, round, questionId, stateVector);
      }),
    ],
    [
      'code:edit',
      limited('code:edit', async (socket, payload) => {
        const parsed = codeEditSchema.safeParse(payload);
        if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
        const { round, questionId, update } = parsed.data;
        const { loopId, role } = socket.data;
        const result = await code.edit(loopId, role, round, questionId, update);
        if (result.ok)
          socket.to(rooms.loop(loopId)).emit('code:edited', { round, questionId, update });
        return result;
      }),
    ],
    [
      'board:load',
      limited('board:load', (socket, payload) => {
        const parsed = boardLoadSchema.safeParse(payload);
        if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
        return boards.load(socket.data.loopId, socket.data.role, parsed.data.round);
      }),
    ],
    [
      'board:update',
      limited('board:update', async (socket, payload) => {
        const { loopId, role } = socket.data;
        const result = await boards.update(loopId, role, payload);
        if (!result.ok) return result;
        const { round, winners } = result.data;
        if (winners.length)
          socket.to(rooms.loop(loopId)).emit('board:updated', { round, elements: winners });
        return { ok: true, data: {} };
      }),
    ],
  ];
}
