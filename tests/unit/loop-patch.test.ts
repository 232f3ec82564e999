/**
 * Patches must be exact: a patch applied to a role's view before a change equals that
 * role's whole view after it, for every role and every patchable change.
 */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/src/loop/decide';
import { decide } from '../../shared/src/loop/decide';
import { applyPatch, patchFor } from '../../shared/src/loop/patch';
import { project } from '../../shared/src/loop/project';
import { reduce } from '../../shared/src/loop/reduce';
import { ROLES, type LoopState, type Role } from '../../shared/src/loop/state';
import { EMPTY_STAR_ANSWER } from '../../shared/src/star';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

function events(decision: Decision) {
  if (!decision.ok) throw new Error(decision.error.message);
  return decision.events;
}

/** For each role: the patch of `command`, applied to the view before, equals the view after. */
function expectExactPatches(
  before: LoopState,
  command: ReturnType<typeof cmd>,
  role: Role = 'candidate',
) {
  const happened = events(decide(before, command, as(role), T0, content));
  const after = happened.reduce(reduce, before);
  for (const viewer of ROLES) {
    const patch = patchFor(happened, viewer, after, T0 + 1);
    expect(patch, `${command.type} for ${viewer}`).not.toBeNull();
    const patched = applyPatch(project(before, viewer, T0, content), patch!);
    expect(patched, viewer).toEqual(project(after, viewer, T0 + 1, content));
  }
  return after;
}

describe('loop patches', () => {
  it('carry notes, private notes, code and STAR answers exactly as each role sees them', () => {
    let { state } = newLoop('paired', [{ id: 'behavioral' }, { id: 'coding' }]);
    state = run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
    state = expectExactPatches(state, cmd('notes:update', { round: 0, text: 'the outage story' }));
    state = expectExactPatches(
      state,
      cmd('private-notes:update', { round: 0, text: 'vague on the result' }),
      'interviewer',
    );
    const questionId = state.rounds[0]!.questionId;
    const answer = {
      ...EMPTY_STAR_ANSWER,
      situation: 'A model went stale',
      principles: ['ownership'],
    };
    state = expectExactPatches(state, cmd('star:update', { round: 0, questionId, answer }));
    state = run(state, cmd('round:next', { round: 0 }), as('interviewer'), T0);
    expectExactPatches(state, cmd('code:language', { round: 1, language: 'typescript' }));
  });

  it('are never made for changes that need the whole view', () => {
    const { state } = newLoop('paired', [{ id: 'screen' }]);
    const started = events(
      decide(state, cmd('round:start', { round: 0 }), as('interviewer'), T0, content),
    );
    const after = started.reduce(reduce, state);
    for (const role of ROLES) expect(patchFor(started, role, after, T0)).toBeNull();
  });

  it('are refused on a view that missed a version, and ignored when already applied', () => {
    let { state } = newLoop('solo', [{ id: 'screen' }]);
    const stale = project(state, 'candidate', T0, content);
    state = run(state, cmd('notes:update', { round: 0, text: 'one' }), as('candidate'), T0);
    const current = project(state, 'candidate', T0, content);
    const happened = events(
      decide(state, cmd('notes:update', { round: 0, text: 'two' }), as('candidate'), T0, content),
    );
    const after = happened.reduce(reduce, state);
    const patch = patchFor(happened, 'candidate', after, T0)!;
    expect(applyPatch(stale, patch)).toBeNull();
    expect(applyPatch(current, patch)?.rounds[0]!.notes).toBe('two');
    const newer = project(after, 'candidate', T0, content);
    expect(applyPatch(newer, patch)).toBe(newer);
  });
});
