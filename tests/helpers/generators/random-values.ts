/**
 * Small building blocks for input generators: every function takes the seeded `random`
 * (a function giving numbers in [0, 1)), so a generator's output depends on its seed alone.
 */
export type Random = () => number;

/** An integer in [low, high]. */
export const int = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

/** True with probability p. */
export const chance = (random: Random, p: number): boolean => random() < p;

/** One item of a non-empty list. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** A list of `length` items made by `make`. */
export const listOf = <T>(length: number, make: (index: number) => T): T[] =>
  Array.from({ length }, (_, index) => make(index));

/** A string of `length` characters (code points) drawn from `alphabet`. */
export const text = (random: Random, length: number, alphabet: readonly string[]): string =>
  listOf(length, () => pick(random, alphabet)).join('');

/** The list in a random order (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(random, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Characters that tell code points from UTF-16 units and code-point order from UTF-16
 * order: "～" (U+FF5E) sorts before "😀" (U+1F600) by code point but after it by UTF-16
 * unit; "e" + U+0301 is two code points; "é" is one.
 */
export const TRICKY_CHARS = ['a', 'b', 'B', 'é', '\u0301', '～', '😀', '😃'] as const;

/** Values that are not what a prompt asks for: booleans pass for numbers in Python. */
export const NOT_NUMBERS = [true, false, null, '1', 1.5, [], {}] as const;

/**
 * A random binary tree of `size` nodes as a level-order list with null for missing
 * children (children of a missing node not listed, trailing nulls dropped).
 */
export function levelOrderTree(random: Random, values: readonly number[]): (number | null)[] {
  if (values.length === 0) return [];
  type Node = { value: number; left: Node | null; right: Node | null };
  const root: Node = { value: values[0]!, left: null, right: null };
  const open: [Node, 'left' | 'right'][] = [
    [root, 'left'],
    [root, 'right'],
  ];
  for (const value of values.slice(1)) {
    const [parent, side] = open.splice(int(random, 0, open.length - 1), 1)[0]!;
    const node: Node = { value, left: null, right: null };
    parent[side] = node;
    open.push([node, 'left'], [node, 'right']);
  }
  const out: (number | null)[] = [root.value];
  const queue: Node[] = [root];
  for (let head = 0; head < queue.length; head++) {
    for (const child of [queue[head]!.left, queue[head]!.right]) {
      out.push(child ? child.value : null);
      if (child) queue.push(child);
    }
  }
  while (out[out.length - 1] === null) out.pop();
  return out;
}
