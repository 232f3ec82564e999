/**
 * Input generators for the coding family's questions, keyed by question id: each returns
 * the positional arguments of one call. They aim at the edges the prompts define — empty
 * inputs, duplicates, ties, zeros, invalid values, characters outside ASCII — so the
 * Python and JavaScript references are compared where they are most likely to differ.
 * Small sizes keep a hundred calls per question fast; the question's own tests cover size.
 */
import { codingGraphGenerators } from './coding-graphs';
import {
  chance,
  int,
  levelOrderTree,
  listOf,
  NOT_NUMBERS,
  pick,
  shuffled,
  text,
  TRICKY_CHARS,
  type Random,
} from './random-values';

type Generator = (random: Random) => unknown[];

const maybeInvalid = (random: Random, valid: unknown): unknown =>
  chance(random, 0.08) ? pick(random, NOT_NUMBERS) : valid;

function box(random: Random): unknown {
  const coordinate = () => (chance(random, 0.2) ? int(random, -8, 8) / 2 : int(random, -3, 3));
  const [x1, x2] = [coordinate(), coordinate()].sort((a, b) => a - b);
  const [y1, y2] = [coordinate(), coordinate()].sort((a, b) => a - b);
  const corners = chance(random, 0.1) ? [x2, y1, x1, y2] : [x1, y1, x2, y2];
  if (chance(random, 0.05)) return corners.slice(0, 3);
  return corners.map((value) => maybeInvalid(random, value));
}

function linkedListPool(random: Random): unknown[] {
  const size = int(random, 0, 10);
  const values = listOf(size, () => int(random, -1, 3));
  const next = listOf(size, () => int(random, -1, size - 1));
  const onList = shuffled(
    random,
    listOf(size, (i) => i),
  ).slice(0, int(random, 0, size));
  onList.forEach((node, i) => (next[node] = onList[i + 1] ?? -1));
  return [values, next, onList[0] ?? -1];
}

const SMALL_VALUES = [-2, -1, 0, 0, 1, 2, 3];
const NAMES = ['a', 'b', 'B', 'é', '～', '😀', '__proto__', 'constructor', 'toString'];

function purchaseRecord(random: Random): unknown {
  const roll = random();
  if (roll < 0.06) return pick(random, [null, 'o1,tea', ['o1', 'tea'], 7]);
  const record: Record<string, unknown> = {};
  if (roll > 0.1) record.order_id = pick(random, ['o1', 'o2', 'o3', '__proto__', '', 5]);
  if (roll < 0.94) record.item = pick(random, [...NAMES, '', null]);
  return record;
}

function categoryRecord(random: Random): unknown {
  if (chance(random, 0.05)) return pick(random, [null, 'books,1,1', ['books', 1, 1]]);
  const record: Record<string, unknown> = {
    category: pick(random, ['books', 'Books', '__proto__', 'constructor', '', 7, 'é']),
    price_cents: chance(random, 0.85)
      ? pick(random, [0, 1, 3, 99, 207, 1000000, int(random, 1, 999)])
      : pick(random, [-1, 1000001, 12.5, '10', true, null]),
    quantity: chance(random, 0.9)
      ? pick(random, [1, 1, 2, 3, 1000])
      : pick(random, [0, 1001, 1.5, true]),
  };
  if (chance(random, 0.7))
    record.discount_pct = chance(random, 0.9)
      ? pick(random, [0, 5, 15, 33, 50, 50, 75, 99, 100])
      : pick(random, [101, -1, null, true, 2.5]);
  return record;
}

