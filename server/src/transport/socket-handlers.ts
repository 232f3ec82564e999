/**
 * Socket.IO transport: authenticate the handshake, join the loop's rooms, route each
 * command to the service, and send each role its projection after every change.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { fail, type Ack } from '@mockloop/shared/errors';
import {
  COMMAND_NAMES,
  type ClientCommand,
  type CommandName,
} from '@mockloop/shared/loop/commands';
import { ROLES } from '@mockloop/shared/loop/state';
import {
  PROTOCOL_VERSION,
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@mockloop/shared/protocol';
import type { ChangeFeed } from '../cluster/redis-cluster';
import type { Logger } from '../log';
import type { LoopService } from '../loops/loop-service';
import type { AddressOf, RateLimiter } from '../security/rate-limits';
import type { Boards } from '../workspaces/boards';
import type { Docs } from '../workspaces/docs';
import { dispatch, type Route, type RouteTable } from './handler';
import type { Result } from '@mockloop/shared/protocol-table';
import { PresenceBroadcaster } from './presence';
import type { IceConfig } from '../call/ice';
import { callRoutes } from './call-handlers';
import type { SocketCaps, SocketPlace } from './socket-caps';
import { workspaceRoutes } from './workspace-handlers';

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Commands with routes of their own; every other command goes to the loop's log. */
const SPECIAL = { 'token:rotate': true, 'loop:swap': true } as const;
type LogCommand = Exclude<CommandName, keyof typeof SPECIAL>;

const handshakeSchema = z.object({
  loopId: z.string().min(1).max(64),
  token: z.string().min(10).max(100),
  protocol: z.number().int(),
});

export interface SocketDeps {
  service: LoopService;
  docs: Docs;
  boards: Boards;
  limiter: RateLimiter;
  log: Logger;
  /** The client address of a connection, for the per-address limits. */
  addressOf: AddressOf;
  /** Caps on live sockets per role of a loop and per address. */
  caps: SocketCaps;
  /** STUN and TURN servers for the call. */
  ice: IceConfig;
  /**
   * Set when other nodes share the store: every change made here is announced on it, and
   * changes the others announce are caught up with.
   */
  feed?: ChangeFeed;
}

/** Returned by `attachSocketHandlers`: called when the server is closing. */
export interface SocketHandlers {
  /** Stops telling peers about departures: every socket is about to be disconnected. */
  closing(): void;
}

/** What a socket's handshake keeps of its credentials once admitted: nothing. */
const NO_AUTH: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Once a socket is admitted its link's token is not needed: it is let go, so no secret stays
 * in memory (or in what another node may fetch of the socket) beyond the handshake.
 */
function forgetCredentials(socket: AppSocket): void {
  socket.handshake.auth = NO_AUTH;
}

