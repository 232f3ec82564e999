/**
 * The Socket.IO wire contract. Event names are written here and nowhere else:
 * clients send imperatives (`timer:pause`), the server announces in the past tense
 * (`loop:updated`). Types never replace validation: the server parses every payload.
 */
import type { z } from 'zod';
import type { commandSchemas, CommandName } from './loop/commands';
import type { Ack } from './errors';
import type { LoopView } from './loop/project';
import type { Role } from './loop/state';

/** Bumped on any incompatible change to events or payloads. */
export const PROTOCOL_VERSION = 1;

/** What a client sends in the Socket.IO handshake `auth`. */
export interface HandshakeAuth {
  loopId: string;
  token: string;
  protocol: number;
}

/** Acknowledgement data of a command: the loop version after it was applied. */
export interface CommandResult {
  version: number;
}

/** Commands whose acknowledgement carries more than the version. */
export interface SpecialResults {
  /** The new token, for the interviewer's eyes only. */
  'token:rotate': { token: string };
  'loop:swap': { nextLoopId: string };
}
export type ResultOf<N extends CommandName> = N extends keyof SpecialResults
  ? SpecialResults[N]
  : CommandResult;

type CommandEvents = {
  [N in CommandName]: (
    payload: z.input<(typeof commandSchemas)[N]>,
    ack: (reply: Ack<ResultOf<N>>) => void,
  ) => void;
};

/** Which roles have at least one connected socket. */
export type Presence = Record<Role, boolean>;

export type ClientToServerEvents = CommandEvents & {
  /** Clock sync: the server answers with its clock. */
  'clock:ping': (
    payload: { sentAt: number },
    ack: (reply: Ack<{ serverNow: number }>) => void,
  ) => void;
  /** Asks for a fresh snapshot (after a reconnect or a version gap). */
  'loop:sync': (payload: Record<string, never>, ack: (reply: Ack<LoopView>) => void) => void;
};

export interface ServerToClientEvents {
  /** The loop as this role may see it, after any change. */
  'loop:updated': (view: LoopView) => void;
  /** Who is connected, after anyone joins or leaves. */
  'presence:changed': (presence: Presence) => void;
}

export type InterServerEvents = Record<string, never>;

/** What the server knows about a connected socket once authenticated. */
export interface SocketData {
  loopId: string;
  role: Role;
}

/** Room names, so that no room name is spelled out twice. */
export const rooms = {
  loop: (loopId: string) => `loop:${loopId}`,
  role: (loopId: string, role: Role) => `loop:${loopId}:${role}`,
};
