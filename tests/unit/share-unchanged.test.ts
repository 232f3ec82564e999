/**
 * Structural sharing of a loop's views: what did not change between two views keeps its
 * identity, what did is new, and the result is always equal in value to the newer view.
 */
import { describe, expect, it } from 'vitest';
import { shareUnchanged } from '../../shared/src/share-unchanged';

const view = () => ({
  id: 'loop1',
  version: 3,
  permissions: { control: true, notes: true },
  rounds: [
    { index: 0, status: 'done', scores: { self: { vote: 3 } }, phases: [{ id: 'a' }] },
    { index: 1, status: 'in-progress', scores: {}, phases: [{ id: 'b' }] },
  ],
});

describe('sharing what did not change between two views', () => {
  it('returns the older value itself when nothing changed', () => {
    const prev = view();
    expect(shareUnchanged(prev, view())).toBe(prev);
  });

  it('keeps unchanged parts, renews the changed ones and their parents only', () => {
    const prev = view();
    const next = view();
    next.version = 4;
    next.rounds[1]!.status = 'scoring';
    const shared = shareUnchanged(prev, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(prev);
    expect(shared.permissions).toBe(prev.permissions);
    expect(shared.rounds).not.toBe(prev.rounds);
    expect(shared.rounds[0]).toBe(prev.rounds[0]);
    expect(shared.rounds[1]).not.toBe(prev.rounds[1]);
    expect(shared.rounds[1]!.phases).toBe(prev.rounds[1]!.phases);
  });

  it('sees added and removed keys and items, and a value that became null', () => {
    const prev = view();
    const added = { ...view(), nextLoopId: 'loop2' };
    expect(shareUnchanged(prev, added)).toEqual(added);
    expect(shareUnchanged(prev, added)).not.toBe(prev);
    const { permissions: _dropped, ...removed } = view();
    expect(shareUnchanged(prev, removed)).toEqual(removed);
    const fewer = { ...view(), rounds: view().rounds.slice(0, 1) };
    const shared = shareUnchanged(prev, fewer);
    expect(shared).toEqual(fewer);
    expect(shared.rounds[0]).toBe(prev.rounds[0]);
    const nulled = { ...view(), permissions: null };
    expect(shareUnchanged(prev, nulled).permissions).toBeNull();
  });

  it('does not confuse an array with an object of the same entries', () => {
    expect(shareUnchanged({ 0: 'a' }, ['a'])).toEqual(['a']);
    expect(Array.isArray(shareUnchanged({ 0: 'a' }, ['a']))).toBe(true);
    expect(shareUnchanged(['a'], { 0: 'a' })).toEqual({ 0: 'a' });
  });

  it('compares anything but plain objects and arrays by identity', () => {
    const date = new Date(0);
    expect(shareUnchanged({ at: new Date(0) }, { at: date }).at).toBe(date);
    expect(shareUnchanged(NaN, NaN)).toBeNaN();
  });
});
