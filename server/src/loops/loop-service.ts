/**
 * The loop service: the only place loops change. A command is decided against the
 * current state, its events are appended to the store, the state is reduced, the
 * clock is rescheduled and listeners are told. It knows nothing about sockets or HTTP.
 *
 * Commands on one loop run one at a time in this process. Across processes sharing a
 * store, the store refuses a second write of the same version: the loser reloads the
 * loop and decides again, so two nodes never apply conflicting events.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CreateLoopRequest } from '@mockloop/shared/api';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Command } from '@mockloop/shared/loop/commands';
import { decide, mayIssue, type Actor } from '@mockloop/shared/loop/decide';
import { permissionsFor } from '@mockloop/shared/loop/permissions';
import { planLoop } from '@mockloop/shared/loop/plan';
import { project, type LoopView } from '@mockloop/shared/loop/project';
import { initialState, reduce, replay } from '@mockloop/shared/loop/reduce';
import { TYPING_EVENTS, type LoopEvent } from '@mockloop/shared/loop/events';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { CommandResult } from '@mockloop/shared/protocol';
import type { Logger } from '../log';
import type { Quotas } from '../quotas';
import { VersionConflict, type LoopStore } from '../store/store';
import type { ServerClock } from './clock';
import { LoopRooms } from './loop-room';

/** 128 random bits per capability token. */
const TOKEN_BYTES = 16;
const LOOP_ID_BYTES = 9;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

export interface LoopServiceDeps {
  store: LoopStore;
  content: CatalogIndex;
  clock: ServerClock;
  log: Logger;
  random?: () => number;
  /**
   * Other nodes write to the same store: a view is caught up with the store before it is
   * given out, in case this node missed a change.
   */
  shared?: boolean;
  /** Storage quotas; without them nothing is refused for its size. */
  quotas?: Pick<Quotas, 'allowNewLoop' | 'allowWrite' | 'wrote'>;
}

export type CreatedLoop = { id: string; tokens: Partial<Record<Role, string>> };
/**
 * A change to a loop as this process holds it, once durable: the state after it and the
 * events that led there from the state held before (made here, or by another node and
 * caught up with; none when the state was loaded whole).
 */
export interface LoopChange {
  state: LoopState;
  events: readonly LoopEvent[];
  /** Made by another node (caught up with here), rather than by this one. */
  remote: boolean;
}
type Listener = (change: LoopChange) => void;

/** How often a command is decided again after losing a race to another node. */
const MAX_CONFLICT_RETRIES = 8;

export class LoopService {
  /** Each loop used here: its newest state, its queue of commands, its phase timer. */
  readonly rooms: LoopRooms;
  private readonly listeners = new Set<Listener>();
  /** Run before a loop is viewed: brings into the log what sits beside it unsaved. */
  private readonly beforeView: ((loopId: string) => Promise<unknown>)[] = [];

  constructor(private readonly deps: LoopServiceDeps) {
    this.rooms = new LoopRooms(deps.clock, (loopId) => this.expire(loopId));
  }

  /** Loads every loop that has not ended and puts its clock back on schedule. */
  async resume(): Promise<number> {
    const ids = await this.deps.store.activeLoopIds();
    // Loading a loop sets its clock.
    for (const id of ids) await this.get(id);
    return ids.length;
  }

  /** The server clock every view and ping is stamped with. */
  now(): number {
    return this.deps.clock.now();
  }

  /** What `role` may see of a state, stamped now. */
  project(state: LoopState, role: Role): LoopView {
    return project(state, role, this.now(), this.deps.content);
  }

  stop(): void {
    this.rooms.clear();
  }

  /**
   * Registers work to do before any view of a loop is given out (over a socket or REST,
   * reports included), such as saving the code typed since the last save into the log.
   */
  onBeforeView(task: (loopId: string) => Promise<unknown>): void {
    this.beforeView.push(task);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Creates a loop; `address`, when a client asked for it, counts against its daily quota. */
  async create(request: CreateLoopRequest, address?: string): Promise<Ack<CreatedLoop>> {
    const allowed = await this.deps.quotas?.allowNewLoop(address);
    if (allowed && !allowed.ok) return allowed;
    const roles: Role[] =
      request.mode === 'solo' ? ['candidate'] : ['candidate', 'interviewer', 'observer'];
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of roles) tokens[role] = newToken();
    const created = await this.createWithHashes(
      request,
      roles.map((role) => ({ role, hash: hashToken(tokens[role]!) })),
    );
    if (!created.ok) return created;
    const id = created.data;
    return { ok: true, data: { id, tokens } };
  }

