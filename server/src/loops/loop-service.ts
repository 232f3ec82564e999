/**
 * The loop service: the only place loops change. A command is decided against the
 * current state, its events are appended to the store, the state is reduced, the
 * clock is rescheduled and listeners are told. It knows nothing about sockets or HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CreateLoopRequest } from '@mockloop/shared/api';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { Command } from '@mockloop/shared/loop/commands';
import { decide, type Actor } from '@mockloop/shared/loop/decide';
import { planLoop } from '@mockloop/shared/loop/plan';
import { project, type LoopView } from '@mockloop/shared/loop/project';
import { initialState, reduce } from '@mockloop/shared/loop/reduce';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { CommandResult } from '@mockloop/shared/protocol';
import type { Logger } from '../log';
import type { LoopStore } from '../store/store';
import { ClockScheduler, type ServerClock } from './scheduler';

/** 128 random bits per capability token. */
const TOKEN_BYTES = 16;
const LOOP_ID_BYTES = 9;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoopServiceDeps {
  store: LoopStore;
  content: CatalogIndex;
  clock: ServerClock;
  log: Logger;
  random?: () => number;
}

export type CreatedLoop = { id: string; tokens: Partial<Record<Role, string>> };
type Listener = (state: LoopState) => void;

export class LoopService {
  private readonly live = new Map<string, LoopState>();
  private readonly listeners = new Set<Listener>();
  private readonly scheduler: ClockScheduler;

  constructor(private readonly deps: LoopServiceDeps) {
    this.scheduler = new ClockScheduler(deps.clock, (loopId, round) =>
      this.execute(loopId, { kind: 'system' }, { type: 'phase:expire', round }, null),
    );
  }

  /** Loads every loop that has not ended and puts its clock back on schedule. */
  resume(): number {
    const ids = this.deps.store.activeLoopIds();
    for (const id of ids) {
      const state = this.get(id);
      if (state) this.scheduler.schedule(state);
    }
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
    this.scheduler.clear();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(request: CreateLoopRequest): Ack<CreatedLoop> {
    const id = randomBytes(LOOP_ID_BYTES).toString('base64url');
    const plan = planLoop(
      request,
      this.deps.content,
      id,
      this.deps.clock.now(),
      this.deps.random ?? Math.random,
    );
    if (!plan.ok) return plan;
    const roles: Role[] =
      request.mode === 'solo' ? ['candidate'] : ['candidate', 'interviewer', 'observer'];
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of roles) tokens[role] = randomBytes(TOKEN_BYTES).toString('base64url');
    const state = initialState(plan.event);
    this.deps.store.createLoop(
      state,
      plan.event,
      roles.map((role) => ({ role, hash: hashToken(tokens[role]!) })),
    );
    this.live.set(id, state);
    this.deps.log.info('loop created', {
      loopId: id,
      mode: request.mode,
      rounds: state.rounds.length,
    });
    return { ok: true, data: { id, tokens } };
  }

  /** The role a token grants on a loop, or null (unknown token, or another loop's). */
  authenticate(loopId: string, token: string): Role | null {
    const found = this.deps.store.findToken(hashToken(token));
    return found && found.loopId === loopId ? found.role : null;
  }

  get(loopId: string): LoopState | null {
    const cached = this.live.get(loopId);
    if (cached) return cached;
    const stored = this.deps.store.load(loopId);
    if (!stored) return null;
    this.live.set(loopId, stored.state);
    return stored.state;
  }

  view(loopId: string, role: Role): LoopView | null {
    const state = this.get(loopId);
    return state ? this.project(state, role) : null;
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
  ): Ack<CommandResult> {
    const before = this.get(loopId);
    if (!before) return fail('not-found', 'no such loop');
    if (commandId) {
      const version = this.deps.store.commandVersion(loopId, commandId);
      if (version !== null) return { ok: true, data: { version } };
    }
    const decision = decide(
      before,
      command,
      actor,
      this.deps.clock.now(),
      this.deps.content,
      this.deps.random,
    );
    if (!decision.ok) return decision;
    if (decision.events.length === 0) {
      if (command.type === 'phase:expire') this.scheduler.schedule(before);
      return { ok: true, data: { version: before.version } };
    }
    const after = decision.events.reduce(reduce, before);
    this.deps.store.append(before, after, decision.events, commandId);
    this.live.set(loopId, after);
    this.scheduler.schedule(after);
    if (after.status === 'ended') this.live.delete(loopId);
    for (const listener of this.listeners) listener(after);
    return { ok: true, data: { version: after.version } };
  }
}
