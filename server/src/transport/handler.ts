/**
 * Socket events are routed through one table shared by every socket, and each socket
 * gets a single dispatcher: with thousands of sockets, a closure per event per socket
 * costs more memory than the rest of a room.
 */
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Logger } from '../log';
import type { AppSocket } from './socket-handlers';

type AnyAck = (reply: Ack<unknown>) => void;

/** Handles one event's payload for one socket and returns the ack. */
export type Route = (socket: AppSocket, payload: unknown) => Ack<unknown>;
export type Routes = ReadonlyMap<string, Route>;

/**
 * Dispatches an incoming event: the ack is the last argument when it is a function; one
 * payload at most; an unknown event, a bad payload or a throw becomes an error ack and a
 * log line, never a crash.
 */
export function dispatch(
  routes: Routes,
  log: Logger,
  socket: AppSocket,
  event: unknown,
  args: unknown[],
  /** Delays a reply until what the event wrote is durable. */
  durably: (reply: () => void) => void,
): void {
  const last = args.at(-1);
  const ack: AnyAck = typeof last === 'function' ? (args.pop() as AnyAck) : () => {};
  // A clock ping is answered at once: a delayed reply would skew the client's clock offset.
  const reply: AnyAck = event === 'clock:ping' ? ack : (answer) => durably(() => ack(answer));
  const route = typeof event === 'string' ? routes.get(event) : undefined;
  const { loopId, role } = socket.data;
  if (!route) {
    log.warn('unknown event', { event: String(event).slice(0, 64), loopId, role });
    return reply(fail('bad-request', 'unknown event'));
  }
  try {
    reply(
      args.length > 1 ? fail('bad-request', 'send one payload object') : route(socket, args[0]),
    );
  } catch (error) {
    log.error('command failed', { event, loopId, role, error: (error as Error).message });
    reply(fail('internal', 'the server could not apply that command'));
  }
}