  private async createWithHashes(
    request: CreateLoopRequest,
    hashes: { role: Role; hash: string }[],
  ): Promise<Ack<string>> {
    // The store may be full; a client's own quota was checked by `create`.
    const room = await this.deps.quotas?.allowNewLoop();
    if (room && !room.ok) return room;
    const id = randomBytes(LOOP_ID_BYTES).toString('base64url');
    const plan = planLoop(
      request,
      this.deps.content,
      id,
      this.deps.clock.now(),
      this.deps.random ?? Math.random,
    );
    if (!plan.ok) return plan;
    const state = initialState(plan.event);
    await this.deps.store.createLoop(state, plan.event, hashes);
    this.hold(state);
    this.deps.log.info('loop created', {
      loopId: id,
      mode: request.mode,
      rounds: state.rounds.length,
    });
    return { ok: true, data: id };
  }

  /**
   * Gives a role a new link. Only the interviewer may; the new token is returned to
   * them alone, and whoever held the old one is shut out.
   */
  async rotateToken(
    loopId: string,
    role: Role,
    target: 'candidate' | 'observer',
    commandId: string,
  ): Promise<Ack<{ token: string }>> {
    // A token is never stored, so a resent rotation cannot return the same one again.
    if ((await this.deps.store.commandVersion(loopId, commandId)) !== null)
      return fail('conflict', 'that link was already replaced; replace it again for a new one');
    const token = newToken();
    const result = await this.execute(
      loopId,
      { kind: 'role', role },
      { type: 'token:rotate', commandId, role: target },
      commandId,
    );
    if (!result.ok) return result;
    await this.deps.store.replaceToken(loopId, target, hashToken(token));
    this.deps.log.info('token rotated', { loopId, role: target });
    return { ok: true, data: { token } };
  }

  /**
   * After a paired loop, starts the next one with the same rounds, new questions and
   * roles reversed. Each person's existing token opens the new loop in their new role,
   * so no new secret has to reach anyone.
   */
  async swap(loopId: string, role: Role, commandId: string): Promise<Ack<{ nextLoopId: string }>> {
    const state = await this.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    if (!permissionsFor(state.mode, role).swap)
      return fail('forbidden', `the ${role} may not swap roles`);
    // Swapping again, or resending the same command, leads to the same next loop.
    if (state.nextLoopId) return { ok: true, data: { nextLoopId: state.nextLoopId } };
    if ((await this.deps.store.commandVersion(loopId, commandId)) !== null)
      return fail('conflict', 'that command id was already used for another command');
    const actor = { kind: 'role', role } as const;
    const check = decide(
      state,
      { type: 'loop:swap', commandId, nextLoopId: 'pending' },
      actor,
      this.now(),
      this.deps.content,
    );
    if (!check.ok) return check;
    const swapped: Record<Role, Role> = {
      candidate: 'interviewer',
      interviewer: 'candidate',
      observer: 'observer',
    };
    const hashes = await this.deps.store.tokenHashes(loopId);
    const next = await this.createWithHashes(
      {
        mode: 'paired',
        targetLevel: state.targetLevel,
        rounds: state.rounds.map((r) => ({
          id: r.roundId,
          minutes: r.minutes,
          ...(r.family ? { family: r.family } : {}),
        })),
        recentQuestionIds: state.rounds.map((r) => r.questionId),
      },
      hashes.map(({ role: r, hash }) => ({ role: swapped[r], hash })),
    );
    if (!next.ok) return next;
    const result = await this.execute(
      loopId,
      actor,
      { type: 'loop:swap', commandId, nextLoopId: next.data },
      commandId,
    );
    if (!result.ok) return result;
    // Two swaps racing on two nodes: the loop names the one that won.
    const after = await this.get(loopId);
    return { ok: true, data: { nextLoopId: after?.nextLoopId ?? next.data } };
  }

