/**
 * Content is checked at every start-up without expanding its generated values
 * (`testValueProblem` follows the expander on shapes), so the checker must agree with the
 * expander: on thousands of random generator trees, small enough to expand, the one
 * refuses exactly what the other cannot expand, with the same message.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, expandTestValue, TestValueError } from '../../shared/src/test-input';
import { testValueProblem } from '../../shared/src/test-input-check';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const small = (random: Random) => Math.floor(random() * 5);

/** A random value: mostly well-formed generators, sometimes a wrong argument. */
function tree(random: Random, depth: number): unknown {
  const leaf = () =>
    pick(random, [
      () => small(random),
      () => pick(random, ['a', 'bc', 'xyz', '']),
      () => null,
      () => true,
      () => [small(random), small(random)],
      () => ['p', 'q'],
      () => [['a', 1]],
    ])();
  if (depth <= 0 || random() < 0.25) return leaf();
  const sub = () => tree(random, depth - 1);
  const list = () =>
    random() < 0.5 ? Array.from({ length: small(random) }, sub) : { $range: [0, small(random)] };
  switch (Math.floor(random() * 9)) {
    case 0:
      return { $range: random() < 0.9 ? [small(random), small(random) + 3] : [0, 'x'] };
    case 1:
      return { $repeat: [sub(), random() < 0.9 ? small(random) : -1] };
    case 2:
      return { $concat: Array.from({ length: small(random) }, list) };
    case 3:
      return { $join: random() < 0.5 ? [list()] : [list(), pick(random, ['-', '', 3])] };
    case 4:
      return { $zip: Array.from({ length: 1 + small(random) }, list) };
    case 5:
      return { $format: [pick(random, ['{}', 'n{}', '{}-{}', 'none']), list()] };
    case 6:
      return random() < 0.5
        ? { $random: { seed: small(random), count: small(random), min: 0, max: small(random) } }
        : { $random: { seed: 1, count: small(random), from: list() } };
    case 7:
      return [sub(), sub()];
    default:
      return { $literal: sub() };
  }
}

function expandProblem(value: unknown): string | null {
  try {
    expandTestValue(value);
    return null;
  } catch (error) {
    if (error instanceof TestValueError) return error.message;
    throw error;
  }
}

describe('checking generated values without expanding them', () => {
  it('agrees with expanding them on 20,000 random trees', () => {
    const random = createRandom(Number(process.env.TEST_INPUT_SEED ?? 20_261_206));
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = tree(random, 4);
      const expected = expandProblem(value);
      if (expected) refused++;
      expect(testValueProblem(value), JSON.stringify(value)).toBe(expected);
    }
    // Both outcomes were exercised.
    expect(refused).toBeGreaterThan(1_000);
    expect(refused).toBeLessThan(19_000);
  });

  it('checks a value of a million items in far less time than expanding it', () => {
    const value = {
      $zip: [
        { $format: ['c{}', { $range: [0, 500_000] }] },
        { $random: { seed: 7, count: 500_000, min: 0, max: 9 } },
      ],
    };
    expect(testValueProblem(value)).toBeNull();
    expect(testValueProblem({ $concat: [value, value, value] })).toMatch(/more than/);
  });
});
