/**
 * Every input generator, keyed by question id: one registry per question family, merged
 * here. A family's registry has the type `InputGenerator` per id; add its import and its
 * entry to `REGISTRIES` when it exists.
 */
import type { Random } from './random-values';
import { codingGenerators } from './coding';
import { mlCodingGenerators } from './ml-coding';

/** Positional arguments of one call, drawn from the seeded `random` (numbers in [0, 1)). */
export type InputGenerator = (random: Random) => unknown[];

const REGISTRIES: Record<string, Record<string, InputGenerator>> = {
  coding: codingGenerators,
  'ml-coding': mlCodingGenerators,
};

function merged(registries: typeof REGISTRIES): Record<string, InputGenerator> {
  const all: Record<string, InputGenerator> = {};
  for (const [family, registry] of Object.entries(registries)) {
    for (const [id, generate] of Object.entries(registry)) {
      if (Object.hasOwn(all, id)) throw new Error(`two generators for ${id} (one in ${family})`);
      all[id] = generate;
    }
  }
  return all;
}

export const inputGenerators = merged(REGISTRIES);