  /** The role a token grants on a loop, or null (unknown token, or another loop's). */
  async authenticate(loopId: string, token: string): Promise<Role | null> {
    // Compare against every role's hash in constant time: nothing about a near miss leaks.
    const presented = Buffer.from(hashToken(token), 'hex');
    let role: Role | null = null;
    for (const stored of await this.deps.store.tokenHashes(loopId)) {
      if (timingSafeEqual(presented, Buffer.from(stored.hash, 'hex'))) role = stored.role;
    }
    return role;
  }

  /** A loop's state as this process last saw it, loaded from the store if not held. */
  async get(loopId: string): Promise<LoopState | null> {
    const cached = this.held(loopId);
    if (cached) return cached;
    const stored = await this.deps.store.load(loopId);
    if (!stored) return null;
    // Another caller may have loaded it (or changed it) meanwhile: keep the newer.
    const raced = this.held(loopId);
    if (raced && raced.version >= stored.state.version) return raced;
    // A node holding a loop runs its clock, whichever node changed it last.
    return this.hold(stored.state);
  }

  /**
   * Catches a held loop up with what another node wrote and reschedules its clock: with
   * `events` (those that led to `version`) when they follow the version held, else from
   * the store. A loop not held here is loaded and told whole when a `version` is given
   * (someone here may be watching it), else left alone.
   */
  refresh(loopId: string, version = Infinity, events?: readonly LoopEvent[]): Promise<void> {
    return this.serially(loopId, async () => {
      const held = this.held(loopId);
      if (held && held.version >= version) return;
      if (held && events?.length && held.version === version - events.length) {
        this.tell({ state: this.hold(replay(events, held)), events, remote: true });
      } else if (held) {
        await this.catchUp(held);
      } else if (version !== Infinity) {
        // Not held here (ended, or never loaded), yet someone here may be watching it.
        const stored = await this.deps.store.load(loopId);
        if (stored) this.tell({ state: this.hold(stored.state), events: [], remote: true });
      }
    });
  }

  /** Whether this process holds a loop (it has been used here and has not ended). */
  holds(loopId: string): boolean {
    return this.held(loopId) !== null;
  }

  /** The state of a loop live here (loaded, not ended), or null. */
  private held(loopId: string): LoopState | null {
    const room = this.rooms.find(loopId);
    return room?.live ? room.state : null;
  }

  /** A loop's events of the given types, oldest first. */
  eventsOfTypes(loopId: string, types: readonly string[]): Promise<LoopEvent[]> {
    return this.deps.store.eventsOfTypes(loopId, types);
  }

  /** Runs the work registered with `onBeforeView` for a loop. */
  async settle(loopId: string): Promise<void> {
    for (const task of this.beforeView) await task(loopId);
  }

  async view(loopId: string, role: Role): Promise<LoopView | null> {
    await this.settle(loopId);
    if (this.deps.shared) await this.refresh(loopId);
    const state = await this.get(loopId);
    return state ? this.project(state, role) : null;
  }

  /**
   * Runs `task` with a loop's newest state (caught up with the store when other nodes share
   * it), in turn with the loop's commands here: no command of this node changes the loop
   * between what `task` reads and what it does. Null for a loop that does not exist.
   */
  withState<T>(loopId: string, task: (state: LoopState | null) => Promise<T>): Promise<T> {
    return this.serially(loopId, async () => {
      const held = this.deps.shared ? this.held(loopId) : null;
      return task(held ? await this.catchUp(held) : await this.get(loopId));
    });
  }

  /**
   * Applies a command. A command id seen before is acknowledged with the version it
   * produced and not applied again.
   */
  execute(
    loopId: string,
    actor: Actor,
    command: Command,
    commandId: string | null,
  ): Promise<Ack<CommandResult>> {
    return this.serially(loopId, () => this.apply(loopId, actor, command, commandId));
  }

  /** Runs `task` after every earlier task of the same loop in this process. */
  private serially<T>(loopId: string, task: () => Promise<T>): Promise<T> {
    return this.rooms.room(loopId).run(task);
  }

