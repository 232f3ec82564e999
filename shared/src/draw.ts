/**
 * Drawing questions: prefer questions not practised recently, and give a loop a mix of
 * difficulties (mostly medium, some hard, an easy one) rather than whatever chance deals.
 */
import type { Question } from './content';
import type { Difficulty } from './levels';

/** Fisher–Yates with an injected source of randomness in [0, 1). */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Target difficulties for `count` rounds: about a third hard, one easy from three rounds
 * up, the rest medium, in random order. A single round is medium or hard.
 */
export function difficultyMix(count: number, random: () => number): Difficulty[] {
  if (count <= 0) return [];
  if (count === 1) return [random() < 0.6 ? 'medium' : 'hard'];
  const hard = Math.max(1, Math.round(count / 3));
  const easy = count >= 3 ? 1 : 0;
  const medium = count - hard - easy;
  return shuffle(
    [
      ...Array<Difficulty>(easy).fill('easy'),
      ...Array<Difficulty>(medium).fill('medium'),
      ...Array<Difficulty>(hard).fill('hard'),
    ],
    random,
  );
}

export interface DrawOptions {
  /** Question ids to avoid while others remain (recently practised, or the current one). */
  avoid: ReadonlySet<string>;
  difficulty?: Difficulty;
  topic?: string;
}

/**
 * Picks a question: the wanted difficulty among fresh ones first, then any fresh one,
 * then any of the wanted difficulty, then anything. `topic` filters strictly.
 */
export function drawQuestion(
  questions: readonly Question[],
  options: DrawOptions,
  random: () => number,
): Question | undefined {
  const pool = options.topic
    ? questions.filter((q) => q.topics.includes(options.topic!))
    : questions;
  const fresh = pool.filter((q) => !options.avoid.has(q.id));
  const ofDifficulty = (list: readonly Question[]) =>
    options.difficulty ? list.filter((q) => q.difficulty === options.difficulty) : list;
  const candidates =
    [ofDifficulty(fresh), fresh, ofDifficulty(pool), pool].find((list) => list.length > 0) ?? [];
  return candidates[Math.floor(random() * candidates.length)];
}
