/**
 * Generated test values: a compact notation for the large inputs (and outputs) of a
 * coding question's test cases, so a case of 200,000 numbers is one short line in the
 * question file and in the loop view. Pure and dependency-free: the browser's test runner
 * and Node's reference harness both expand a case with `expandTestValue`, so they see the
 * same values, element for element.
 *
 * A test value is JSON in which an object with exactly one key, starting with `$`, is a
 * generator. Its argument is expanded first (generators nest), then:
 *
 * | generator                                          | expands to                                   |
 * | -------------------------------------------------- | -------------------------------------------- |
 * | `{"$range": [start, stop]}`, `[start, stop, step]` | the integers start, start+step, … before stop (step ≠ 0, default 1) |
 * | `{"$repeat": [value, count]}`                      | a list of `count` separate copies of value   |
 * | `{"$concat": [list, list, …]}`                     | the lists joined end to end                  |
 * | `{"$join": [list]}`, `[list, separator]`           | a list of strings joined into one string     |
 * | `{"$zip": [list, list, …]}`                        | rows `[a[i], b[i], …]` of equally long lists |
 * | `{"$format": [template, list]}`                    | one string per item: each `{}` in the template replaced by the item, or by the item's successive elements when it is a list |
 * | `{"$random": {seed, count, min, max}}`             | `count` integers, each uniform in [min, max] |
 * | `{"$random": {seed, count, from: [v, …]}}`         | `count` items, each drawn uniformly from the list |
 * | `{"$literal": value}`                              | value exactly as written, never expanded     |
 *
 * `$random` draws from mulberry32 (below) seeded with `seed`, a 32-bit unsigned integer: the
 * i-th draw u_i in [0, 1) gives `min + floor(u_i × (max − min + 1))`, or `from[floor(u_i ×
 * from.length)]`. Everything is integer arithmetic on 32-bit words, so every JavaScript
 * engine produces the same sequence. Nothing expands to more than `MAX_GENERATED_ITEMS`
 * items in all; a malformed generator throws a `TestValueError` naming where it is.
 */

/** Most items (list elements and string characters) one test value may expand to. */
export const MAX_GENERATED_ITEMS = 2_000_000;