  /** The stored events after `held`, replayed onto it and told; the newer state is kept. */
  private async catchUp(held: LoopState): Promise<LoopState> {
    const events = await this.deps.store.eventsSince(held.id, held.version);
    if (!events.length) return this.hold(held);
    const state = this.hold(replay(events, held));
    this.tell({ state, events, remote: true });
    return state;
  }

  private tell(change: LoopChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Keeps a loop's newest state in its room and sets its clock (an ended loop is let go). */
  private hold(state: LoopState): LoopState {
    return this.rooms.room(state.id).hold(state);
  }

  /**
   * The clock fired for a loop. Every node that holds the loop sets a timer, so several
   * may fire for the same phase: the command id names the phase and the version it ends,
   * and only the first to write it ends the phase.
   */
  private async expire(loopId: string): Promise<void> {
    // Another node may have moved the loop on since this timer was set.
    await this.refresh(loopId).catch(() => undefined);
    const state = this.held(loopId);
    if (!state) return;
    const round = state.current;
    const clock = state.rounds[round]?.clock;
    const phase = clock && 'phase' in clock ? clock.phase : 0;
    const result = await this.execute(
      loopId,
      { kind: 'system' },
      { type: 'phase:expire', round },
      `expire:${round}:${phase}:${state.version}`,
    ).catch((error: Error) => fail('internal', error.message));
    if (!result.ok)
      this.deps.log.warn('phase expiry failed', { loopId, error: result.error.message });
  }

  private async apply(
    loopId: string,
    actor: Actor,
    command: Command,
    commandId: string | null,
  ): Promise<Ack<CommandResult>> {
    let before = await this.get(loopId);
    if (!before) return fail('not-found', 'no such loop');
    // A resent command is answered from the log, but only to a role that may send it.
    if (actor.kind === 'role' && command.type !== 'phase:expire' && command.type !== 'doc:save') {
      if (!mayIssue(before.mode, actor.role, command.type))
        return fail('forbidden', `the ${actor.role} may not ${command.type.replace(':', ' ')}`);
    }
    /**
     * The version a command with this id produced, if it was applied before. Asked only
     * when the command looks done (refused, a no-op, or its id taken by the store), so a
     * new command costs no read.
     */
    const appliedBefore = async (): Promise<Ack<CommandResult> | null> => {
      if (!commandId) return null;
      const version = await this.deps.store.commandVersion(loopId, commandId);
      if (version === null) return null;
      // Another node ended this phase first: take up its state and its next deadline.
      if (command.type === 'phase:expire') await this.catchUp(before!);
      return { ok: true, data: { version } };
    };
    for (let attempt = 0; ; attempt++) {
      const decision = decide(
        before,
        command,
        actor,
        this.deps.clock.now(),
        this.deps.content,
        this.deps.random,
      );
      if (!decision.ok || decision.events.length === 0) {
        const resent = await appliedBefore();
        if (resent) return resent;
        if (!decision.ok) return decision;
        if (command.type === 'phase:expire') this.hold(before);
        return { ok: true, data: { version: before.version } };
      }
      const after = decision.events.reduce(reduce, before);
      const bytes = decision.events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
      // The server's own commands (the clock, saving the code) are never refused for size.
      if (actor.kind === 'role' && this.deps.quotas) {
        const typing = decision.events.some((e) => TYPING_EVENTS.includes(e.type));
        const room = await this.deps.quotas.allowWrite(
          loopId,
          bytes,
          typing ? 'typing' : 'lifecycle',
        );
        if (!room.ok) return room;
      }
      try {
        await this.deps.store.append(before, after, decision.events, commandId);
      } catch (error) {
        if (!(error instanceof VersionConflict) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        // Another node wrote first, or this command was applied before: catch up and look
        // again.
        before = await this.catchUp(before);
        const resent = await appliedBefore();
        if (resent) return resent;
        continue;
      }
      this.deps.quotas?.wrote(loopId, bytes);
      this.hold(after);
      this.tell({ state: after, events: decision.events, remote: false });
      return { ok: true, data: { version: after.version } };
    }
  }
}
