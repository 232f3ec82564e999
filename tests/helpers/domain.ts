/** Drives the pure loop domain in unit tests: plan a loop, build commands, apply them. */
import type { ClientCommand } from '../../shared/src/loop/commands';
import { decide, type Actor } from '../../shared/src/loop/decide';
import type { LoopEvent } from '../../shared/src/loop/events';
import { planLoop } from '../../shared/src/loop/plan';
import { reduce, replay } from '../../shared/src/loop/reduce';
import type { LoopState, Mode, Role } from '../../shared/src/loop/state';
import { content } from './content';

export const T0 = Date.UTC(2026, 0, 5, 9);
export const as = (role: Role): Actor => ({ kind: 'role', role });
let seq = 0;
export const cmd = <T extends ClientCommand['type']>(
  type: T,
  rest: Omit<Extract<ClientCommand, { type: T }>, 'type' | 'commandId'>,
) => ({ type, commandId: `cmd-${++seq}-xxxx`, ...rest }) as unknown as ClientCommand;

export function newLoop(
  mode: Mode,
  rounds: { id: string; minutes?: number }[] = [{ id: 'screen' }, { id: 'bar-raiser' }],
) {
  const plan = planLoop({ mode, rounds }, content, 'loop1', T0, () => 0);
  if (!plan.ok) throw new Error(plan.error.message);
  return { state: replay([plan.event]), log: [plan.event] as LoopEvent[] };
}

/** Applies a command and returns the new state, failing the test on a refusal. */
export function run(
  state: LoopState,
  command: Parameters<typeof decide>[1],
  actor: Actor,
  now: number,
  log?: LoopEvent[],
) {
  const decision = decide(state, command, actor, now, content);
  if (!decision.ok) throw new Error(`${decision.error.code}: ${decision.error.message}`);
  log?.push(...decision.events);
  return decision.events.reduce(reduce, state);
}
