/**
 * The Socket.IO wire contract. Event names are written here and nowhere else:
 * clients send imperatives (`timer:pause`), the server announces in the past tense
 * (`loop:updated`). Types never replace validation: the server parses every payload.
 */
import type { z } from 'zod';
import type { commandSchemas, CommandName } from './loop/commands';
import type { BoardElement } from './board';
import type { DocRef } from './docs';
import type { Ack } from './errors';
import type { LoopView } from './loop/project';
import type { Role } from './loop/state';

/** Bumped on any incompatible change to events or payloads. */
export const PROTOCOL_VERSION = 3;

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
  /**
   * A document (code, notes, private notes, a STAR answer; Yjs): sends the client's state
   * vector and gets back the update it lacks. Done on opening it and after every reconnect.
   */
  'doc:sync': (
    payload: { doc: DocRef; stateVector: Uint8Array },
    ack: (reply: Ack<{ update: Uint8Array }>) => void,
  ) => void;
  /** A Yjs update made in the client's copy of a document; acknowledged once stored. */
  'doc:edit': (
    payload: { doc: DocRef; update: Uint8Array },
    ack: (reply: Ack<Record<string, never>>) => void,
  ) => void;
  /** The whiteboard's current elements for a round (on joining, after a reconnect). */
  'board:load': (
    payload: { round: number },
    ack: (reply: Ack<{ elements: BoardElement[] }>) => void,
  ) => void;
  /** Elements the client added or changed; acknowledged once stored. */
  'board:update': (
    payload: { round: number; elements: BoardElement[] },
    ack: (reply: Ack<Record<string, never>>) => void,
  ) => void;
};

export interface ServerToClientEvents {
  /** The loop as this role may see it: on connecting, and after every change. */
  'loop:updated': (view: LoopView) => void;
  /** Who is connected, after anyone joins or leaves. */
  'presence:changed': (presence: Presence) => void;
  /** Another participant's Yjs update to a document this role may read. */
  'doc:edited': (payload: { doc: DocRef; update: Uint8Array }) => void;
  /** Whiteboard elements another participant changed, after the server merged them. */
  'board:updated': (payload: { round: number; elements: BoardElement[] }) => void;
}

/** Between server nodes: none (changes travel on the change feed, `server/src/cluster`). */
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
