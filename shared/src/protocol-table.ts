/**
 * Every event a client may send, in one table: its payload's schema, what its
 * acknowledgement carries, which roles may send it in each mode, and whether it counts
 * against the socket's rate limit. The Socket.IO event map (`ClientToServerEvents` in
 * `protocol.ts`), the server's route table and the client's `sendCommand` are all typed
 * from it, and a test holds `docs/protocol.md` to it.
 *
 * The server imports this module; the browser only its types (it pulls in every schema).
 */
import { z } from 'zod';
import { BOARD_MAX_UPDATE_ELEMENTS, boardElementProblem, type BoardElement } from './board';
import { callSessionSchema, callSignalSchema, inCall } from './call';
import { DOC_KINDS, docRefSchema, readsDoc, writesDoc } from './docs';
import { COMMAND_NAMES, commandSchemas, type CommandName } from './loop/commands';
import { mayIssue } from './loop/decide';
import type { LoopView } from './loop/project';
import { MODES, ROLES, type Mode, type Role } from './loop/state';

/** Who may send an event: any role holding a link, or the roles a mode allows. */
export type Senders = 'any' | Record<Mode, readonly Role[]>;

/** One row of the table; `R` is what a successful acknowledgement carries. */
export interface EventSpec<S extends z.ZodType, R> {
  schema: S;
  senders: Senders;
  /** Counted against the socket's rate limit (commands and workspace events). */
  limited: boolean;
  /** Never read: carries the acknowledgement's type. */
  result?: R;
}

const spec = <R>() =>
  function <S extends z.ZodType>(schema: S, senders: Senders, limited = true): EventSpec<S, R> {
    return { schema, senders, limited };
  };

/** The roles a mode has links for. */
const rolesOf = (mode: Mode): readonly Role[] => (mode === 'solo' ? ['candidate'] : ROLES);
/** The roles of each mode that pass `may`. */
const byMode = (may: (mode: Mode, role: Role) => boolean): Record<Mode, Role[]> =>
  Object.fromEntries(
    MODES.map((mode) => [mode, rolesOf(mode).filter((role) => may(mode, role))]),
  ) as Record<Mode, Role[]>;

/** Acknowledgement data of a command: the loop version after it was applied. */
export interface CommandResult {
  version: number;
}
/** Commands whose acknowledgement carries more than the version. */
interface SpecialResults {
  /** The new token, for the interviewer's eyes only. */
  'token:rotate': { token: string };
  'loop:swap': { nextLoopId: string };
}
export type CommandResultOf<N extends CommandName> = N extends keyof SpecialResults
  ? SpecialResults[N]
  : CommandResult;

type CommandEvents = {
  [N in CommandName]: EventSpec<(typeof commandSchemas)[N], CommandResultOf<N>>;
};
const commandEvents = Object.fromEntries(
  COMMAND_NAMES.map((name) => [
    name,
    spec<never>()(
      commandSchemas[name],
      byMode((mode, role) => mayIssue(mode, role, name)),
    ),
  ]),
) as unknown as CommandEvents;

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected binary data');
const round = z.number().int().min(0).max(20);
const boardElement = z.custom<BoardElement>().superRefine((value, context) => {
  const problem = boardElementProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
/** A payload the event ignores: whatever is sent is answered the same way. */
const anything = <T>() => z.custom<T>(() => true);

export const CLIENT_EVENTS = {
  ...commandEvents,
  /** Clock sync: the server answers with its clock, at once. */
  'clock:ping': spec<{ serverNow: number }>()(anything<{ sentAt: number }>(), 'any', false),
  /** A fresh snapshot (after a reconnect or a version gap). */
  'loop:sync': spec<LoopView>()(anything<Record<string, never>>(), 'any', false),
  /**
   * Opens a document (code, notes, private notes, a STAR answer): the client's state vector
   * in, the update it lacks back. On opening it and after every reconnect.
   */
  'doc:sync': spec<{ update: Uint8Array }>()(
    z.strictObject({ doc: docRefSchema, stateVector: bytes }),
    byMode((_, role) => DOC_KINDS.some((kind) => readsDoc(kind, role))),
  ),
  /** A Yjs update made in the client's copy of a document; acknowledged once stored. */
  'doc:edit': spec<Record<string, never>>()(
    z.strictObject({ doc: docRefSchema, update: bytes }),
    byMode((mode, role) => DOC_KINDS.some((kind) => writesDoc(kind, mode, role))),
  ),
  /** The whiteboard's current elements for a round (on joining, after a reconnect). */
  'board:load': spec<{ elements: BoardElement[] }>()(z.strictObject({ round }), 'any'),
  /** Elements the client added or changed; acknowledged once stored. */
  'board:update': spec<Record<string, never>>()(
    z.strictObject({
      round,
      elements: z.array(boardElement).min(1).max(BOARD_MAX_UPDATE_ELEMENTS),
    }),
    byMode((mode, role) => writesDoc('board', mode, role)),
  ),
  /**
   * Joins the loop's call with a fresh session id: those already in it are told
   * (`call:joined`) and offer a connection; the ack carries the ICE servers (STUN, and TURN
   * with a credential made for this session).
   */
  'call:join': spec<{ iceServers: { urls: string[]; username?: string; credential?: string }[] }>()(
    z.strictObject({ session: callSessionSchema }),
    byMode(inCall),
  ),
  /** Leaves the call; the others are told (`call:left`). Leaving the loop leaves it too. */
  'call:leave': spec<Record<string, never>>()(z.strictObject({}), byMode(inCall)),
  /**
   * An offer, answer or ICE candidate for one other role's session in the call; relayed,
   * never stored. `toSession` lets a tab of that role tell whether the signal is for it.
   */
  'call:signal': spec<Record<string, never>>()(
    z.strictObject({ to: z.enum(ROLES), toSession: callSessionSchema, signal: callSignalSchema }),
    byMode(inCall),
  ),
};

export type ClientEvents = typeof CLIENT_EVENTS;
export type ClientEventName = keyof ClientEvents;
export const CLIENT_EVENT_NAMES = Object.keys(CLIENT_EVENTS) as ClientEventName[];

/** What a client sends with an event. */
export type Payload<N extends ClientEventName> = z.input<ClientEvents[N]['schema']>;
/** What the server works with once the payload has passed its schema. */
export type Parsed<N extends ClientEventName> = z.output<ClientEvents[N]['schema']>;
/** What a successful acknowledgement of the event carries. */
export type Result<N extends ClientEventName> =
  ClientEvents[N] extends EventSpec<z.ZodType, infer R> ? R : never;

/** The roles that may send an event in a mode. */
export function sendersOf(name: ClientEventName, mode: Mode): readonly Role[] {
  const senders = CLIENT_EVENTS[name].senders;
  return senders === 'any' ? ROLES : senders[mode];
}
