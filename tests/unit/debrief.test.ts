import { describe, expect, it } from 'vitest';
import { decideDebrief, type DebriefVote } from '../../shared/src/debrief';
import type { Level } from '../../shared/src/levels';

const ids = ['screen', 'coding', 'ml-depth', 'system-design', 'behavioral', 'bar-raiser'];
function loop(...votes: (Level | null)[]): DebriefVote[] {
  return votes.map((vote, i) => ({
    roundId: ids[i]!,
    title: ids[i]!,
    vote,
    source: vote ? 'self' : null,
  }));
}

describe('debrief rule', () => {
  it('hires when every clause holds', () => {
    const result = decideDebrief(loop(3, 4, 3, 2, 3, 3));
    expect(result).toMatchObject({
      outcome: 'hire',
      clause: 'all-clauses-met',
      inclinedOrBetter: 5,
      scored: 6,
    });
  });

  it('any Strong No Hire sinks the loop, even with a strong Bar Raiser', () => {
    const result = decideDebrief(loop(4, 1, 4, 4, 4, 4));
    expect(result).toMatchObject({ outcome: 'no-hire', clause: 'strong-no-hire' });
    expect(result.explanation).toContain('coding');
  });

  it('a Bar Raiser below Inclined vetoes an otherwise strong loop', () => {
    const result = decideDebrief(loop(4, 4, 4, 4, 4, 2));
    expect(result).toMatchObject({ outcome: 'no-hire', clause: 'bar-raiser-veto' });
    expect(result.explanation).toMatch(/bar-raiser veto/);
  });

  it('Strong No Hire is reported before the veto when both apply', () => {
    expect(decideDebrief(loop(1, 4, 4, 4, 4, 2)).clause).toBe('strong-no-hire');
  });

  it('needs a strict majority of Inclined or better', () => {
    expect(decideDebrief(loop(3, 3, 2, 2, 2, 3))).toMatchObject({
      outcome: 'no-hire',
      clause: 'no-majority',
    });
    expect(decideDebrief(loop(3, 3, 3, 2, 2, 3))).toMatchObject({ outcome: 'hire' });
  });

  it('counts only scored rounds and names the unscored ones', () => {
    const result = decideDebrief(loop(3, null, 3, null, 2, 3));
    expect(result).toMatchObject({
      outcome: 'hire',
      scored: 4,
      unscored: ['coding', 'system-design'],
    });
    expect(result.explanation).toContain('Not scored');
  });

  it('without a bar-raiser round there is no veto to apply', () => {
    const result = decideDebrief(loop(3, 2, 3));
    expect(result).toMatchObject({ outcome: 'hire' });
    expect(result.explanation).toContain('no bar-raiser round');
  });

  it('decides nothing when nothing was scored', () => {
    expect(decideDebrief(loop(null, null))).toMatchObject({
      outcome: 'no-decision',
      clause: 'no-votes',
    });
  });
});
