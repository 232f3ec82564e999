/**
 * The socket portal: the only module that talks to Socket.IO. It writes what the
 * server says into the store and offers `sendCommand` to components.
 */
import { io, type Socket } from 'socket.io-client';
import { bestOffset, type PingSample } from '@mockloop/shared/clock-sync';
import type { Ack } from '@mockloop/shared/errors';
import type { CommandName } from '@mockloop/shared/loop/commands';
import type { Payload, Result } from '@mockloop/shared/protocol-table';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@mockloop/shared/protocol';
import { useStore } from '@/store/store';
import { Outbox } from '@/lib/outbox';

export type LoopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AnyAck = Ack<unknown>;

/** Pings sent after each connect; the one with the lowest round trip wins. */
const PINGS_PER_SYNC = 5;
const PING_SPACING_MS = 150;
const RESYNC_EVERY_MS = 60_000;
/** After a handshake refused at a cap or rate limit: the first retry, and the longest wait. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

let socket: LoopSocket | null = null;
let outbox: Outbox<AnyAck> | null = null;
const connectedListeners = new Set<(target: LoopSocket) => void>();

/**
 * Server events handed on to the module that wants them: the document plane's to the sync
 * modules (lib/doc-sync, lib/board-sync), the call's to lib/call.
 */
const HANDED_ON = [
  'doc:edited',
  'board:updated',
  'call:joined',
  'call:left',
  'call:signal',
] as const;
type HandedEvent = (typeof HANDED_ON)[number];
const handedListeners = Object.fromEntries(HANDED_ON.map((event) => [event, new Set()])) as {
  [E in HandedEvent]: Set<ServerToClientEvents[E]>;
};

/** Subscribes to a handed-on server event of the current loop; returns an unsubscribe. */
export function onServerEvent<E extends HandedEvent>(
  event: E,
  listener: ServerToClientEvents[E],
): () => void {
  const listeners = handedListeners[event] as Set<ServerToClientEvents[E]>;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The connected loop socket, for the modules that send beside commands (sync, the call). */
export function loopSocket(): LoopSocket | null {
  return socket?.connected ? socket : null;
}

/** The loop socket once it is connected: now, or after the next connect. */
export function connectedSocket(): Promise<LoopSocket> {
  const now = loopSocket();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = whenConnected((target) => {
      queueMicrotask(() => stop());
      resolve(target);
    });
  });
}

/**
 * Calls `listener` with the socket now if connected, and after every (re)connect until
 * the returned function is called. Workspaces use it to catch up after a drop.
 */
export function whenConnected(listener: (target: LoopSocket) => void): () => void {
  connectedListeners.add(listener);
  if (socket?.connected) listener(socket);
  return () => connectedListeners.delete(listener);
}

async function syncClock(target: LoopSocket, samples: PingSample[]): Promise<void> {
  for (let i = 0; i < PINGS_PER_SYNC && target.connected; i++) {
    const sentAt = Date.now();
    const reply = await target
      .timeout(2_000)
      .emitWithAck('clock:ping', { sentAt })
      .catch(() => null);
    if (reply?.ok)
      samples.push({ sentAt, serverNow: reply.data.serverNow, receivedAt: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, PING_SPACING_MS));
  }
  const best = bestOffset(samples.slice(-20));
  if (best) useStore.getState().setOffset(best.offsetMs);
}

/** Connects to a loop with its capability token; returns a disconnect function. */
export function connectLoop(loopId: string, token: string): () => void {
  const store = useStore.getState();
  store.clearView();
  store.setConnection('connecting');
  const target: LoopSocket = io({
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket', 'polling'],
  });
  socket = target;
  const emit = target.emit.bind(target) as (
    event: string,
    payload: unknown,
    ack: (a: AnyAck) => void,
  ) => void;
  outbox = new Outbox<AnyAck>((name, payload, onAck) => emit(name, payload, onAck));
  const mine = outbox;
  let samples: PingSample[] = [];
  let haveOffset = false;
  let retryMs = FIRST_RETRY_MS / 2;
  let retry: ReturnType<typeof setTimeout> | undefined;

  target.on('connect', () => {
    admittedBefore = true;
    retryMs = FIRST_RETRY_MS / 2;
    useStore.getState().setConnection('online');
    mine.flush();
    for (const listener of connectedListeners) listener(target);
    samples = [];
    void syncClock(target, samples).then(() => (haveOffset = true));
  });
  let admittedBefore = false;
  target.on('disconnect', (reason) => {
    useStore.getState().setConnection('offline');
    // The server ends a connection itself only when its link was replaced: connecting again
    // finds out (and says so) rather than waiting for a reconnect that never comes.
    if (reason === 'io server disconnect') target.connect();
  });
  target.on('connect_error', (error) => {
    // A refused handshake will not succeed on retry; a network error will, and so may a
    // connection refused at a cap (another tab closes). Only the server's own refusals,
    // which start with their code, carry a message worth showing.
    const refused = /^(not-found|bad-request|protocol-mismatch)/.test(error.message);
    const replaced = admittedBefore && /^not-found/.test(error.message);
    const told = replaced
      ? 'This link was replaced, so it no longer opens the loop. Ask the interviewer for the new link.'
      : /^[a-z-]+: /.test(error.message)
        ? error.message.replace(/^[a-z-]+: /, '')
        : null;
    useStore.getState().setConnection(refused ? 'failed' : 'offline', told);
    if (refused) target.disconnect();
    // Socket.IO does not retry a handshake the server refused; a cap or a rate limit may
    // let the next one in, so try again after a while, waiting longer each time.
    else if (/^(limit-reached|rate-limited): /.test(error.message)) {
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      retry = setTimeout(() => target.connect(), retryMs);
    }
  });
  target.on('loop:updated', (view) => {
    // Until pings answer, the snapshot's own clock stamp gives a rough offset.
    if (!haveOffset) useStore.getState().setOffset(view.serverNow - Date.now());
    useStore.getState().receiveView(view);
  });
  target.on('presence:changed', (presence) => useStore.getState().setPresence(presence));
  for (const event of HANDED_ON) {
    const listeners = handedListeners[event] as Set<(payload: unknown) => void>;
    (target.on as (name: string, listener: (payload: unknown) => void) => void)(event, (payload) =>
      listeners.forEach((listener) => listener(payload)),
    );
  }
  const resync = setInterval(
    () => target.connected && void syncClock(target, samples),
    RESYNC_EVERY_MS,
  );

  return () => {
    clearInterval(resync);
    clearTimeout(retry);
    target.disconnect();
    if (socket === target) {
      socket = null;
      outbox = null;
    }
  };
}

/** What a command carries besides its id, which `sendCommand` adds. */
export type CommandInput<N extends CommandName> = Omit<Payload<N>, 'commandId'>;

// getRandomValues, unlike randomUUID, also works on plain-http LAN addresses.
const newCommandId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Sends a command with a fresh command id and resolves with the server's ack. While
 * offline it waits in the outbox and goes out after the reconnect.
 */
export function sendCommand<N extends CommandName>(
  name: N,
  payload: CommandInput<N>,
): Promise<Ack<Result<N>>> {
  if (!socket || !outbox) {
    return Promise.resolve({
      ok: false,
      error: { code: 'internal', message: 'not connected to a loop' },
    });
  }
  const sent = outbox.send(name, { ...payload, commandId: newCommandId() }, socket.connected);
  return sent as Promise<Ack<Result<N>>>;
}
