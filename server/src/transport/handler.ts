/**
 * Socket events are routed through one table shared by every socket, and each socket
 * gets a single dispatcher: with thousands of sockets, a closure per event per socket
 * costs more memory than the rest of a room.
 */
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Logger } from '../log';
import type { AppSocket } from './socket-handlers';

type AnyAck = (reply: Ack<unknown>) => void;

/** Handles one event's payload for one socket and returns the ack, once what it wrote is durable. */
export type Route = (socket: AppSocket, payload: unknown) => Ack<unknown> | Promise<Ack<unknown>>;
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
): void {
  const last = args.at(-1);
  const reply: AnyAck = typeof last === 'function' ? (args.pop() as AnyAck) : () => {};
  const route = typeof event === 'string' ? routes.get(event) : undefined;
  const { loopId, role } = socket.data;
  if (!route) {
    log.warn('unknown event', { event: String(event).slice(0, 64), loopId, role });
    return reply(fail('bad-request', 'unknown event'));
  }
  if (args.length > 1) return reply(fail('bad-request', 'send one payload object'));
  const failed = (error: unknown) => {
    log.error('command failed', { event, loopId, role, error: (error as Error).message });
    reply(fail('internal', 'the server could not apply that command'));
  };
  try {
    const answer = route(socket, args[0]);
    // A clock ping answers synchronously: a delayed reply would skew the client's offset.
    if (answer instanceof Promise) answer.then(reply, failed);
    else reply(answer);
  } catch (error) {
    failed(error);
  }
}