function latencyLine(random: Random): unknown {
  if (chance(random, 0.04)) return pick(random, [null, 120, ['a']]);
  const separator = () =>
    chance(random, 0.85)
      ? pick(random, [' ', ' ', '  ', '\t', '\v', '\f', '\r'])
      : pick(random, ['\u00a0', '\u0085', '\u001c', '\u2003', '\u3000']);
  const service = pick(random, ['search', 'ranker-v2', 'constructor', 'Search', 'sëarch', 'a_b']);
  const digits = chance(random, 0.8)
    ? String(int(random, 0, 2000))
    : pick(random, ['007', '١٢', '１２', '²', '12.5', '-3', '', '1234567890', '999999999']);
  const latency = `${digits}${chance(random, 0.92) ? 'ms' : pick(random, ['', 'MS', 's'])}`;
  const status = chance(random, 0.85)
    ? String(pick(random, [200, 404, 503, 100, 599]))
    : pick(random, ['600', '20', '２００', 'OK']);
  const fields = ['2026-03-01T10:00:00Z', service, latency, status];
  if (chance(random, 0.05)) fields.pop();
  const edge = () =>
    chance(random, 0.15) ? pick(random, [' ', '\t', '\n', '\u00a0', '\ufeff']) : '';
  return `${edge()}${fields.map((f, i) => (i ? separator() : '') + f).join('')}${edge()}`;
}

