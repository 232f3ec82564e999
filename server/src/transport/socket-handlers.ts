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

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const handshakeSchema = z.object({
  loopId: z.string().min(1).max(64),
  token: z.string().min(10).max(100),
  protocol: z.number().int(),
});

type AnyAck = (reply: Ack<unknown>) => void;

const KNOWN_EVENTS = new Set<string>([...COMMAND_NAMES, 'clock:ping', 'loop:sync']);

/**
 * Wraps a handler: the ack is the last argument when it is a function; one payload at
 * most; a bad payload or a throw becomes an error ack and a log line, never a crash.
 */
function handler(
  socket: AppSocket,
  log: Logger,
  event: string,
  run: (payload: unknown) => Ack<unknown>,
): (...args: unknown[]) => void {
  return (...args) => {
    const last = args.at(-1);
    const reply: AnyAck = typeof last === 'function' ? (args.pop() as AnyAck) : () => {};
    try {
      reply(args.length > 1 ? fail('bad-request', 'send one payload object') : run(args[0]));
    } catch (error) {
      log.error('command failed', {
        event,
        loopId: socket.data.loopId,
        role: socket.data.role,
        error: (error as Error).message,
      });
      reply(fail('internal', 'the server could not apply that command'));
    }
  };
}

export function attachSocketHandlers(
  io: AppServer,
  service: LoopService,
  limiter: RateLimiter,
  log: Logger,
): void {
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

  service.onChange((state) => {
    for (const role of ROLES) {
      const room = rooms.role(state.id, role);
      // Projecting and encoding a view costs as much as the write itself: skip roles nobody
      // holds here. (A multi-node adapter will need its own check.)
      if (!io.sockets.adapter.rooms.get(room)?.size) continue;
      io.to(room).emit('loop:updated', service.project(state, role));
    }
  });

  async function broadcastPresence(loopId: string): Promise<void> {
    const presence: Presence = { candidate: false, interviewer: false, observer: false };
    for (const peer of await io.in(rooms.loop(loopId)).fetchSockets())
      presence[peer.data.role] = true;
    io.to(rooms.loop(loopId)).emit('presence:changed', presence);
  }

  io.on('connection', (socket: AppSocket) => {
    const { loopId, role } = socket.data;
    void socket.join([rooms.loop(loopId), rooms.role(loopId, role)]);
    const view = service.view(loopId, role);
    if (view) socket.emit('loop:updated', view);
    void broadcastPresence(loopId);
    socket.on('disconnect', () => void broadcastPresence(loopId));

    // Socket.IO drops events nobody listens to; answer them instead, so a client learns why.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
      log.warn('unknown event', { event: String(event).slice(0, 64), loopId, role });
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(fail('bad-request', 'unknown event'));
    });

    socket.on(
      'clock:ping',
      handler(socket, log, 'clock:ping', () => ({ ok: true, data: { serverNow: service.now() } })),
    );
    socket.on(
      'loop:sync',
      handler(socket, log, 'loop:sync', () => {
        const current = service.view(loopId, role);
        return current ? { ok: true, data: current } : fail('not-found', 'no such loop');
      }),
    );

    /** Routes a validated command; rotation and swap need more than the event log. */
    function run(
      name: CommandName,
      data: { commandId: string; role?: 'candidate' | 'observer' },
    ): Ack<unknown> {
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
      return service.execute(loopId, { kind: 'role', role }, command, data.commandId);
    }

    for (const name of COMMAND_NAMES) {
      socket.on(
        name,
        handler(socket, log, name, (payload) => {
          if (!limiter.command.take(socket.id)) {
            return fail('rate-limited', 'too many commands; slow down for a moment');
          }
          const parsed = commandSchemas[name].safeParse(payload);
          if (!parsed.success) return fail('bad-request', describeZodError(parsed.error));
          const result = run(name, parsed.data);
          log.info('command', {
            event: name,
            loopId,
            role,
            ok: result.ok,
            ...(result.ok ? {} : { code: result.error.code }),
          });
          return result;
        }),
      );
    }
  });
}
