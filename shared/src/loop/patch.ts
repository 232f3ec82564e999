/**
 * Small updates instead of whole views. Most changes to a loop while a round runs are
 * typing: notes, private notes, a STAR answer, the saved code. For those the server sends
 * each role only the fields that changed, as that role may see them; every other change
 * sends the whole view. A client applies a patch only on top of the version just before
 * it, and asks for the whole view when it finds a gap.
 */
import type { LoopEvent } from './events';
import type { LoopView, RoundView } from './project';
import type { LoopState, Role } from './state';

/** Round fields a patch may carry. */
export type PatchedFields = Partial<Pick<RoundView, 'notes' | 'privateNotes' | 'code' | 'star'>>;

/** The change to one role's view: the version it leads to, the clock, changed round fields. */
export interface LoopPatch {
  /** The version the patch applies to. */
  from: number;
  version: number;
  serverNow: number;
  /** Changed fields by round index; empty when the change is not this role's to see. */
  rounds: { index: number; fields: PatchedFields }[];
}

const STAFF: readonly Role[] = ['interviewer', 'observer'];

/** What one event changes in `role`'s view of `after`, or null when it needs a whole view. */
function fieldsFor(event: LoopEvent, role: Role, after: LoopState): PatchedFields | null {
  switch (event.type) {
    case 'notes.updated':
      return { notes: event.text };
    case 'private-notes.updated':
      return STAFF.includes(role) ? { privateNotes: event.text } : {};
    case 'code.updated':
      return { code: { language: event.language, text: event.text } };
    case 'star.updated': {
      // The view shows the answer to the round's current question only.
      const round = after.rounds[event.round];
      return round?.questionId === event.questionId ? { star: event.answer } : {};
    }
    default:
      return null;
  }
}

/**
 * The patch that takes `role`'s view from `after.version - events.length` to
 * `after.version`, or null when a whole view must be sent instead.
 */
export function patchFor(
  events: readonly LoopEvent[],
  role: Role,
  after: LoopState,
  now: number,
): LoopPatch | null {
  const rounds: LoopPatch['rounds'] = [];
  for (const event of events) {
    const fields = fieldsFor(event, role, after);
    if (fields === null || !('round' in event)) return null;
    if (Object.keys(fields).length === 0) continue;
    const existing = rounds.find((r) => r.index === event.round);
    if (existing) Object.assign(existing.fields, fields);
    else rounds.push({ index: event.round, fields: { ...fields } });
  }
  return { from: after.version - events.length, version: after.version, serverNow: now, rounds };
}

/**
 * Applies a patch to the view it follows. Returns null when the view is not the one just
 * before the patch (a missed message): the client then asks for the whole view.
 */
export function applyPatch(view: LoopView, patch: LoopPatch): LoopView | null {
  if (patch.version <= view.version) return view;
  if (patch.from !== view.version) return null;
  const rounds = patch.rounds.length
    ? view.rounds.map((round) => {
        const change = patch.rounds.find((r) => r.index === round.index);
        return change ? { ...round, ...change.fields } : round;
      })
    : view.rounds;
  return { ...view, version: patch.version, serverNow: patch.serverNow, rounds };
}
