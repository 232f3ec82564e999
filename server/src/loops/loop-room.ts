/**
 * One loop's runtime on this node, in one place: the newest state this node has of it,
 * the queue its commands and catch-ups run through one at a time, the timer set for the
 * instant its running phase ends, its documents open here, and the sessions (sockets)
 * connected to it here, per role. The registry (`LoopRooms`) creates a room when a
 * loop is first used here and lets it go once the loop has ended and nothing is queued.
 *
 * When the timer fires, the service decides what has expired by then, so a late or missed
 * timer (a restart) catches up instead of drifting.
 */
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { ServerToClientEvents } from '@mockloop/shared/protocol';
import { nextDeadline } from '@mockloop/shared/timer';
import type { LiveDoc } from '../workspaces/docs';
import type { ServerClock } from './clock';

/** What a room needs of a connected socket (a Socket.IO socket is one): to send it a view. */
export interface RoomSession {
  readonly id: string;
  emit(event: 'loop:updated', ...args: Parameters<ServerToClientEvents['loop:updated']>): unknown;
}
const NO_SESSIONS: ReadonlySet<RoomSession> = new Set();

/** Node timers cannot wait longer than this; a longer wait is re-armed on firing. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LoopRoom {
  /** The newest state this node has; null until the loop is loaded here. */
  state: LoopState | null = null;
  /** The loop's documents open on this node (`server/src/workspaces/docs.ts`), by key. */
  readonly docs = new Map<string, LiveDoc>();
  /** The tail of the queue: the last task given to `run`, settled or not. */
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private timer: { at: number; handle: unknown } | null = null;
  /** Only roles with a socket here have an entry: thousands of rooms are held at once. */
  private readonly sessions = new Map<Role, Set<RoomSession>>();

  constructor(
    readonly id: string,
    private readonly clock: ServerClock,
    /** Called when the running phase's deadline comes. */
    private readonly onDue: (loopId: string) => unknown,
    /** Called when the room holds nothing more: ended (or never loaded) and idle. */
    private readonly onIdle: (room: LoopRoom) => void,
  ) {}

  /** Runs `task` after every earlier task of this room. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.settled(),
      () => this.settled(),
    );
    return result;
  }

  /** Keeps `state` as the newest and sets the phase timer from it. */
  hold(state: LoopState): LoopState {
    this.state = state;
    this.schedule(state);
    if (this.idle) this.onIdle(this);
    return state;
  }

  /** Whether the loop is live here: loaded and not ended. */
  get live(): boolean {
    return this.state !== null && this.state.status !== 'ended';
  }

  /**
   * Nothing to keep: the loop is not live here, nothing is queued, no timer is set, no
   * document is open and no socket is connected.
   */
  get idle(): boolean {
    return (
      !this.live &&
      this.queued === 0 &&
      this.timer === null &&
      this.docs.size === 0 &&
      !this.watched
    );
  }

  /** A socket of `role` connected to this loop here. */
  join(role: Role, session: RoomSession): void {
    const sessions = this.sessions.get(role);
    if (sessions) sessions.add(session);
    else this.sessions.set(role, new Set([session]));
  }

  /** The socket left; the room goes if it holds nothing more. */
  leave(role: Role, session: RoomSession): void {
    const sessions = this.sessions.get(role);
    sessions?.delete(session);
    if (sessions?.size === 0) this.sessions.delete(role);
    this.release();
  }

  /** The sockets of a role connected here. */
  sessionsOf(role: Role): ReadonlySet<RoomSession> {
    return this.sessions.get(role) ?? NO_SESSIONS;
  }

  /** Whether any socket is connected to this loop here. */
  get watched(): boolean {
    return this.sessions.size > 0;
  }

  /** Lets the room go if it holds nothing more (after a document was closed). */
  release(): void {
    if (this.idle) this.onIdle(this);
  }

  /** The instant the phase timer is set for, or null. */
  get deadline(): number | null {
    return this.timer?.at ?? null;
  }

  /** Clears the timer; the room is being dropped. */
  close(): void {
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private settled(): void {
    this.queued--;
    if (this.idle) this.onIdle(this);
  }

  private schedule(state: LoopState): void {
    const round = state.rounds[state.current];
    const deadline = state.status === 'in-progress' && round ? nextDeadline(round.clock) : null;
    if (this.timer?.at === deadline) return;
    this.close();
    if (deadline === null) return;
    const wait = Math.min(Math.max(0, deadline - this.clock.now()), MAX_TIMER_MS);
    const handle = this.clock.setTimeout(() => {
      this.timer = null;
      return this.onDue(this.id);
    }, wait);
    this.timer = { at: deadline, handle };
  }
}

/** The rooms of the loops used on this node. */
export class LoopRooms {
  private readonly rooms = new Map<string, LoopRoom>();

  constructor(
    private readonly clock: ServerClock,
    private readonly onDue: (loopId: string) => unknown,
  ) {}

  /** The room of a loop, made if there is none. */
  room(loopId: string): LoopRoom {
    let room = this.rooms.get(loopId);
    if (!room) {
      room = new LoopRoom(loopId, this.clock, this.onDue, (idle) => this.drop(idle));
      this.rooms.set(loopId, room);
    }
    return room;
  }

  /** The room of a loop, if there is one. */
  find(loopId: string): LoopRoom | undefined {
    return this.rooms.get(loopId);
  }

  /** Every room this node holds. */
  all(): LoopRoom[] {
    return [...this.rooms.values()];
  }

  /** How many rooms this node holds. */
  get size(): number {
    return this.rooms.size;
  }

  /** Drops every room and its timer (the server is stopping). */
  clear(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private drop(room: LoopRoom): void {
    if (this.rooms.get(room.id) !== room) return;
    room.close();
    this.rooms.delete(room.id);
  }
}
