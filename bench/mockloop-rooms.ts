/**
 * Paired mockloop rooms as the benchmark drives them: loops created over REST, an
 * interviewer and a candidate socket each, clock offsets estimated on connect.
 */
import { io, type Socket } from 'socket.io-client';
import type { CreateLoopResponse } from '@mockloop/shared/api';
import type { OffsetEstimate } from '@mockloop/shared/clock-sync';
import type { Ack } from '@mockloop/shared/errors';
import type { LoopView } from '@mockloop/shared/loop/project';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@mockloop/shared/protocol';
import { skewedClock, syncClock, type SkewedClock } from './clock';
import type { ErrorLog } from './errors';
import type { TrackedTarget } from './load';
import { newCommandId, NotesReader, NotesTyper, scoreCard } from './payloads';
import type { AckOutcome } from './tracker';
import { both, withTimeout } from './util';

type LoopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type PairedRole = 'interviewer' | 'candidate';

/** The document every room types into: the round's notes. */
const NOTES = { kind: 'notes', round: 0 } as const;

export interface RoomOptions {
  /** Where loops are created, and the interviewer connects. */
  url: string;
  /** Where the candidate connects (another node), if not `url`. */
  candidateUrl?: string;
  noteChars: number;
  /** The rubric dimensions of the round, all rated in the score. */
  dimensions: readonly string[];
  timeoutMs: number;
  errors: ErrorLog;
}

