/**
 * Socket events of the document plane: the Yjs updates of every document people type in
 * (code, notes, private notes, STAR answers) and the whiteboard's elements. What one
 * participant changes is relayed, once stored, to every other socket of a role that may
 * read it; a rejoining client catches up with `doc:sync` and `board:load`.
 */
import { docReaders } from '@mockloop/shared/docs';
import { rooms } from '@mockloop/shared/protocol';
import type { RouteTable } from './handler';
import type { SocketDeps } from './socket-handlers';

/** The routes of the workspace events (validated and rate-limited by the dispatcher). */
export function workspaceRoutes(
  deps: SocketDeps,
): Pick<RouteTable, 'doc:sync' | 'doc:edit' | 'board:load' | 'board:update'> {
  const { docs, boards } = deps;
  return {
    'doc:sync': (socket, { doc, stateVector }) =>
      docs.sync(socket.data.loopId, socket.data.role, doc, stateVector),
    'doc:edit': (socket, { doc, update }) => {
      const { loopId, role } = socket.data;
      // Private notes never reach a candidate's socket: only the readers' rooms hear.
      return docs.edit(loopId, role, doc, update, () =>
        socket
          .to(docReaders(doc.kind).map((reader) => rooms.role(loopId, reader)))
          .emit('doc:edited', { doc, update }),
      );
    },
    'board:load': (socket, { round }) => boards.load(socket.data.loopId, socket.data.role, round),
    'board:update': async (socket, { round, elements }) => {
      const { loopId, role } = socket.data;
      const result = await boards.update(loopId, role, round, elements);
      if (!result.ok) return result;
      if (result.data.winners.length)
        socket
          .to(rooms.loop(loopId))
          .emit('board:updated', { round, elements: result.data.winners });
      return { ok: true, data: {} };
    },
  };
}
