/**
 * The document plane's pure rules (`shared/src/docs.ts`): how documents are named in the
 * store, who reads and writes which, and what a new document starts from.
 */
import { describe, expect, it } from 'vitest';
import {
  DOC_KINDS,
  docKey,
  docReaders,
  docRefSchema,
  parseDocKey,
  readsDoc,
  savedTexts,
  workspaceAccess,
  type DocRef,
  type WorkspaceRef,
} from '../../shared/src/docs';
import { ROLES, type LoopState } from '../../shared/src/loop/state';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

const refs: DocRef[] = [
  { kind: 'code', round: 0, questionId: 'two-sum' },
  { kind: 'code', round: 3, questionId: 'a:b' },
  { kind: 'star', round: 1, questionId: 'tell-me-about' },
  { kind: 'notes', round: 2 },
  { kind: 'private-notes', round: 20 },
];

describe('document keys', () => {
  it('name every document once and read back to the same document', () => {
    const keys = refs.map(docKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const ref of refs) expect(parseDocKey(docKey(ref))).toEqual(ref);
  });

  it('keep the key code had before documents had kinds, so stored code still opens', () => {
    expect(docKey({ kind: 'code', round: 0, questionId: 'two-sum' })).toBe('0:two-sum');
  });

  it('read nothing from a key that names no document', () => {
    for (const key of ['', 'notes', 'notes:x', 'star:1', 'private-notes:1:q', 'board:1', 'x:1'])
      expect(parseDocKey(key)).toBeNull();
  });

  it('accept only well-formed references at the boundary', () => {
    for (const ref of refs) expect(docRefSchema.safeParse(ref).success).toBe(true);
    for (const bad of [
      { kind: 'notes', round: 0, questionId: 'q' },
      { kind: 'code', round: 0 },
      { kind: 'board', round: 0 },
      { kind: 'notes', round: -1 },
      { kind: 'notes', round: 21 },
      { kind: 'star', round: 0, questionId: '' },
      { kind: 'star', round: 0, questionId: 'x'.repeat(65) },
    ])
      expect(docRefSchema.safeParse(bad).success).toBe(false);
  });
});

describe('who reads a document', () => {
  it('keeps private notes from the candidate and every other kind open to every role', () => {
    expect(docReaders('private-notes')).toEqual(['interviewer', 'observer']);
    for (const kind of DOC_KINDS.filter((k) => k !== 'private-notes'))
      for (const role of ROLES) expect(readsDoc(kind, role)).toBe(true);
  });
});

describe('workspace access', () => {
  /** A paired loop of a coding round and a behavioral round, the first started. */
  function started(): LoopState {
    const { state } = newLoop('paired', [{ id: 'coding' }, { id: 'behavioral' }]);
    return run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
  }
  const codeOf = (
    state: LoopState,
    ref: WorkspaceRef,
    role: (typeof ROLES)[number],
    write: boolean,
  ) => {
    const result = workspaceAccess(state, ref, role, write, content);
    return result.ok ? 'ok' : result.error.code;
  };

  it('lets each role write only what its permissions allow', () => {
    const state = started();
    const questionId = state.rounds[0]!.questionId;
    const expected: [WorkspaceRef, Record<(typeof ROLES)[number], string>][] = [
      [
        { kind: 'code', round: 0, questionId },
        { candidate: 'ok', interviewer: 'ok', observer: 'forbidden' },
      ],
      [
        { kind: 'notes', round: 0 },
        { candidate: 'ok', interviewer: 'forbidden', observer: 'forbidden' },
      ],
      [
        { kind: 'private-notes', round: 0 },
        { candidate: 'forbidden', interviewer: 'ok', observer: 'forbidden' },
      ],
    ];
    for (const [ref, byRole] of expected)
      for (const role of ROLES)
        expect([ref.kind, role, codeOf(state, ref, role, true)]).toEqual([
          ref.kind,
          role,
          byRole[role],
        ]);
  });

  it('refuses a workspace the round does not have, and a round the loop does not have', () => {
    const state = started();
    expect(
      codeOf(
        state,
        { kind: 'star', round: 0, questionId: state.rounds[0]!.questionId },
        'candidate',
        false,
      ),
    ).toBe('bad-request');
    expect(codeOf(state, { kind: 'board', round: 0 }, 'candidate', false)).toBe('bad-request');
    expect(
      codeOf(
        state,
        { kind: 'code', round: 1, questionId: state.rounds[1]!.questionId },
        'candidate',
        false,
      ),
    ).toBe('bad-request');
    expect(codeOf(state, { kind: 'notes', round: 2 }, 'candidate', false)).toBe('not-found');
  });

  it('lets anyone read a past round but write only the current one, while the loop runs', () => {
    const state = started();
    const behavioral = { kind: 'star', round: 1, questionId: state.rounds[1]!.questionId } as const;
    expect(codeOf(state, behavioral, 'candidate', false)).toBe('ok');
    expect(codeOf(state, behavioral, 'candidate', true)).toBe('conflict');
    const ended = run(state, cmd('loop:end', {}), as('interviewer'), T0 + 1);
    expect(codeOf(ended, { kind: 'notes', round: 0 }, 'candidate', false)).toBe('ok');
    expect(codeOf(ended, { kind: 'notes', round: 0 }, 'candidate', true)).toBe('conflict');
  });

  it('refuses a question-keyed document of a question the round no longer asks', () => {
    const state = started();
    expect(
      codeOf(state, { kind: 'code', round: 0, questionId: 'another' }, 'candidate', false),
    ).toBe('conflict');
  });

  it('never lets the candidate read private notes, even in a solo loop', () => {
    const { state } = newLoop('solo', [{ id: 'screen' }]);
    expect(codeOf(state, { kind: 'private-notes', round: 0 }, 'candidate', false)).toBe(
      'forbidden',
    );
  });
});

describe('saved texts', () => {
  it('start a document from what the log holds', () => {
    const { state } = newLoop('solo', [{ id: 'behavioral' }]);
    const round = { ...state.rounds[0]!, notes: 'n', privateNotes: 'p' };
    expect(savedTexts(round, { kind: 'notes', round: 0 })).toEqual({ text: 'n' });
    expect(savedTexts(round, { kind: 'private-notes', round: 0 })).toEqual({ text: 'p' });
    expect(savedTexts(round, { kind: 'star', round: 0, questionId: round.questionId })).toEqual({
      situation: '',
      task: '',
      action: '',
      result: '',
      learned: '',
    });
  });
});
