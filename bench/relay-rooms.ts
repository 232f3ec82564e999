/**
 * Rooms on the baseline relay: two sockets, the same payloads and pacing as mockloop, the
 * same Yjs work on each side.
 */
import { io, type Socket } from 'socket.io-client';
import type { ErrorLog } from './errors';
import type { TrackedTarget } from './load';
import { newCommandId, NotesReader, NotesTyper, scoreCard } from './payloads';
import type { RelayClientToServer, RelayPayload, RelayServerToClient } from './relay-protocol';
import type { AckOutcome } from './tracker';
import { both, withTimeout } from './util';

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

export interface RelayRoomOptions {
  url: string;
  noteChars: number;
  dimensions: readonly string[];
  timeoutMs: number;
  errors: ErrorLog;
}

function connectRelaySocket(options: RelayRoomOptions, room: string): Promise<RelaySocket> {
  const socket: RelaySocket = io(options.url, {
    auth: { room },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: options.timeoutMs,
  });
  const connected = new Promise<RelaySocket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
  return withTimeout(connected, options.timeoutMs, `relay room ${room}: connect`).catch(
    (error: Error) => {
      socket.disconnect();
      throw error;
    },
  );
}

export class RelayRoom implements TrackedTarget {
  onNote: ((seq: number) => void) | null = null;
  onScore: (() => void) | null = null;
  private closing = false;
  private readonly typer: NotesTyper;
  private readonly reader: NotesReader;

  constructor(
    readonly index: number,
    private readonly interviewer: RelaySocket,
    private readonly candidate: RelaySocket,
    private readonly options: RelayRoomOptions,
  ) {
    this.typer = new NotesTyper(options.noteChars);
    this.reader = new NotesReader(options.noteChars);
    interviewer.on('relay', (payload) => {
      const seq = 'update' in payload ? this.reader.apply(new Uint8Array(payload.update)) : null;
      if (seq !== null) this.onNote?.(seq);
    });
    candidate.on('relay', (payload) => {
      if ('card' in payload) this.onScore?.();
    });
    for (const socket of [interviewer, candidate]) {
      socket.on('disconnect', (reason) => {
        if (!this.closing) options.errors.record('disconnect', `relay room ${index}: ${reason}`);
      });
    }
  }

  private send(socket: RelaySocket, payload: RelayPayload): Promise<AckOutcome | null> {
    return socket
      .timeout(this.options.timeoutMs)
      .emitWithAck('relay', payload)
      .then(
        (): AckOutcome => ({ ok: true }),
        () => null,
      );
  }

  sendNote(seq: number): Promise<AckOutcome | null> {
    const update = this.typer.type(seq);
    return this.send(this.candidate, { doc: { kind: 'notes', round: 0 }, update });
  }

  sendScore(): Promise<AckOutcome | null> {
    const card = scoreCard(this.options.dimensions);
    return this.send(this.interviewer, { commandId: newCommandId(), round: 0, card });
  }

  close(): void {
    this.closing = true;
    this.interviewer.disconnect();
    this.candidate.disconnect();
  }
}

export async function connectRelayRoom(
  index: number,
  options: RelayRoomOptions,
): Promise<RelayRoom> {
  const room = `room-${index}`;
  const [interviewer, candidate] = await both(
    connectRelaySocket(options, room),
    connectRelaySocket(options, room),
    (socket) => socket.disconnect(),
  );
  return new RelayRoom(index, interviewer, candidate, options);
}
