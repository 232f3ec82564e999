/**
 * Socket events of the built-in call (`shared/src/call.ts`): joining and leaving it, and
 * relaying its signalling to one other role in it. Nothing of the call is stored or
 * written to the loop's log. The sockets in a loop's call are in two Socket.IO rooms (the
 * call's, and the call's of their role), so a signal reaches a partner connected to another
 * node through the adapter, and reaches no one outside the call.
 */
import { inCall, maySignal, signalProblem } from '@mockloop/shared/call';
import { fail } from '@mockloop/shared/errors';
import type { Mode } from '@mockloop/shared/loop/state';
import { rooms } from '@mockloop/shared/protocol';
import { iceServersFor } from '../call/ice';
import type { RouteTable } from './handler';
import type { AppSocket, SocketDeps } from './socket-handlers';

/** A socket's place in its loop's call. */
interface InCall {
  session: string;
  mode: Mode;
}

export interface CallRoutes {
  routes: Pick<RouteTable, 'call:join' | 'call:leave' | 'call:signal'>;
  /** The socket went away: the others in its call are told. */
  disconnected(socket: AppSocket): void;
}

export function callRoutes(deps: SocketDeps): CallRoutes {
  const { service, ice } = deps;
  // Beside the socket, not in its data: only this node needs it.
  const calls = new WeakMap<AppSocket, InCall>();
  /** The session a socket is joining with while its loop is read. */
  const joining = new WeakMap<AppSocket, string>();

  /** Takes the socket out of its call, if it is in one; the others in it are told. */
  const leave = (socket: AppSocket): void => {
    joining.delete(socket);
    const current = calls.get(socket);
    if (!current) return;
    calls.delete(socket);
    const { loopId, role } = socket.data;
    void socket.leave(rooms.call(loopId));
    void socket.leave(rooms.callRole(loopId, role));
    socket.to(rooms.call(loopId)).emit('call:left', { role, session: current.session });
  };

  return {
    routes: {
      'call:join': async (socket, { session }) => {
        const { loopId, role } = socket.data;
        joining.set(socket, session);
        const state = await service.get(loopId);
        // Left, joined again or gone while the loop was read: this join is over.
        if (joining.get(socket) !== session || socket.disconnected)
          return fail('conflict', 'the call was left while joining it');
        joining.delete(socket);
        if (!state) return fail('not-found', 'no such loop');
        if (!inCall(state.mode, role)) return fail('forbidden', 'a solo loop has no call');
        // A second join from the same tab (a rejoin) ends its earlier session first.
        leave(socket);
        calls.set(socket, { session, mode: state.mode });
        await socket.join([rooms.call(loopId), rooms.callRole(loopId, role)]);
        socket.to(rooms.call(loopId)).emit('call:joined', { role, session });
        return { ok: true, data: { iceServers: iceServersFor(ice, session, service.now()) } };
      },
      'call:leave': (socket) => {
        leave(socket);
        return { ok: true, data: {} };
      },
      'call:signal': (socket, { to, toSession, signal }) => {
        const { loopId, role } = socket.data;
        const current = calls.get(socket);
        if (!current) return fail('forbidden', 'join the call first');
        if (!maySignal(current.mode, role, to))
          return fail('forbidden', `the ${role} cannot signal the ${to}`);
        const problem = signalProblem(role, signal);
        if (problem) return fail('bad-request', problem);
        socket
          .to(rooms.callRole(loopId, to))
          .emit('call:signal', { from: role, session: current.session, toSession, signal });
        return { ok: true, data: {} };
      },
    },
    disconnected: leave,
  };
}
