/** The small rules of English the app's sentences share. */
import { describe, expect, it } from 'vitest';
import { plural } from '../../shared/src/words';

describe('plural', () => {
  it('counts one in the singular and every other count in the plural', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
    expect(plural(5, 'minute')).toBe('5 minutes');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
  });
});
