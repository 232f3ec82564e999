/**
 * Socket.IO transport: authenticate the handshake, join the loop's rooms, route each
 * command to the service, and send each role its projection after every change.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { fail, type Ack } from '@mockloop/shared/errors';
import {
  COMMAND_NAMES,
  commandSchemas,
  type ClientCommand,
  type CommandName,
} from '@mockloop/shared/loop/commands';
import { patchFor, type LoopPatch } from '@mockloop/shared/loop/patch';
import { ROLES } from '@mockloop/shared/loop/state';
import {
  PROTOCOL_VERSION,
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type Presence,
  type ServerToClientEvents,
  type SocketData,
} from '@mockloop/shared/protocol';
import type { Logger } from '../log';
import type { LoopService } from '../loops/loop-service';
import { clientAddress, type RateLimiter } from '../security/rate-limits';
import { describeZodError } from '../http/zod-error';
import type { Boards } from '../workspaces/boards';
import type { CodeDocs } from '../workspaces/code-docs';
import { dispatch, type Route } from './handler';
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

const handshakeSchema = z.object({
  loopId: z.string().min(1).max(64),
  token: z.string().min(10).max(100),
  protocol: z.number().int(),
});

export interface SocketDeps {
  service: LoopService;
  code: CodeDocs;
  boards: Boards;
  limiter: RateLimiter;
  log: Logger;
}

export function attachSocketHandlers(io: AppServer, deps: SocketDeps): void {
  const { service, limiter, log } = deps;
  io.use((socket, next) => {
    if (!limiter.allowAddress(limiter.connect, clientAddress(socket.request))) {
      return next(new Error('rate-limited: too many connections; wait a few seconds'));
    }
    const auth = handshakeSchema.safeParse(socket.handshake.auth);
    if (!auth.success)
      return next(new Error('bad-request: the handshake needs loopId, token and protocol'));
    if (auth.data.protocol !== PROTOCOL_VERSION) {
      return next(
        new Error(`protocol-mismatch: server speaks protocol ${PROTOCOL_VERSION}; reload the page`),
      );
    }
    const role = service.authenticate(auth.data.loopId, auth.data.token);
    if (!role) return next(new Error('not-found: no loop with that id for this token'));
    socket.data = { loopId: auth.data.loopId, role };
    next();
  });

  /**
   * The socket whose command is being applied, if any. Its own patch travels in the
   * command's ack rather than as a message of its own: one frame fewer per keystroke batch.
   */
  let sender: { socket: AppSocket; patch: LoopPatch | null } | null = null;

  service.onChange((state, events) => {
    for (const role of ROLES) {
      const room = rooms.role(state.id, role);
      // Projecting and encoding a view costs as much as the write itself: skip roles nobody
      // holds here. (A multi-node adapter will need its own check.)
      if (!io.sockets.adapter.rooms.get(room)?.size) continue;
      // Typing sends only what changed; anything else, the whole view.
      const patch = patchFor(events, role, state, service.now());
      const origin = sender?.socket.data.loopId === state.id ? sender : null;
      if (patch && origin?.socket.data.role === role) {
        origin.patch = patch;
        const except = origin.socket.id;
        service.afterDurable(() => io.to(room).except(except).emit('loop:patched', patch));
        continue;
      }
      const send = patch
        ? () => io.to(room).emit('loop:patched', patch)
        : () => io.to(room).emit('loop:updated', service.project(state, role));
      service.afterDurable(send);
    }
  });

  async function broadcastPresence(loopId: string): Promise<void> {
    const presence: Presence = { candidate: false, interviewer: false, observer: false };
    for (const peer of await io.in(rooms.loop(loopId)).fetchSockets())
      presence[peer.data.role] = true;
    io.to(rooms.loop(loopId)).emit('presence:changed', presence);
  }

  /** Runs a validated command; rotation and swap need more than the event log. */
  function run(
    socket: AppSocket,
    name: CommandName,
    data: { commandId: string; role?: 'candidate' | 'observer' },
  ): Ack<unknown> {
    const { loopId, role } = socket.data;
    if (name === 'token:rotate') {
      const target = data.role ?? 'candidate';
      const rotated = service.rotateToken(loopId, role, target, data.commandId);
      if (rotated.ok) {
        io.in(rooms.role(loopId, target)).disconnectSockets(true);
        void broadcastPresence(loopId);
      }
      return rotated;
    }
    if (name === 'loop:swap') return service.swap(loopId, role, data.commandId);
    const command = { type: name, ...data } as ClientCommand;
    sender = { socket, patch: null };
    try {
      const result = service.execute(loopId, { kind: 'role', role }, command, data.commandId);
      const { patch } = sender;
      return result.ok && patch ? { ok: true, data: { ...result.data, patch } } : result;
    } finally {
      sender = null;
    }
  }

  const durably = (reply: () => void) => service.afterDurable(reply);
  const routes = new Map<string, Route>([
    ['clock:ping', () => ({ ok: true, data: { serverNow: service.now() } })],
    [
      'loop:sync',
      (socket) => {
        const current = service.view(socket.data.loopId, socket.data.role);
        return current ? { ok: true, data: current } : fail('not-found', 'no such loop');
      },
    ],
    ...workspaceRoutes(deps),
  ]);
  for (const name of COMMAND_NAMES) {
    routes.set(name, (socket, payload) => {
      if (!limiter.command.take(socket.id)) {
        return fail('rate-limited', 'too many commands; slow down for a moment');
      }
      const parsed = commandSchemas[name].safeParse(payload);
      if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
      const result = run(socket, name, parsed.data);
      log.info('command', {
        event: name,
        loopId: socket.data.loopId,
        role: socket.data.role,
        ok: result.ok,
        ...(result.ok ? {} : { code: result.error.code }),
      });
      return result;
    });
  }

  io.on('connection', (socket: AppSocket) => {
    const { loopId, role } = socket.data;
    void socket.join([rooms.loop(loopId), rooms.role(loopId, role)]);
    const view = service.view(loopId, role);
    if (view) socket.emit('loop:updated', view);
    void broadcastPresence(loopId);
    socket.on('disconnect', () => void broadcastPresence(loopId));
    // Every event, known or not, goes through one dispatcher: an unknown one is answered
    // (Socket.IO would drop it silently), so a client learns why.
    socket.onAny((event: unknown, ...args: unknown[]) =>
      dispatch(routes, log, socket, event, args, durably),
    );
  });
}
