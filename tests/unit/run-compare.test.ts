/**
 * The one comparison rule for test results (shared/src/run-compare.ts), used by the
 * browser's runner and the reference harness alike.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  DEFAULT_TOLERANCE,
  jsonTextMatches,
  valuesMatch,
} from '../../shared/src/run-compare';

describe('exact comparison', () => {
  it('matches equal JSON whatever the key order, and nothing else', () => {
    expect(valuesMatch({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(valuesMatch([1, 2, 3], [3, 2, 1])).toBe(false);
    expect(valuesMatch({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valuesMatch('1', 1)).toBe(false);
    expect(valuesMatch(true, 1)).toBe(false);
    expect(valuesMatch(null, 0)).toBe(false);
    expect(valuesMatch([], {})).toBe(false);
  });

  it('reads 1.0 as 1 and keeps a "__proto__" key as an ordinary key', () => {
    expect(jsonTextMatches('1.0', 1)).toBe(true);
    const expected = JSON.parse('{"__proto__": {"orders": 1}, "b": 2}') as unknown;
    expect(jsonTextMatches('{"b": 2, "__proto__": {"orders": 1}}', expected)).toBe(true);
    expect(jsonTextMatches('{"b": 2}', expected)).toBe(false);
    expect(canonicalJson(expected)).toBe('{"__proto__":{"orders":1},"b":2}');
  });

  it('never matches text that is not JSON', () => {
    expect(jsonTextMatches('NaN', null)).toBe(false);
    expect(jsonTextMatches('', null)).toBe(false);
    expect(jsonTextMatches('{1, 2}', [1, 2])).toBe(false);
  });
});

describe('unordered comparison', () => {
  const unordered = { compare: 'unordered' } as const;

  it('matches the top-level items as a multiset', () => {
    expect(valuesMatch(['b', 'a'], ['a', 'b'], unordered)).toBe(true);
    expect(valuesMatch(['a', 'a'], ['a', 'b'], unordered)).toBe(false);
    expect(valuesMatch(['a', 'b', 'b'], ['a', 'a', 'b'], unordered)).toBe(false);
    expect(valuesMatch(['a'], ['a', 'a'], unordered)).toBe(false);
  });

  it('keeps nested lists in order, and compares a non-list exactly', () => {
    expect(valuesMatch([[3], [1, 2]], [[1, 2], [3]], unordered)).toBe(true);
    expect(valuesMatch([[3], [2, 1]], [[1, 2], [3]], unordered)).toBe(false);
    expect(valuesMatch(null, null, unordered)).toBe(true);
    expect(valuesMatch([], null, unordered)).toBe(false);
  });
});

describe('close comparison', () => {
  it('accepts numbers within the tolerance, absolute below 1 and relative above', () => {
    const close = { compare: 'close', tolerance: 1e-3 } as const;
    expect(valuesMatch(0.1234, 0.1239, close)).toBe(true);
    expect(valuesMatch(0.1234, 0.1245, close)).toBe(false);
    expect(valuesMatch(1000.9, 1000, close)).toBe(true);
    expect(valuesMatch(1001.1, 1000, close)).toBe(false);
    expect(valuesMatch(-1000.9, -1000, close)).toBe(true);
  });

  it('uses the default tolerance when the case names none', () => {
    expect(DEFAULT_TOLERANCE).toBe(1e-6);
    expect(valuesMatch(0.3, 0.1 + 0.2, { compare: 'close' })).toBe(true);
    expect(valuesMatch(0.30001, 0.3, { compare: 'close' })).toBe(false);
  });

  it('needs the same shape, and compares everything but numbers exactly', () => {
    const close = { compare: 'close', tolerance: 0.01 } as const;
    expect(valuesMatch([0.5, { p: 0.251 }], [0.5, { p: 0.25 }], close)).toBe(true);
    expect(valuesMatch([0.5], [0.5, 0.5], close)).toBe(false);
    expect(valuesMatch({ p: 0.25, q: 1 }, { p: 0.25 }, close)).toBe(false);
    expect(valuesMatch({ q: 0.25 }, { p: 0.25 }, close)).toBe(false);
    expect(valuesMatch(['a', 1], ['b', 1], close)).toBe(false);
    expect(valuesMatch(true, 1, close)).toBe(false);
    expect(valuesMatch(null, 0, close)).toBe(false);
    expect(valuesMatch(null, null, close)).toBe(true);
    expect(valuesMatch('0.5', 0.5, close)).toBe(false);
  });
});