/** POST /api/loops for a one-round paired loop. */
export async function createPairedLoop(
  url: string,
  timeoutMs: number,
): Promise<CreateLoopResponse> {
  const response = await fetch(`${url}/api/loops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode: 'paired', rounds: [{ id: 'screen' }] }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 201) throw new Error(`POST /api/loops: ${response.status}`);
  return (await response.json()) as CreateLoopResponse;
}

/** The rubric dimension ids of a round, from GET /api/rounds. */
export async function rubricOf(url: string, roundId: string, timeoutMs: number): Promise<string[]> {
  const response = await fetch(`${url}/api/rounds`, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await response.json()) as { rounds: { id: string; rubric: { id: string }[] }[] };
  const round = body.rounds.find((r) => r.id === roundId);
  if (!round) throw new Error(`GET /api/rounds has no round ${roundId}`);
  return round.rubric.map((d) => d.id);
}

/** One connected participant. */
class Participant {
  readonly clock: SkewedClock = skewedClock();
  view: LoopView | null = null;
  offset: OffsetEstimate | null = null;
  /** Settles once the pings after connecting are done (like the real client). */
  synced: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    readonly role: PairedRole,
    readonly socket: LoopSocket,
    private readonly errors: ErrorLog,
  ) {
    socket.on('connect', () => {
      this.synced = syncClock(socket, this.clock).then((offset) => {
        this.offset = offset;
        if (!offset) errors.record('clock-sync', `${role}: no ping answered`);
      });
    });
    socket.on('disconnect', (reason) => {
      if (!this.closing) errors.record('disconnect', `${role}: ${reason}`);
    });
    // Each whole view replaces the last, as the real client keeps it.
    socket.on('loop:updated', (view) => (this.view = view));
  }

  /** What the countdown shows when the real clock reads `realNow`: endsAt − (local now + offset). */
  remainingMs(realNow: number): number | null {
    const clock = this.view?.rounds[0]?.clock;
    if (!this.offset || clock?.kind !== 'running') return null;
    return clock.phaseEndsAt - (this.clock.at(realNow) + this.offset.offsetMs);
  }

  /** Calls `listener` with each new view, once it is kept. */
  onView(listener: (view: LoopView) => void): void {
    this.socket.on('loop:updated', listener);
  }

  close(): void {
    this.closing = true;
    this.socket.disconnect();
  }
}

const outcome = (reply: Ack<unknown>): AckOutcome =>
  reply.ok ? { ok: true } : { ok: false, reason: `${reply.error.code}: ${reply.error.message}` };

export class MockRoom implements TrackedTarget {
  /** Called when the interviewer sees the candidate's notes number `seq`. */
  onNote: ((seq: number) => void) | null = null;
  /** Called when the candidate sees that the interviewer has scored. */
  onScore: (() => void) | null = null;
  /** Highest notes number the interviewer has seen. */
  lastNoteSeen = -1;

  private readonly typer: NotesTyper;
  private readonly reader: NotesReader;

  constructor(
    readonly index: number,
    readonly interviewer: Participant,
    readonly candidate: Participant,
    private readonly options: RoomOptions,
  ) {
    this.typer = new NotesTyper(options.noteChars);
    this.reader = new NotesReader(options.noteChars);
    interviewer.socket.on('doc:edited', ({ update }) => {
      const seq = this.reader.apply(new Uint8Array(update));
      if (seq === null) return;
      this.lastNoteSeen = Math.max(this.lastNoteSeen, seq);
      this.onNote?.(seq);
    });
    candidate.onView((view) => {
      if (view.rounds[0]?.scores.partner) this.onScore?.();
    });
  }

  sendNote(seq: number): Promise<AckOutcome | null> {
    const update = this.typer.type(seq);
    return this.candidate.socket
      .timeout(this.options.timeoutMs)
      .emitWithAck('doc:edit', { doc: NOTES, update })
      .then(outcome, () => null);
  }

  sendScore(): Promise<AckOutcome | null> {
    const card = scoreCard(this.options.dimensions);
    return this.interviewer.socket
      .timeout(this.options.timeoutMs)
      .emitWithAck('score:submit', { commandId: newCommandId(), round: 0, card })
      .then(outcome, () => null);
  }

  /** The interviewer starts the round; resolves once both sides see its clock running. */
  async startRound(): Promise<void> {
    const running = (p: Participant) => p.view?.rounds[0]?.clock.kind === 'running';
    const bothRunning = new Promise<void>((resolve) => {
      const check = () => {
        if (!running(this.interviewer) || !running(this.candidate)) return;
        this.interviewer.socket.off('loop:updated', check);
        this.candidate.socket.off('loop:updated', check);
        resolve();
      };
      this.interviewer.socket.on('loop:updated', check);
      this.candidate.socket.on('loop:updated', check);
    });
    const reply = await this.interviewer.socket
      .timeout(this.options.timeoutMs)
      .emitWithAck('round:start', { commandId: newCommandId(), round: 0 });
    if (!reply.ok) throw new Error(`round:start refused: ${reply.error.message}`);
    await withTimeout(bothRunning, this.options.timeoutMs, `room ${this.index}: clock running`);
    // Both open the round's notes as the browser does when the round shows.
    const [typed, read] = await Promise.all(
      [this.candidate, this.interviewer].map((p) =>
        p.socket.timeout(this.options.timeoutMs).emitWithAck('doc:sync', {
          doc: NOTES,
          stateVector: new Uint8Array([0]),
        }),
      ),
    );
    if (!typed!.ok || !read!.ok) throw new Error(`room ${this.index}: doc:sync refused`);
    this.typer.load(new Uint8Array(typed!.data.update));
    this.reader.apply(new Uint8Array(read!.data.update));
  }

  close(): void {
    this.interviewer.close();
    this.candidate.close();
  }
}

function connectParticipant(
  options: RoomOptions,
  loopId: string,
  token: string,
  role: PairedRole,
): Promise<Participant> {
  const url = role === 'candidate' ? (options.candidateUrl ?? options.url) : options.url;
  const socket: LoopSocket = io(url, {
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: options.timeoutMs,
  });
  const participant = new Participant(role, socket, options.errors);
  const firstView = new Promise<Participant>((resolve, reject) => {
    socket.once('loop:updated', (view) => {
      participant.view = view;
      resolve(participant);
    });
    socket.once('connect_error', (error) => reject(new Error(`${role}: ${error.message}`)));
  });
  return withTimeout(firstView, options.timeoutMs, `${role} of ${loopId}: first view`).catch(
    (error: Error) => {
      socket.disconnect();
      throw error;
    },
  );
}

/** Connects both sides of a loop; resolves once each has its first view. */
export async function connectMockRoom(
  index: number,
  loop: CreateLoopResponse,
  options: RoomOptions,
): Promise<MockRoom> {
  const { interviewer, candidate } = loop.tokens;
  if (!interviewer || !candidate) throw new Error(`loop ${loop.id} is not paired`);
  const [i, c] = await both(
    connectParticipant(options, loop.id, interviewer, 'interviewer'),
    connectParticipant(options, loop.id, candidate, 'candidate'),
    (participant) => participant.close(),
  );
  return new MockRoom(index, i, c, options);
}

/**
 * Countdown skew per room: both sides compute what their countdown shows at the same
 * real instant, each through its own skewed clock and estimated offset; the skew is the
 * difference. Rooms whose countdown cannot be computed are left out (and counted by the caller).
 */
export function countdownSkews(rooms: readonly MockRoom[]): number[] {
  const skews: number[] = [];
  const realNow = Date.now();
  for (const room of rooms) {
    const a = room.interviewer.remainingMs(realNow);
    const b = room.candidate.remainingMs(realNow);
    if (a !== null && b !== null) skews.push(Math.abs(a - b));
  }
  return skews;
}
