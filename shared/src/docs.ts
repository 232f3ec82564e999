/**
 * The document plane: everything a person types is a shared Yjs document beside the
 * loop's event log — the code of a coding round, a round's notes, the interviewer's private
 * notes, a STAR answer's fields. An edit goes to whoever may read the document at once and
 * is stored as a small update; the final text is written into the log when the round is
 * closed (and before any view of the loop), so reviews and reports read it from the log.
 *
 * Which role may read and write which document is decided here, once, for the server and
 * for the client. Pure: no Yjs, safe in the browser.
 */
import { z } from 'zod';
import type { CatalogIndex } from './catalog-index';
import { CODE_MAX_CHARS } from './code';
import { fail, type Ack } from './errors';
import type { WorkspaceKind } from './levels';
import { isStaff, permissionsFor } from './loop/permissions';
import { NOTES_MAX_CHARS, ROLES, type LoopRound, type LoopState, type Role } from './loop/state';
import { STAR_FIELD_MAX_CHARS, STAR_FIELDS } from './star';

export const DOC_KINDS = ['code', 'notes', 'private-notes', 'star'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** Which document: its kind, its round, and for code and STAR answers the question. */
export type DocRef =
  | { kind: 'code' | 'star'; round: number; questionId: string }
  | { kind: 'notes' | 'private-notes'; round: number };

const round = z.number().int().min(0).max(20);
const questionId = z.string().min(1).max(64);

/** A document named in a message: validated before anything else reads it. */
export const docRefSchema: z.ZodType<DocRef> = z.union([
  z.strictObject({ kind: z.enum(['code', 'star']), round, questionId }),
  z.strictObject({ kind: z.enum(['notes', 'private-notes']), round }),
]);

/** The named texts of each kind of document, and the longest each may be. */
export const DOC_TEXTS: Record<DocKind, readonly string[]> = {
  code: ['code'],
  notes: ['text'],
  'private-notes': ['text'],
  star: STAR_FIELDS,
};
export const DOC_TEXT_MAX_CHARS: Record<DocKind, number> = {
  code: CODE_MAX_CHARS,
  notes: NOTES_MAX_CHARS,
  'private-notes': NOTES_MAX_CHARS,
  star: STAR_FIELD_MAX_CHARS,
};

/** What a workspace needs of its round: a workspace of that kind, or none (notes). */
const WORKSPACE: Partial<Record<WorkspaceRef['kind'], WorkspaceKind>> = {
  code: 'code',
  star: 'star',
  board: 'whiteboard',
};
const WORKSPACE_NAMES: Record<WorkspaceKind, string> = {
  code: 'code editor',
  star: 'STAR answer',
  whiteboard: 'whiteboard',
  notes: 'notes',
};

/**
 * A document's key in the store. Code keeps the key it had before documents had kinds
 * (`round:question`), so code stored then still opens.
 */
export function docKey(ref: DocRef): string {
  switch (ref.kind) {
    case 'code':
      return `${ref.round}:${ref.questionId}`;
    case 'star':
      return `star:${ref.round}:${ref.questionId}`;
    default:
      return `${ref.kind}:${ref.round}`;
  }
}

/** The document a store key names (the inverse of `docKey`), or null. */
export function parseDocKey(key: string): DocRef | null {
  const [first, second, ...rest] = key.split(':');
  if (first === undefined || second === undefined) return null;
  const number = (text: string | undefined) =>
    text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
  const round = number(first);
  if (round !== null) return { kind: 'code', round, questionId: [second, ...rest].join(':') };
  const at = number(second);
  if (at === null) return null;
  if (first === 'star' && rest.length)
    return { kind: 'star', round: at, questionId: rest.join(':') };
  if ((first === 'notes' || first === 'private-notes') && !rest.length)
    return { kind: first, round: at };
  return null;
}

/** A shared workspace of a round: one of its documents, or its whiteboard. */
export type WorkspaceRef = DocRef | { kind: 'board'; round: number };

/** The same document, whatever object describes it. */
export const sameDoc = (a: DocRef, b: DocRef) => docKey(a) === docKey(b);

/** Whether a role reads a kind of workspace at all: private notes are the staff's. */
export function readsDoc(kind: WorkspaceRef['kind'], role: Role): boolean {
  return kind !== 'private-notes' || isStaff(role);
}

/** The roles that read a kind of workspace, to relay its changes to. */
export const docReaders = (kind: WorkspaceRef['kind']): Role[] =>
  ROLES.filter((role) => readsDoc(kind, role));

/** Whether a role writes a kind of workspace, by the loop's mode. */
export function writesDoc(
  kind: WorkspaceRef['kind'],
  mode: LoopState['mode'],
  role: Role,
): boolean {
  const may = permissionsFor(mode, role);
  switch (kind) {
    case 'code':
    case 'board':
      return may.collaborate;
    case 'notes':
    case 'star':
      return may.notes;
    case 'private-notes':
      return may.interview;
  }
}

/**
 * Whether a round's work (code, notes, private notes, STAR answers, whiteboard) may still
 * change: before and while it runs, never once it is over (being scored, or done).
 */
export const roundOpenForWork = (status: LoopRound['status']): boolean =>
  status === 'pending' || status === 'in-progress';

/**
 * Whether `role` may read (or, with `write`, also edit) a workspace of a loop now: the
 * round must exist and have the workspace the kind needs, a question-keyed document must
 * be of the round's current question, and editing needs the role's permission, a loop
 * still running, the round in focus and not over. The one rule for documents and
 * whiteboards.
 */
export function workspaceAccess(
  state: LoopState,
  ref: WorkspaceRef,
  role: Role,
  write: boolean,
  content: CatalogIndex,
): Ack<{ round: LoopRound }> {
  const round = state.rounds[ref.round];
  if (!round) return fail('not-found', `this loop has no round ${ref.round + 1}`);
  const workspace = WORKSPACE[ref.kind];
  if (workspace && content.round(round.roundId)?.workspace !== workspace)
    return fail('bad-request', `round ${ref.round + 1} has no ${WORKSPACE_NAMES[workspace]}`);
  if (!readsDoc(ref.kind, role)) return fail('forbidden', `the ${role} may not read these notes`);
  if (write) {
    if (!writesDoc(ref.kind, state.mode, role))
      return fail('forbidden', `the ${role} may not edit this`);
    if (state.status === 'ended') return fail('conflict', 'this loop has ended');
    if (ref.round !== state.current)
      return fail('conflict', `that round is not the current one (round ${state.current + 1} is)`);
    if (!roundOpenForWork(round.status))
      return fail('conflict', `round ${ref.round + 1} is over: its work can no longer change`);
  }
  if ('questionId' in ref && round.questionId !== ref.questionId)
    return fail('conflict', 'the question of this round has changed; reload it');
  return { ok: true, data: { round } };
}

/**
 * The text a document holds in the loop's log, as last saved there: what a new document
 * starts from (with `seed` for code, whose starter comes from the question).
 */
export function savedTexts(round: LoopRound, ref: DocRef): Record<string, string> {
  switch (ref.kind) {
    case 'code':
      return { code: round.code?.text ?? '' };
    case 'notes':
      return { text: round.notes };
    case 'private-notes':
      return { text: round.privateNotes };
    case 'star': {
      const answer = round.stars[ref.questionId];
      return Object.fromEntries(STAR_FIELDS.map((field) => [field, answer?.[field] ?? '']));
    }
  }
}