export function attachSocketHandlers(io: AppServer, deps: SocketDeps): SocketHandlers {
  const { service, limiter, log, feed, addressOf, caps } = deps;
  const presence = new PresenceBroadcaster({
    rolesIn: async (loopId) =>
      (await io.in(rooms.loop(loopId)).fetchSockets()).map((peer) => peer.data.role),
    send: (loopId, value) => io.to(rooms.loop(loopId)).emit('presence:changed', value),
    onError: (loopId, error) =>
      log.warn('sending presence failed', { loopId, error: error.message }),
  });
  // Each socket's places under the caps, kept beside it rather than in its data (which
  // other nodes may fetch) or in closures of its own; while it joins, also the listener
  // that gives them back should its connection close first.
  const places = new WeakMap<AppSocket, SocketPlace>();
  const joining = new WeakMap<AppSocket, { place: SocketPlace; closedEarly: () => void }>();
  io.use(async (socket, next) => {
    const auth = handshakeSchema.safeParse(socket.handshake.auth);
    if (!auth.success)
      return next(new Error('bad-request: the handshake needs loopId, token and protocol'));
    if (auth.data.protocol !== PROTOCOL_VERSION) {
      return next(
        new Error(`protocol-mismatch: server speaks protocol ${PROTOCOL_VERSION}; reload the page`),
      );
    }
    try {
      const role = await service.authenticate(auth.data.loopId, auth.data.token);
      if (!role) return next(new Error('not-found: no loop with that id for this token'));
      // What that brings into the log is in the socket's first view, not a patch before it.
      await service.settle(auth.data.loopId);
      // Gone while its link was checked: Socket.IO drops it; it takes no place.
      if (socket.conn.readyState !== 'open') return next(new Error('the connection closed'));
      const admitted = caps.admit(auth.data.loopId, role, addressOf(socket.request));
      if (!admitted.ok) return next(new Error(admitted.message));
      // Given back when the socket leaves (`onDisconnect`), or when its connection closes
      // before it joins: Socket.IO then drops it without a 'disconnect'.
      const { place } = admitted;
      const closedEarly = () => place.release();
      socket.conn.once('close', closedEarly);
      joining.set(socket, { place, closedEarly });
      socket.data = { loopId: auth.data.loopId, role };
      forgetCredentials(socket);
      next();
    } catch (error) {
      log.error('handshake failed', { error: (error as Error).message });
      next(new Error('internal: the server could not check that link; try again'));
    }
  });

  // Each node sends a change to its own sockets only, as each role's whole view. Another
  // node hears of the change on the change feed (with its events), catches up and sends to
  // its own: one message between nodes per change, and a role's view is projected only
  // where someone holds that role. (Typing is not a change to the loop: it travels on the
  // document plane, `workspace-handlers.ts`.)
  service.onChange(({ state, events, remote }) => {
    const room = service.rooms.find(state.id);
    for (const role of room ? ROLES : []) {
      const sessions = room!.sessionsOf(role);
      if (!sessions.length) continue;
      const view = service.project(state, role);
      for (const session of sessions) session.emit('loop:updated', view);
    }
    if (!remote) feed?.publish({ loopId: state.id, version: state.version, events: [...events] });
  });
  feed?.subscribe(({ loopId, version, events }) => {
    // Only a loop held here (its clock runs here) or watched from here needs catching up.
    if (!service.holds(loopId) && !service.rooms.find(loopId)?.watched) return;
    service
      .refresh(loopId, version, events)
      .catch((error: Error) =>
        log.warn('catching up with another node failed', { loopId, error: error.message }),
      );
  });

  /** A command the loop service decides and writes to the log. */
  const logged =
    <N extends LogCommand>(name: N): Route<N> =>
    (socket, data) =>
      // Every such command acks its version (`CommandResult`), whatever N is.
      service.execute(
        socket.data.loopId,
        { kind: 'role', role: socket.data.role },
        { type: name, ...data } as ClientCommand,
        data.commandId,
      ) as Promise<Ack<Result<N>>>;
  const commandRoutes = Object.fromEntries(
    COMMAND_NAMES.filter((name): name is LogCommand => !(name in SPECIAL)).map((name) => [
      name,
      logged(name),
    ]),
  ) as { [N in LogCommand]: Route<N> };

  const call = callRoutes(deps);
  const routes: RouteTable = {
    ...commandRoutes,
    // Rotation and swap need more than the event log.
    'token:rotate': async (socket, { commandId, role: target }) => {
      const { loopId, role } = socket.data;
      const rotated = await service.rotateToken(loopId, role, target, commandId);
      if (rotated.ok) {
        io.in(rooms.role(loopId, target)).disconnectSockets(true);
        presence.changed(loopId);
      }
      return rotated;
    },
    'loop:swap': (socket, { commandId }) =>
      service.swap(socket.data.loopId, socket.data.role, commandId),
    'clock:ping': () => ({ ok: true, data: { serverNow: service.now() } }),
    'loop:sync': async (socket) => {
      const current = await service.view(socket.data.loopId, socket.data.role);
      return current ? { ok: true, data: current } : fail('not-found', 'no such loop');
    },
    ...workspaceRoutes(deps),
    ...call.routes,
  };
  const dispatcher = { routes, limiter, log };

  // One listener of each kind serves every socket (Socket.IO calls it with the socket as
  // `this`): thousands of sockets are held at once, and a closure each would cost memory.
  // Every event, known or not, goes through one dispatcher: an unknown one is answered
  // (Socket.IO would drop it silently), so a client learns why.
  function onEvent(this: AppSocket, event: unknown, ...args: unknown[]): void {
    dispatch(dispatcher, this, event, args);
  }
  function onDisconnect(this: AppSocket): void {
    places.get(this)?.release();
    call.disconnected(this);
    service.rooms.find(this.data.loopId)?.leave(this);
    presence.changed(this.data.loopId);
  }

  io.on('connection', (socket: AppSocket) => {
    const { loopId, role } = socket.data;
    const entry = joining.get(socket);
    if (entry) {
      // Joined: from now on its place goes back on 'disconnect'.
      socket.conn.off('close', entry.closedEarly);
      joining.delete(socket);
      places.set(socket, entry.place);
    }
    // Socket.IO's rooms carry what crosses nodes (document edits, presence, a replaced
    // link); the loop's room here sends this node's sockets their views.
    void socket.join([rooms.loop(loopId), rooms.role(loopId, role)]);
    service.rooms.room(loopId).join(socket);
    socket.on('disconnect', onDisconnect);
    socket.onAny(onEvent);
    void (async () => {
      const view = await service.view(loopId, role);
      if (view && socket.connected) socket.emit('loop:updated', view);
      presence.changed(loopId);
    })().catch((error: Error) =>
      log.warn('welcoming a socket failed', { loopId, role, error: error.message }),
    );
  });
  return { closing: () => presence.stop() };
}