export const codingGenerators: Record<string, Generator> = {
  ...codingGraphGenerators,
  'cd-iou': (random) => [box(random), box(random)],
  'cd-dedupe-linked-list': linkedListPool,
  'cd-balanced-tree': (random) => {
    const size = chance(random, 0.1) ? int(random, 3, 40) : int(random, 0, 12);
    const tree = levelOrderTree(
      random,
      listOf(size, () => pick(random, SMALL_VALUES)),
    );
    return [chance(random, 0.05) ? [null] : tree];
  },
  'cd-string-permutations': (random) => [text(random, int(random, 0, 6), TRICKY_CHARS)],
  'cd-bought-together': (random) => [listOf(int(random, 0, 14), () => purchaseRecord(random))],
  'cd-longest-k-distinct': (random) => [
    text(random, int(random, 0, 24), TRICKY_CHARS.slice(0, int(random, 1, TRICKY_CHARS.length))),
    int(random, -1, 5),
  ],
  'cd-category-stats': (random) => [listOf(int(random, 0, 12), () => categoryRecord(random))],
  'cd-knapsack': (random) => {
    const size = int(random, 0, 8);
    const weights: unknown[] = listOf(size, () => int(random, 0, 10));
    const values: unknown[] = listOf(size, () => int(random, 0, 20));
    if (chance(random, 0.1)) weights.push(int(random, 0, 5));
    if (chance(random, 0.1) && size > 0) weights[0] = pick(random, [-1, true, 1.5, '2']);
    if (chance(random, 0.1) && size > 0) values[size - 1] = pick(random, [-3, false, 0.5]);
    const capacity = chance(random, 0.9) ? int(random, 0, 25) : pick(random, [-1, true, 2.5]);
    return [weights, values, capacity];
  },
  'cd-lowest-common-ancestor': (random) => {
    const values = shuffled(
      random,
      listOf(20, (i) => i - 4),
    ).slice(0, int(random, 0, 14));
    const tree = levelOrderTree(random, values);
    const someValue = () => (values.length && chance(random, 0.85) ? pick(random, values) : 99);
    return [tree, someValue(), someValue()];
  },
  'cd-edit-distance': (random) => [
    text(random, int(random, 0, 10), TRICKY_CHARS.slice(0, 5)),
    text(random, int(random, 0, 10), TRICKY_CHARS.slice(0, 5)),
  ],
  'cd-first-regressed-version': (random) => {
    const versions = int(random, 0, 10);
    const thresholds: unknown[] = listOf(versions, () => int(random, 0, 10) / 10).sort(
      (a, b) => a - b,
    );
    const scores: unknown[] = listOf(int(random, 0, 8), () => int(random, 0, 10) / 10);
    if (chance(random, 0.08) && versions > 1) thresholds.reverse();
    if (chance(random, 0.08) && versions > 0) thresholds[0] = pick(random, NOT_NUMBERS);
    if (chance(random, 0.08)) scores.push(pick(random, NOT_NUMBERS));
    const minCaught = chance(random, 0.9) ? int(random, 0, 9) : pick(random, [-1, 1.5, true]);
    return [thresholds, scores, minCaught];
  },
  'cd-parse-latency-log': (random) => [listOf(int(random, 0, 12), () => latencyLine(random))],
  'cd-alien-dictionary': (random) => {
    const alphabet = shuffled(random, ['a', 'b', 'c', 'B', '～', '😀']).slice(0, int(random, 1, 6));
    const rank = (word: string) => [...word].map((c) => alphabet.indexOf(c));
    const compare = (x: string, y: string) => {
      const [a, b] = [rank(x), rank(y)];
      for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    const words = listOf(int(random, 0, 7), () => text(random, int(random, 0, 4), alphabet));
    words.sort(compare);
    if (chance(random, 0.15) && words.length > 1) words.reverse();
    if (chance(random, 0.1) && words.length > 0) words.push(words[0]!.slice(0, -1));
    return [words];
  },
  'cd-word-search-grid': (random) => {
    const [height, width] = [int(random, 1, 4), int(random, 0, 4)];
    const rows = listOf(height, () => text(random, width, ['a', 'b', '1']));
    const walk = () => {
      if (width === 0) return 'a';
      let [r, c] = [int(random, 0, height - 1), int(random, 0, width - 1)];
      let word = '';
      for (let step = int(random, 1, 6); step > 0; step--) {
        word += rows[r]![c]!;
        [r, c] = pick(random, [
          [Math.max(0, r - 1), c],
          [Math.min(height - 1, r + 1), c],
          [r, Math.max(0, c - 1)],
          [r, Math.min(width - 1, c + 1)],
        ]);
      }
      return word;
    };
    const words = listOf(int(random, 0, 8), () =>
      chance(random, 0.6) ? walk() : text(random, int(random, 1, 5), ['a', 'b', '1', 'z']),
    );
    return [rows, words];
  },
  'cd-regex-match': (random) => {
    const elements = ['a', 'b', '.', '😀', '+', '\n'];
    let pattern = '';
    for (let i = int(random, 0, 5); i > 0; i--)
      pattern += pick(random, elements) + (chance(random, 0.4) ? '*' : '');
    if (chance(random, 0.06)) pattern = `*${pattern}`;
    if (chance(random, 0.06)) pattern += 'a**';
    return [text(random, int(random, 0, 6), ['a', 'b', '😀', '+', '\n']), pattern];
  },
  'cd-first-bracket-error': (random) => [
    text(random, int(random, 0, 16), ['(', ')', '[', ']', '{', '}', 'a', '😀']),
  ],
  'cd-pair-for-budget': (random) => [
    listOf(int(random, 0, 10), () => int(random, 0, 10)),
    int(random, 0, 20),
  ],
  'cd-common-free-slots': (random) => {
    const interval = () => {
      const start = int(random, -2, 20);
      return [start, start + int(random, 1, 6)];
    };
    const calendars = listOf(int(random, 0, 3), () => listOf(int(random, 0, 4), interval));
    const dayStart = int(random, 0, 10);
    return [calendars, dayStart, dayStart + int(random, 0, 12), int(random, 1, 4)];
  },
  'cd-outage-clusters': (random) => {
    const [height, width] = [int(random, 0, 5), int(random, 0, 6)];
    const density = random();
    const rows = listOf(height, () =>
      listOf(width, () => (chance(random, density) ? '#' : '.')).join(''),
    );
    if (chance(random, 0.05) && height > 0) rows[0] += '#';
    if (chance(random, 0.05) && height > 0) rows[height - 1] = `x${rows[height - 1]!.slice(1)}`;
    return [rows];
  },
  'cd-top-products-by-buyers': (random) => {
    const record = () =>
      chance(random, 0.06)
        ? pick(random, [null, 'c1,tea', ['c1'], ['c1', ''], ['c1', 'tea', 'x'], ['c1', 3]])
        : [pick(random, ['c1', 'c2', 'c3', 'c4']), pick(random, NAMES)];
    return [listOf(int(random, 0, 14), record), int(random, 0, 5)];
  },
  'cd-longest-improving-run': (random) => [
    listOf(int(random, 0, 14), () =>
      chance(random, 0.2) ? int(random, 0, 20) / 4 : int(random, -2, 6),
    ),
  ],
};
