/**
 * Random inputs for the ML-coding questions (`rounds/content/questions/ml-coding.yaml`):
 * for each question id, a function that turns a seeded `random()` in [0, 1) into the
 * positional arguments of one valid call. Sizes stay small so both reference solutions run
 * fast, and edge cases (empty input, a single class, ties, masked rows, k larger than n,
 * logits of ±1000) come up often enough that ~100 draws exercise them.
 */

type Random = () => number;

/** An integer in [lo, hi], both ends included. */
function int(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

/** A number with at most two decimals in [lo, hi]: realistic, and ties still happen. */
function decimal(random: Random, lo: number, hi: number): number {
  return Math.round((lo + random() * (hi - lo)) * 100) / 100;
}

function seed32(random: Random): number {
  return pick(random, [0, 1, 4294967295, Math.floor(random() * 4294967296)]);
}

function matrix(random: Random, rows: number, cols: number, make: () => number): number[][] {
  return times(rows, () => times(cols, make));
}

function binaryLabels(random: Random, n: number): number[] {
  const mode = random();
  if (mode < 0.05) return times(n, () => 1); // a single class
  if (mode < 0.1) return times(n, () => 0);
  return times(n, () => int(random, 0, 1));
}

/** Scores with many ties (small integers) or with few (two decimals). */
function scores(random: Random, n: number): number[] {
  return chance(random, 0.5)
    ? times(n, () => int(random, -2, 3))
    : times(n, () => decimal(random, -1, 1));
}

const ITEM_POOL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'constructor', 'toString', 'x1', 'x2'];

function distinctItems(random: Random, count: number): string[] {
  const pool = [...ITEM_POOL];
  const items: string[] = [];
  while (items.length < count && pool.length > 0) {
    items.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as string);
  }
  return items;
}

const WORDS = ['the', 'Cat', 'cat', 'DOG', 'constructor', 'toString', 'ML', 'data', '42', 'café'];
const SEPARATORS = [' ', ' ', ', ', '! ', "'", '-', ' @ ', '\n', '…', 'é'];

function document(random: Random): string {
  if (chance(random, 0.1)) return pick(random, ['', '...', '  !! ']);
  return times(int(random, 1, 8), () => pick(random, WORDS) + pick(random, SEPARATORS)).join('');
}

const SYMBOLS = ['a', 'b', 'c', 'ab', 'bc', 'A', '<', '>'];