/** A generator that cannot be expanded: `path` says where it is in the value. */
export class TestValueError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || 'value'}: ${message}`);
    this.name = 'TestValueError';
  }
}

/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's), fully specified by its seed.
 * Returns a function giving the next number in [0, 1) on each call.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GENERATORS = [
  '$range',
  '$repeat',
  '$concat',
  '$join',
  '$zip',
  '$format',
  '$random',
  '$literal',
];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** The generator's name when `value` is one (an object with exactly one `$` key). */
export function generatorName(value: unknown): string | null {
  if (!isPlainObject(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]!.startsWith('$') ? keys[0]! : null;
}

/** Whether a value contains any generator (so it needs expanding). */
export function hasGenerator(value: unknown): boolean {
  if (generatorName(value) !== null) return true;
  if (Array.isArray(value)) return value.some(hasGenerator);
  if (isPlainObject(value)) return Object.values(value).some(hasGenerator);
  return false;
}

/** The budget of generated items of one value, shared by expanding and checking it. */
export class ItemBudget {
  private items = 0;

  /** Counts `n` more generated items against the budget. */
  protected spend(n: number, path: string): void {
    this.items += n;
    if (this.items > MAX_GENERATED_ITEMS)
      throw new TestValueError(path, `expands to more than ${MAX_GENERATED_ITEMS} items`);
  }
}

class Expander extends ItemBudget {
  expand(value: unknown, path: string): unknown {
    const name = generatorName(value);
    if (name !== null) return this.generate(name, (value as Record<string, unknown>)[name], path);
    if (Array.isArray(value)) return value.map((item, i) => this.expand(item, `${path}[${i}]`));
    if (isPlainObject(value)) {
      const entries = Object.keys(value).map((key): [string, unknown] => [
        key,
        this.expand(value[key], `${path}.${key}`),
      ]);
      return dataObject(entries);
    }
    return value;
  }

  private generate(name: string, raw: unknown, outer: string): unknown {
    const path = `${outer}.${name}`;
    if (name === '$literal') return copyJson(raw);
    if (!GENERATORS.includes(name))
      throw new TestValueError(path, `unknown generator (known: ${GENERATORS.join(', ')})`);
    const arg = this.expand(raw, path);
    switch (name) {
      case '$range': {
        const { start, step, count } = rangeArgs(arg, path);
        this.spend(count, path);
        return Array.from({ length: count }, (_, i) => start + i * step);
      }
      case '$repeat': {
        const [value, times] = repeatArgs(arg, path);
        this.spend(times, path);
        const copies: unknown[] = [];
        for (let i = 0; i < times; i++) copies.push(i === 0 ? value : copyJson(value));
        return copies;
      }
      case '$concat': {
        const lists = listOf(arg, path);
        lists.forEach((list, i) => listOf(list, `${path}[${i}]`));
        return (lists as unknown[][]).flat(1);
      }
      case '$join': {
        const [list, separator] = joinArgs(arg, path);
        const strings = listOf(list, `${path}[0]`);
        if (!strings.every((s) => typeof s === 'string') || typeof separator !== 'string')
          throw joinsStrings(path);
        const text = (strings as string[]).join(separator);
        this.spend(text.length, path);
        return text;
      }
      case '$zip': {
        const lists = listOf(arg, path).map((list, i) => listOf(list, `${path}[${i}]`));
        const length = lists[0]?.length ?? 0;
        if (lists.some((list) => list.length !== length))
          throw new TestValueError(path, 'lists must have the same length');
        this.spend(length, path);
        return Array.from({ length }, (_, i) => lists.map((list) => list[i]));
      }
      case '$format': {
        const { pieces, items } = formatArgs(arg, path);
        const text = (item: unknown, i: number): string => {
          const fills = Array.isArray(item) ? item : pieces.slice(1).map(() => item);
          if (fills.length !== pieces.length - 1 || !fills.every(isScalar))
            throw misfit(path, i, pieces.length - 1);
          return pieces.reduce((out, piece, k) => `${out}${String(fills[k - 1])}${piece}`);
        };
        const strings = listOf(items, `${path}[1]`).map(text);
        this.spend(strings.length, path);
        return strings;
      }
      case '$random':
        return this.random(arg, path);
    }
    throw new TestValueError(path, 'unknown generator');
  }

  private random(arg: unknown, path: string): unknown[] {
    const args = randomArgs(arg, path);
    const { count } = args;
    this.spend(count, path);
    const next = createRandom(args.seed);
    if ('from' in args) {
      const choices = listOf(args.from, `${path}.from`);
      if (choices.length === 0) throw new TestValueError(path, 'from must not be empty');
      return Array.from({ length: count }, () =>
        copyJson(choices[Math.floor(next() * choices.length)]),
      );
    }
    const span = args.max - args.min + 1;
    return Array.from({ length: count }, () => args.min + Math.floor(next() * span));
  }
}

/** A deep copy of a JSON value, keeping a key named "__proto__" as an ordinary key. */
export function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (isPlainObject(value))
    return dataObject(Object.keys(value).map((k) => [k, copyJson(value[k])]));
  return value;
}

/** An object with these own properties, defined as data (never through a setter). */
export function dataObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';

export const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

export function listOf(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new TestValueError(path, 'expected a list');
  return value;
}

export function pair(value: unknown, path: string): [unknown, unknown] {
  const list = listOf(value, path);
  if (list.length !== 2) throw new TestValueError(path, 'takes [value, count]');
  return [list[0], list[1]];
}

function numbers(value: unknown, path: string, min: number, max: number): number[] {
  const list = listOf(value, path);
  if (list.length < min || list.length > max || !list.every((n) => Number.isSafeInteger(n)))
    throw new TestValueError(path, `takes ${min} to ${max} integers`);
  return list as number[];
}

// ------------------------------------------------------------------ arguments
// The rules of each generator's arguments, shared with the checker (test-input-check.ts).

/** `$range`'s arguments and how many integers it gives. */
export function rangeArgs(
  arg: unknown,
  path: string,
): { start: number; step: number; count: number } {
  const [start = 0, stop = 0, step = 1] = numbers(arg, path, 2, 3);
  if (step === 0) throw new TestValueError(path, 'step must not be 0');
  return { start, step, count: Math.max(0, Math.ceil((stop - start) / step)) };
}

/** `$repeat`'s value and count. */
export function repeatArgs(arg: unknown, path: string): [unknown, number] {
  const [value, count] = pair(arg, path);
  if (!isCount(count)) throw new TestValueError(path, 'count must be an integer >= 0');
  return [value, count];
}

/** `$join`'s list and separator (the list's items are checked by the caller). */
export function joinArgs(arg: unknown, path: string): [unknown, unknown] {
  const parts = listOf(arg, path);
  if (parts.length < 1 || parts.length > 2)
    throw new TestValueError(path, 'takes [list] or [list, separator]');
  return [parts[0], parts[1] ?? ''];
}

export const joinsStrings = (path: string) =>
  new TestValueError(path, 'joins strings with a string separator');

/** `$format`'s template, its pieces around the placeholders, and the list to fill it from. */
export function formatArgs(arg: unknown, path: string): { pieces: string[]; items: unknown } {
  const [template, items] = pair(arg, path);
  if (typeof template !== 'string' || !template.includes('{}'))
    throw new TestValueError(path, 'takes [template with {} placeholders, list]');
  return { pieces: template.split('{}'), items };
}

export const misfit = (path: string, index: number, holes: number) =>
  new TestValueError(
    `${path}[1][${index}]`,
    `needs ${holes} strings or numbers to fill the template`,
  );

/** `$random`'s arguments: integers in [min, max], or picks `from` a list. */
export function randomArgs(
  arg: unknown,
  path: string,
): { seed: number; count: number } & ({ from: unknown } | { min: number; max: number }) {
  if (!isPlainObject(arg)) throw new TestValueError(path, 'takes {seed, count, min, max}');
  const { seed, count, min, max, from } = arg;
  const keys = Object.keys(arg).sort().join(',');
  if (keys !== 'count,max,min,seed' && keys !== 'count,from,seed')
    throw new TestValueError(path, 'takes {seed, count, min, max} or {seed, count, from}');
  if (!isCount(seed) || seed > 0xffffffff)
    throw new TestValueError(path, 'seed must be an integer in [0, 2^32)');
  if (!isCount(count)) throw new TestValueError(path, 'count must be an integer >= 0');
  if (from !== undefined) return { seed, count, from };
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || (min as number) > (max as number))
    throw new TestValueError(path, 'min and max must be integers with min <= max');
  return { seed, count, min: min as number, max: max as number };
}

/** The value with every generator expanded; plain values come back as they are. */
export function expandTestValue(value: unknown): unknown {
  return hasGenerator(value) ? new Expander().expand(value, '') : value;
}
