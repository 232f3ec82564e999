/**
 * Input generators for the coding family's graph, scheduling and cache questions: small
 * random graphs with parallel edges, cycles, zero weights and the odd invalid entry, job
 * lists with ties at the edges, and operation sequences that hit eviction ties.
 */
import { chance, int, listOf, NOT_NUMBERS, pick, shuffled, type Random } from './random-values';

type Generator = (random: Random) => unknown[];

/** Weighted one-way edges [from, to, weight] among n nodes, now and then a malformed one. */
function weightedEdges(random: Random, n: number, count: number): unknown[] {
  return listOf(count, () => {
    const edge: unknown[] = [int(random, 0, n - 1), int(random, 0, n - 1), int(random, 0, 9)];
    if (chance(random, 0.03)) edge[int(random, 0, 2)] = pick(random, [-1, n, ...NOT_NUMBERS]);
    if (chance(random, 0.02)) edge.pop();
    return edge;
  });
}

const STEP_NAMES = ['a', 'b', 'c', 'B', '～', '😀', '__proto__', 'constructor'];

function cacheOperations(random: Random): unknown[] {
  return [
    int(random, 0, 3),
    listOf(int(random, 0, 20), () =>
      chance(random, 0.5)
        ? ['put', int(random, -1, 4), int(random, -1, 9)]
        : ['get', int(random, -1, 4)],
    ),
  ];
}

export const codingGraphGenerators: Record<string, Generator> = {
  'cd-build-order': (random) => {
    const steps = shuffled(random, STEP_NAMES).slice(0, int(random, 0, STEP_NAMES.length));
    const name = () => (steps.length && chance(random, 0.96) ? pick(random, steps) : 'missing');
    const forward = chance(random, 0.6);
    const dependencies = listOf(int(random, 0, 8), () => {
      const [a, b] = [name(), name()];
      return forward && steps.indexOf(b) < steps.indexOf(a) ? [b, a] : [a, b];
    });
    return [steps, dependencies];
  },
  'cd-model-rollout-time': (random) => {
    const n = chance(random, 0.95) ? int(random, 1, 7) : 0;
    const source = chance(random, 0.95)
      ? int(random, 0, Math.max(0, n - 1))
      : pick(random, [n, true]);
    return [n, weightedEdges(random, Math.max(n, 1), int(random, 0, 12)), source];
  },
  'cd-toll-vouchers': (random) => {
    const n = chance(random, 0.95) ? int(random, 1, 7) : 0;
    const junction = () => int(random, 0, Math.max(0, n - 1));
    const vouchers = chance(random, 0.95) ? int(random, 0, 3) : pick(random, [-1, true, 1.5]);
    return [
      n,
      weightedEdges(random, Math.max(n, 1), int(random, 0, 12)),
      junction(),
      junction(),
      vouchers,
    ];
  },
  'cd-gpu-job-scheduler': (random) => {
    const starts = shuffled(
      random,
      listOf(16, (i) => i),
    ).slice(0, int(random, 0, 10));
    return [int(random, 1, 4), starts.map((start) => [start, int(random, 1, 8)])];
  },
  'cd-lfu-cache': cacheOperations,
  'cd-lru-cache': cacheOperations,
};
