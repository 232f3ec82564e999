/**
 * The generated-value notation of test cases (shared/src/test-input.ts): what each
 * generator expands to, that expansion is deterministic, and that mistakes are named.
 */
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  expandTestValue,
  hasGenerator,
  MAX_GENERATED_ITEMS,
} from '../../shared/src/test-input';
import { testValueProblem } from '../../shared/src/test-input-check';

describe('expanding generated test values', () => {
  it('leaves plain values alone', () => {
    const plain = [1, 'a', null, { b: [true] }];
    expect(hasGenerator(plain)).toBe(false);
    expect(expandTestValue(plain)).toBe(plain);
  });

  it('expands ranges, repeats, concatenations, joins and zips, nested', () => {
    expect(expandTestValue({ $range: [0, 5] })).toEqual([0, 1, 2, 3, 4]);
    expect(expandTestValue({ $range: [10, 0, -3] })).toEqual([10, 7, 4, 1]);
    expect(expandTestValue({ $range: [3, 3] })).toEqual([]);
    expect(expandTestValue({ $repeat: ['ab', 3] })).toEqual(['ab', 'ab', 'ab']);
    expect(expandTestValue({ $join: [{ $repeat: ['ab', 3] }] })).toBe('ababab');
    expect(expandTestValue({ $join: [['a', 'b'], '-'] })).toBe('a-b');
    expect(expandTestValue({ $concat: [[1], { $range: [2, 4] }, [[5]]] })).toEqual([1, 2, 3, [5]]);
    expect(expandTestValue({ $zip: [{ $range: [0, 3] }, { $range: [1, 4] }, [7, 7, 7]] })).toEqual([
      [0, 1, 7],
      [1, 2, 7],
      [2, 3, 7],
    ]);
    expect(expandTestValue([{ $range: [0, 2] }, 5, { k: { $repeat: [null, 2] } }])).toEqual([
      [0, 1],
      5,
      { k: [null, null] },
    ]);
  });

  it('formats strings from a template, one per item, filling each {} in turn', () => {
    expect(expandTestValue({ $format: ['s{}', { $range: [8, 11] }] })).toEqual(['s8', 's9', 's10']);
    expect(
      expandTestValue({
        $format: [
          '{}-{}',
          [
            [1, 'a'],
            [2, 'b'],
          ],
        ],
      }),
    ).toEqual(['1-a', '2-b']);
    expect(expandTestValue({ $format: ['{}{}', [7]] })).toEqual(['77']);
    expect(testValueProblem({ $format: ['no placeholder', [1]] })).toMatch(/placeholders/);
    expect(testValueProblem({ $format: ['{}-{}', [[1]]] })).toMatch(/needs 2 strings or numbers/);
    expect(testValueProblem({ $format: ['{}', [[null]]] })).toMatch(/strings or numbers/);
  });

  it('makes each repeated value a separate copy', () => {
    const rows = expandTestValue({ $repeat: [[1, 2], 3] }) as number[][];
    rows[0]!.push(9);
    expect(rows).toEqual([
      [1, 2, 9],
      [1, 2],
      [1, 2],
    ]);
  });

  it('draws the same pseudo-random values from the same seed, within the bounds', () => {
    const spec = { $random: { seed: 42, count: 1000, min: -3, max: 3 } };
    const first = expandTestValue(spec) as number[];
    expect(expandTestValue(spec)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    expect(expandTestValue({ $random: { seed: 43, count: 1000, min: -3, max: 3 } })).not.toEqual(
      first,
    );
    const letters = expandTestValue({ $random: { seed: 7, count: 200, from: ['a', 'é', '😀'] } });
    expect(new Set(letters as string[])).toEqual(new Set(['a', 'é', '😀']));
  });

  it('is mulberry32, so any engine reproduces it from the documentation', () => {
    const next = createRandom(1);
    // The first three outputs of mulberry32(1), times 2^32.
    expect([next(), next(), next()].map((u) => u * 4294967296)).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
  });

  it('keeps a "$literal" value as written and a "__proto__" key as an ordinary key', () => {
    expect(expandTestValue({ $literal: { $range: [0, 2] } })).toEqual({ $range: [0, 2] });
    const value = JSON.parse('{"__proto__": {"$range": [0, 2]}}') as unknown;
    const expanded = expandTestValue(value) as Record<string, unknown>;
    expect(Object.keys(expanded)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(expanded)).toBe(Object.prototype);
    expect(JSON.stringify(expanded)).toBe('{"__proto__":[0,1]}');
  });

  it('names the place and the reason of a generator that cannot expand', () => {
    expect(testValueProblem([{ $range: [0, 3] }])).toBeNull();
    expect(testValueProblem([1, { $rnage: [0, 3] }])).toMatch(/^\[1\]\.\$rnage: unknown generator/);
    expect(testValueProblem({ $range: [0, 'a'] })).toMatch(/takes 2 to 3 integers/);
    expect(testValueProblem({ $range: [0, 3, 0] })).toMatch(/step must not be 0/);
    expect(testValueProblem({ $repeat: [1, -1] })).toMatch(/count must be an integer/);
    expect(testValueProblem({ $zip: [[1], [1, 2]] })).toMatch(/same length/);
    expect(testValueProblem({ $join: [[1, 2]] })).toMatch(/joins strings/);
    expect(testValueProblem({ $random: { seed: 1, count: 2, min: 5, max: 1 } })).toMatch(
      /min <= max/,
    );
    expect(testValueProblem({ $random: { seed: 1, count: 2, min: 1 } })).toMatch(/takes/);
    expect(testValueProblem({ $range: [0, MAX_GENERATED_ITEMS + 1] })).toMatch(/more than/);
    expect(
      testValueProblem({ $concat: [{ $range: [0, MAX_GENERATED_ITEMS] }, { $range: [0, 1] }] }),
    ).toMatch(/more than/);
  });
});