export const mlCodingGenerators: Record<string, (random: Random) => unknown[]> = {
  'mlc-kmeans': (random) => {
    const n = chance(random, 0.05) ? 0 : int(random, 1, 10);
    const d = int(random, 1, 3);
    const points = matrix(random, n, d, () =>
      chance(random, 0.7) ? int(random, -3, 3) : decimal(random, -5, 5),
    );
    if (n > 1 && chance(random, 0.2)) points[1] = [...(points[0] as number[])]; // duplicate seeds
    const k = chance(random, 0.05) ? n + 1 : int(random, n === 0 ? 0 : 1, Math.max(1, n));
    const iterations = chance(random, 0.05) ? 0 : pick(random, [1, 2, 5, 20, 100]);
    return [points, k, iterations];
  },

  'mlc-logistic-regression-gd': (random) => {
    const n = int(random, 0, 8);
    const d = int(random, 1, 3);
    const large = chance(random, 0.15);
    const X = matrix(random, n, d, () =>
      large ? decimal(random, -1000, 1000) : decimal(random, -3, 3),
    );
    const y = binaryLabels(random, chance(random, 0.05) ? n + 1 : n);
    return [X, y, pick(random, [0.01, 0.1, 0.5, 1]), int(random, 0, 60)];
  },

  'mlc-linear-regression-closed-form': (random) => {
    const d = int(random, 1, 3);
    const n = chance(random, 0.05) ? 0 : chance(random, 0.1) ? 1 : int(random, d + 1, 9);
    const X = matrix(random, n, d, () => int(random, -4, 6));
    if (d > 1 && chance(random, 0.1)) for (const row of X) row[1] = 2 * (row[0] as number); // collinear
    if (chance(random, 0.1)) for (const row of X) row[0] = 3; // constant feature
    const y = times(chance(random, 0.05) ? n + 1 : n, () => decimal(random, -10, 10));
    const alpha = chance(random, 0.05) ? -1 : pick(random, [0, 0, 0.5, 2, decimal(random, 0, 5)]);
    return [X, y, alpha];
  },

  'mlc-softmax-cross-entropy': (random) => {
    const n = chance(random, 0.05) ? 0 : int(random, 1, 4);
    const classes = int(random, 1, 4);
    const logits = matrix(random, n, classes, () =>
      chance(random, 0.2) ? pick(random, [1000, -1000, 710, -745]) : decimal(random, -5, 5),
    );
    const labels = times(n, () => int(random, 0, classes - 1));
    if (n > 0 && chance(random, 0.05)) labels[0] = pick(random, [-1, classes]);
    return [logits, labels];
  },

  'mlc-scaled-dot-product-attention': (random) => {
    const n = int(random, 0, 3);
    const m = int(random, 1, 4);
    const d = int(random, 1, 3);
    const valueDims = int(random, 1, 3);
    const scale = chance(random, 0.2) ? 300 : 2;
    const Q = matrix(random, n, d, () => decimal(random, -scale, scale));
    const K = matrix(random, m, d, () => decimal(random, -scale, scale));
    const V = matrix(random, m, valueDims, () => decimal(random, -5, 5));
    const mask = chance(random, 0.4)
      ? null
      : times(n, () =>
          chance(random, 0.2) ? times(m, () => false) : times(m, () => chance(random, 0.6)),
        );
    return [Q, K, V, mask];
  },

  'mlc-roc-auc': (random) => {
    const n = chance(random, 0.05) ? 0 : int(random, 2, 14);
    return [binaryLabels(random, n), scores(random, chance(random, 0.05) ? n + 1 : n)];
  },

  'mlc-average-precision': (random) => {
    const n = chance(random, 0.05) ? 0 : int(random, 2, 14);
    return [binaryLabels(random, n), scores(random, chance(random, 0.05) ? n + 1 : n)];
  },

  'mlc-ndcg-at-k': (random) => {
    const ranked = distinctItems(random, int(random, 0, 6));
    const relevance: Record<string, number> = {};
    for (const item of distinctItems(random, int(random, 0, 6)))
      relevance[item] = int(random, 0, 4);
    return [ranked, relevance, int(random, 0, 8)];
  },

  'mlc-map-at-k': (random) => {
    const users = int(random, 0, 4);
    const ranked = times(users, () => distinctItems(random, int(random, 0, 6)));
    const relevant = times(chance(random, 0.05) ? users + 1 : users, () =>
      distinctItems(random, int(random, 0, 4)),
    );
    return [ranked, relevant, int(random, 0, 7)];
  },

  'mlc-confusion-matrix-f1': (random) => {
    const n = int(random, 0, 12);
    const labels = pick(random, [
      [0, 1],
      [0, 1, 2],
      [-1, 2, 10],
      [3, 7, 9, 12],
    ]);
    const yTrue = times(n, () => pick(random, labels));
    const yPred = times(chance(random, 0.05) ? n + 1 : n, () => pick(random, labels));
    return [yTrue, yPred];
  },

  'mlc-knn-classifier': (random) => {
    const n = chance(random, 0.05) ? 0 : int(random, 1, 8);
    const d = int(random, 1, 3);
    const train = matrix(random, n, d, () => int(random, -2, 2));
    const labels = times(chance(random, 0.05) ? n + 1 : n, () => int(random, -1, 3));
    const queries = matrix(random, int(random, 0, 3), d, () =>
      chance(random, 0.8) ? int(random, -2, 2) : decimal(random, -2, 2),
    );
    return [
      train,
      labels,
      queries,
      chance(random, 0.05) ? int(random, -1, 0) : int(random, 1, n + 2),
    ];
  },

  'mlc-gini-best-split': (random) => {
    const n = int(random, 0, 12);
    const values = times(n, () =>
      chance(random, 0.8) ? int(random, 0, 5) : decimal(random, -3, 3),
    );
    const classSets: (string | number)[][] = [
      ['a', 'b'],
      ['a', 'b', 'constructor'],
      [0, 1, 2],
    ];
    const classes = pick(random, classSets);
    const labels = times(chance(random, 0.05) ? n + 1 : n, () => pick(random, classes));
    return [values, labels];
  },

  'mlc-tf-idf': (random) => [times(int(random, 0, 5), () => document(random))],

  'mlc-stratified-split': (random) => {
    const n = int(random, 0, 20);
    const classes = pick(random, [[1], [0, 1], [0, 1, 2], [-3, 2, 10]]);
    const labels = times(n, () => pick(random, classes));
    const percent = chance(random, 0.1) ? pick(random, [-5, 101]) : int(random, 0, 100);
    return [labels, percent];
  },

  'mlc-reservoir-sampling': (random) => {
    const length = int(random, 0, 40);
    const stream = chance(random, 0.5)
      ? times(length, (index) => index)
      : times(length, (index) => `item${index}`);
    return [stream, chance(random, 0.05) ? -1 : int(random, 0, 8), seed32(random)];
  },

  'mlc-bootstrap-ci': (random) => {
    const values = times(chance(random, 0.05) ? 0 : int(random, 1, 12), () =>
      chance(random, 0.5) ? int(random, 0, 1) : decimal(random, -10, 100),
    );
    const resamples = chance(random, 0.05) ? 0 : int(random, 1, 300);
    const confidence = chance(random, 0.05)
      ? pick(random, [0, 1])
      : pick(random, [0.5, 0.8, 0.9, 0.95, 0.99, decimal(random, 0.01, 0.99)]);
    return [values, resamples, confidence, seed32(random)];
  },

  'mlc-bpe-merges': (random) => {
    const words = times(int(random, 0, 5), () => [
      times(int(random, 1, 6), () => pick(random, SYMBOLS)),
      int(random, 1, 5),
    ]);
    return [words, int(random, 0, 6)];
  },
};
