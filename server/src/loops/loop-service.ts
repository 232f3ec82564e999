/**
 * The loop service: the only place loops change. A command is decided against the
 * current state, its events are appended to the store, the state is reduced, the
 * clock is rescheduled and listeners are told. It knows nothing about sockets or HTTP.
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
import { initialState, reduce } from '@mockloop/shared/loop/reduce';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { CommandResult } from '@mockloop/shared/protocol';
import type { Logger } from '../log';
import type { LoopStore } from '../store/store';
import { ClockScheduler, type ServerClock } from './scheduler';

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
}

export type CreatedLoop = { id: string; tokens: Partial<Record<Role, string>> };
/** Told of every change: the state after it and the events that made it. */
type Listener = (state: LoopState, events: readonly LoopEvent[]) => void;

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

  /**
   * Runs `done` once every change made so far is durable. Acknowledgements and
   * broadcasts wait for it: nothing reaches anyone before it is on disk.
   */
  afterDurable(done: () => void): void {
    this.deps.store.afterCommit(done);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(request: CreateLoopRequest): Ack<CreatedLoop> {
    const roles: Role[] =
      request.mode === 'solo' ? ['candidate'] : ['candidate', 'interviewer', 'observer'];
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of roles) tokens[role] = newToken();
    const created = this.createWithHashes(
      request,
      roles.map((role) => ({ role, hash: hashToken(tokens[role]!) })),
    );
    if (!created.ok) return created;
    const id = created.data;
    return { ok: true, data: { id, tokens } };
  }

  private createWithHashes(
    request: CreateLoopRequest,
    hashes: { role: Role; hash: string }[],
  ): Ack<string> {
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
    this.deps.store.createLoop(state, plan.event, hashes);
    this.live.set(id, state);
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
  rotateToken(
    loopId: string,
    role: Role,
    target: 'candidate' | 'observer',
    commandId: string,
  ): Ack<{ token: string }> {
    // A token is never stored, so a resent rotation cannot return the same one again.
    if (this.deps.store.commandVersion(loopId, commandId) !== null)
      return fail('conflict', 'that link was already replaced; replace it again for a new one');
    const token = newToken();
    const result = this.execute(
      loopId,
      { kind: 'role', role },
      { type: 'token:rotate', commandId, role: target },
      commandId,
    );
    if (!result.ok) return result;
    this.deps.store.replaceToken(loopId, target, hashToken(token));
    this.deps.log.info('token rotated', { loopId, role: target });
    return { ok: true, data: { token } };
  }

  /**
   * After a paired loop, starts the next one with the same rounds, new questions and
   * roles reversed. Each person's existing token opens the new loop in their new role,
   * so no new secret has to reach anyone.
   */
  swap(loopId: string, role: Role, commandId: string): Ack<{ nextLoopId: string }> {
    const state = this.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    if (!permissionsFor(state.mode, role).swap)
      return fail('forbidden', `the ${role} may not swap roles`);
    // Swapping again, or resending the same command, leads to the same next loop.
    if (state.nextLoopId) return { ok: true, data: { nextLoopId: state.nextLoopId } };
    if (this.deps.store.commandVersion(loopId, commandId) !== null)
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
    const next = this.createWithHashes(
      {
        mode: 'paired',
        rounds: state.rounds.map((r) => ({ id: r.roundId, minutes: r.minutes })),
        recentQuestionIds: state.rounds.map((r) => r.questionId),
      },
      this.deps.store.tokenHashes(loopId).map(({ role: r, hash }) => ({ role: swapped[r], hash })),
    );
    if (!next.ok) return next;
    const result = this.execute(
      loopId,
      actor,
      { type: 'loop:swap', commandId, nextLoopId: next.data },
      commandId,
    );
    return result.ok ? { ok: true, data: { nextLoopId: next.data } } : result;
  }

  /** The role a token grants on a loop, or null (unknown token, or another loop's). */
  authenticate(loopId: string, token: string): Role | null {
    // Compare against every role's hash in constant time: nothing about a near miss leaks.
    const presented = Buffer.from(hashToken(token), 'hex');
    let role: Role | null = null;
    for (const stored of this.deps.store.tokenHashes(loopId)) {
      if (timingSafeEqual(presented, Buffer.from(stored.hash, 'hex'))) role = stored.role;
    }
    return role;
  }

  get(loopId: string): LoopState | null {
    const cached = this.live.get(loopId);
    if (cached) return cached;
    const stored = this.deps.store.load(loopId);
    if (!stored) return null;
    this.live.set(loopId, stored.state);
    return stored.state;
  }

  /** A loop's whole event log, oldest first. */
  events(loopId: string): LoopEvent[] {
    return this.deps.store.events(loopId);
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
    // A resent command is answered from the log, but only to a role that may send it.
    if (
      commandId &&
      actor.kind === 'role' &&
      command.type !== 'phase:expire' &&
      command.type !== 'code:snapshot'
    ) {
      if (!mayIssue(before.mode, actor.role, command.type))
        return fail('forbidden', `the ${actor.role} may not ${command.type.replace(':', ' ')}`);
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
    for (const listener of this.listeners) listener(after, decision.events);
    return { ok: true, data: { version: after.version } };
  }
}
