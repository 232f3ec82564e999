/**
 * Socket events are routed through one table shared by every socket, and each socket
 * gets a single dispatcher: with thousands of sockets, a closure per event per socket
 * costs more memory than the rest of a room. The table is typed from the protocol's table
 * of events (`shared/src/protocol-table.ts`): a route missing, or taking or answering the
 * wrong type, does not compile. The dispatcher applies what the table says of every event
 * (the rate limit, the payload's schema) before its route runs.
 */
import { fail, type Ack } from '@mockloop/shared/errors';
import { COMMAND_NAMES } from '@mockloop/shared/loop/commands';
import {
  CLIENT_EVENTS,
  type ClientEventName,
  type Parsed,
  type Result,
} from '@mockloop/shared/protocol-table';
import { describeZodError } from '../http/zod-error';
import type { Logger } from '../log';
import type { RateLimiter } from '../security/rate-limits';
import type { AppSocket } from './socket-handlers';

type AnyAck = (reply: Ack<unknown>) => void;

/** Handles one event's validated payload for one socket; returns the ack once durable. */
export type Route<N extends ClientEventName> = (
  socket: AppSocket,
  payload: Parsed<N>,
) => Ack<Result<N>> | Promise<Ack<Result<N>>>;
/** A route for every event of the protocol, and nothing else. */
export type RouteTable = { [N in ClientEventName]: Route<N> };

const COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES);
const isEvent = (event: unknown): event is ClientEventName =>
  typeof event === 'string' && Object.hasOwn(CLIENT_EVENTS, event);

export interface Dispatcher {
  routes: RouteTable;
  limiter: RateLimiter;
  log: Logger;
}

/**
 * Dispatches an incoming event: the ack is the last argument when it is a function; one
 * payload at most; an unknown event, a payload its schema refuses, a socket past its rate
 * or a throw becomes an error ack (and a log line where useful), never a crash.
 */
export function dispatch(
  { routes, limiter, log }: Dispatcher,
  socket: AppSocket,
  event: unknown,
  args: unknown[],
): void {
  const last = args.at(-1);
  const reply: AnyAck = typeof last === 'function' ? (args.pop() as AnyAck) : () => {};
  const { loopId, role } = socket.data;
  if (!isEvent(event)) {
    log.warn('unknown event', { event: String(event).slice(0, 64), loopId, role });
    return reply(fail('bad-request', 'unknown event'));
  }
  if (args.length > 1) return reply(fail('bad-request', 'send one payload object'));
  const spec = CLIENT_EVENTS[event];
  if (spec.limited && !limiter.command.take(socket.id))
    return reply(fail('rate-limited', 'too many commands or edits; slow down for a moment'));
  const parsed = spec.schema.safeParse(args[0]);
  if (!parsed.success) return reply(fail('bad-request', describeZodError(parsed.error)));
  const done = (result: Ack<unknown>) => {
    // Every command gets a log line; edits arrive many times a second, so only refusals.
    if (COMMANDS.has(event) || (!result.ok && spec.limited))
      log.info(COMMANDS.has(event) ? 'command' : 'workspace', {
        event,
        loopId,
        role,
        ok: result.ok,
        ...(result.ok ? {} : { code: result.error.code }),
      });
    reply(result);
  };
  const failed = (error: unknown) => {
    log.error('command failed', { event, loopId, role, error: (error as Error).message });
    reply(fail('internal', 'the server could not apply that command'));
  };
  try {
    const route = routes[event] as Route<typeof event>;
    const answer = route(socket, parsed.data as Parsed<typeof event>);
    // A clock ping answers synchronously: a delayed reply would skew the client's offset.
    if (answer instanceof Promise) answer.then(done, failed);
    else done(answer);
  } catch (error) {
    failed(error);
  }
}
