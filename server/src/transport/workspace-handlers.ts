/**
 * Socket events of the document plane: the Yjs updates of every document people type in
 * (code, notes, private notes, STAR answers) and the whiteboard's elements. What one
 * participant changes is relayed, once stored, to every other socket of a role that may
 * read it; a rejoining client catches up with `doc:sync` and `board:load`.
 */
import { z } from 'zod';
import { docReaders, docRefSchema } from '@mockloop/shared/docs';
import { fail } from '@mockloop/shared/errors';
import { rooms } from '@mockloop/shared/protocol';
import { describeZodError } from '../http/zod-error';
import type { Route } from './handler';
import type { SocketDeps } from './socket-handlers';

export const WORKSPACE_EVENTS = ['doc:sync', 'doc:edit', 'board:load', 'board:update'] as const;

const bytes = z.instanceof(Uint8Array);
const docSyncSchema = z.strictObject({ doc: docRefSchema, stateVector: bytes });
const docEditSchema = z.strictObject({ doc: docRefSchema, update: bytes });
const boardLoadSchema = z.strictObject({ round: z.number().int().min(0).max(20) });

/** The routes of the workspace events. */
export function workspaceRoutes(deps: SocketDeps): [string, Route][] {
  const { docs, boards, limiter, log } = deps;

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
      'doc:sync',
      limited('doc:sync', (socket, payload) => {
        const parsed = docSyncSchema.safeParse(payload);
        if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
        const { doc, stateVector } = parsed.data;
        return docs.sync(socket.data.loopId, socket.data.role, doc, stateVector);
      }),
    ],
    [
      'doc:edit',
      limited('doc:edit', async (socket, payload) => {
        const parsed = docEditSchema.safeParse(payload);
        if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
        const { doc, update } = parsed.data;
        const { loopId, role } = socket.data;
        // Private notes never reach a candidate's socket: only the readers' rooms hear.
        return docs.edit(loopId, role, doc, update, () =>
          socket
            .to(docReaders(doc.kind).map((reader) => rooms.role(loopId, reader)))
            .emit('doc:edited', { doc, update }),
        );
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
