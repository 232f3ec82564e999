/**
 * The Socket.IO wire contract. Event names are written here and nowhere else:
 * clients send imperatives (`timer:pause`), the server announces in the past tense
 * (`loop:updated`). Types never replace validation: the server parses every payload.
 */
import type { BoardElement } from './board';
import type { CallSignal } from './call';
import type { DocRef } from './docs';
import type { Ack } from './errors';
import type { LoopView } from './loop/project';
import type { Role } from './loop/state';
import type { ClientEventName, Payload, Result } from './protocol-table';

/** Bumped on any incompatible change to events or payloads. */
export const PROTOCOL_VERSION = 3;

/** What a client sends in the Socket.IO handshake `auth`. */
export interface HandshakeAuth {
  loopId: string;
  token: string;
  protocol: number;
}

export type { CommandResult, CommandResultOf as ResultOf } from './protocol-table';

/** The Socket.IO map of every client event, typed from the one table of them. */
export type ClientToServerEvents = {
  [N in ClientEventName]: (payload: Payload<N>, ack: (reply: Ack<Result<N>>) => void) => void;
};

/** Which roles have at least one connected socket. */
export type Presence = Record<Role, boolean>;

export interface ServerToClientEvents {
  /** The loop as this role may see it: on connecting, and after every change. */
  'loop:updated': (view: LoopView) => void;
  /** Who is connected, after anyone joins or leaves. */
  'presence:changed': (presence: Presence) => void;
  /** Another participant's Yjs update to a document this role may read. */
  'doc:edited': (payload: { doc: DocRef; update: Uint8Array }) => void;
  /** Whiteboard elements another participant changed, after the server merged them. */
  'board:updated': (payload: { round: number; elements: BoardElement[] }) => void;
  /** Someone joined the loop's call (to those already in it): offer them a connection. */
  'call:joined': (payload: { role: Role; session: string }) => void;
  /** Someone left the call (or their socket went): close the connection with them. */
  'call:left': (payload: { role: Role; session: string }) => void;
  /**
   * An offer, answer or ICE candidate from another role's session in the call, to this
   * role; a tab whose own session is not `toSession` drops it.
   */
  'call:signal': (payload: {
    from: Role;
    session: string;
    toSession: string;
    signal: CallSignal;
  }) => void;
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
  /** The sockets of a loop that joined its call, and of one role among them. */
  call: (loopId: string) => `call:${loopId}`,
  callRole: (loopId: string, role: Role) => `call:${loopId}:${role}`,
};
