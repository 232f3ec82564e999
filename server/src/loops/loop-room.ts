/**
 * One loop's runtime on this node, in one place: the newest state this node has of it,
 * the queue its commands and catch-ups run through one at a time, the instant its running
 * phase ends (one timer of the registry serves every room), its documents open here, and
 * the sessions (sockets) connected to it here, per role. The registry (`LoopRooms`) creates
 * a room when a loop is first used here and lets it go once the loop has ended and nothing
 * is queued.
 *
 * When a deadline comes, the service decides what has expired by then, so a late or missed
 * timer (a restart) catches up instead of drifting.
 */
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { ServerToClientEvents } from '@mockloop/shared/protocol';
import { nextDeadline } from '@mockloop/shared/timer';
import { DeadlineQueue, type Due } from './deadlines';
import type { LiveDoc } from '../workspaces/docs';
import type { ServerClock } from './clock';

/**
 * What a room needs of a connected socket (a Socket.IO socket is one): its role, and a way
 * to send it a view.
 */
export interface RoomSession {
  readonly data: { readonly role: Role };
  emit(event: 'loop:updated', ...args: Parameters<ServerToClientEvents['loop:updated']>): unknown;
}

/** Node timers cannot wait longer than this; a longer wait is re-armed on firing. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/*
 * Thousands of rooms are held at once, so a room keeps its few documents and sockets in
 * plain arrays (a loop has a handful of each), reaches its clock and callbacks through its
 * registry rather than holding closures of its own, and has its phase deadline kept by the
 * registry, whose one timer serves every room.
 */
export class LoopRoom implements Due {
  /** The newest state this node has; null until the loop is loaded here. */
  state: LoopState | null = null;
  /** The tail of the queue: the last task given to `run`, settled or not. */
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  /** When the running phase ends (kept by the registry's deadline queue), or null. */
  dueAt: number | null = null;
  dueSlot = -1;
  /** The loop's documents open on this node (`server/src/workspaces/docs.ts`). */
  private docList: LiveDoc[] = [];
  private sessions: RoomSession[] = [];

  constructor(
    readonly id: string,
    private readonly registry: LoopRooms,
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
    if (this.idle) this.registry.drop(this);
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
      this.dueAt === null &&
      this.docList.length === 0 &&
      !this.watched
    );
  }

  /** A socket connected to this loop here. */
  join(session: RoomSession): void {
    if (!this.sessions.includes(session)) this.sessions.push(session);
  }

  /** The socket left; the room goes if it holds nothing more. */
  leave(session: RoomSession): void {
    this.sessions = this.sessions.filter((s) => s !== session);
    this.release();
  }

  /** The sockets of a role connected here. */
  sessionsOf(role: Role): RoomSession[] {
    return this.sessions.filter((s) => s.data.role === role);
  }

  /** Whether any socket is connected to this loop here. */
  get watched(): boolean {
    return this.sessions.length > 0;
  }

  /** The document open here under `key`, if any. */
  doc(key: string): LiveDoc | undefined {
    return this.docList.find((live) => live.key === key);
  }

  /** The documents open here. */
  get docs(): readonly LiveDoc[] {
    return this.docList;
  }

  /** Keeps a document opened here (replacing one of the same key). */
  openDoc(live: LiveDoc): void {
    this.docList = [...this.docList.filter((d) => d.key !== live.key), live];
  }

  /** Lets a document go, if it is the one held under its key; the room may go with it. */
  closeDoc(live: LiveDoc): void {
    if (this.doc(live.key) !== live) return;
    this.docList = this.docList.filter((d) => d !== live);
    this.release();
  }

  /** Lets the room go if it holds nothing more. */
  release(): void {
    if (this.idle) this.registry.drop(this);
  }

  /** The instant the phase timer is set for, or null. */
  get deadline(): number | null {
    return this.dueAt;
  }

  /** Clears the deadline; the room is being dropped. */
  close(): void {
    this.registry.setDeadline(this, null);
  }

  private settled(): void {
    this.queued--;
    if (this.idle) this.registry.drop(this);
  }

  private schedule(state: LoopState): void {
    const round = state.rounds[state.current];
    const deadline = state.status === 'in-progress' && round ? nextDeadline(round.clock) : null;
    if (this.dueAt !== deadline) this.registry.setDeadline(this, deadline);
  }
}

/** The rooms of the loops used on this node. */
export class LoopRooms {
  private readonly rooms = new Map<string, LoopRoom>();
  private readonly deadlines = new DeadlineQueue<LoopRoom>();
  /** The one timer, set for the earliest deadline of any room. */
  private timer: { at: number; handle: unknown } | null = null;

  constructor(
    readonly clock: ServerClock,
    /** Called when a room's running phase reaches its deadline. */
    readonly onDue: (loopId: string) => unknown,
  ) {}

  /** The room of a loop, made if there is none. */
  room(loopId: string): LoopRoom {
    let room = this.rooms.get(loopId);
    if (!room) {
      room = new LoopRoom(loopId, this);
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

  /** Sets when a room's running phase ends, or clears it with null. */
  setDeadline(room: LoopRoom, at: number | null): void {
    this.deadlines.set(room, at);
    this.arm();
  }

  /** Sets the timer for the earliest deadline, if it is not set for it already. */
  private arm(): void {
    const next = this.deadlines.next;
    if (this.timer?.at === next) return;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    this.timer = null;
    if (next === null) return;
    const wait = Math.min(Math.max(0, next - this.clock.now()), MAX_TIMER_MS);
    this.timer = { at: next, handle: this.clock.setTimeout(() => this.fire(), wait) };
  }

  /** Tells every room whose deadline has come; resolves when their work is done. */
  private fire(): Promise<unknown> {
    this.timer = null;
    const due = this.deadlines.takeDue(this.clock.now());
    this.arm();
    return Promise.all(due.map((room) => this.onDue(room.id)));
  }

  /** Drops every room and its timer (the server is stopping). */
  clear(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  /** Lets a room go once it holds nothing (called by the room). */
  drop(room: LoopRoom): void {
    if (this.rooms.get(room.id) !== room) return;
    room.close();
    this.rooms.delete(room.id);
  }
}
