/**
 * Drawing questions: only questions that suit the level the loop targets, preferring
 * questions not practised recently, and a mix of difficulties across a loop (mostly
 * medium, some hard, an easy one) rather than whatever chance deals.
 */
import type { Question } from './content';
import { TARGET_LEVELS, type Difficulty, type TargetLevel } from './levels';

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

/**
 * The questions that suit `level`. When none does, those of the nearest level that has
 * any, the higher one when two are as near (a stretch rather than an easy pass): for L4
 * then L5, then L6; for L5 then L6, then L4; for L6 then L5, then L4.
 */
export function questionsForLevel(questions: readonly Question[], level: TargetLevel): Question[] {
  const rank = (l: TargetLevel) => TARGET_LEVELS.indexOf(l);
  const nearestFirst = [...TARGET_LEVELS].sort(
    (a, b) =>
      Math.abs(rank(a) - rank(level)) - Math.abs(rank(b) - rank(level)) || rank(b) - rank(a),
  );
  for (const candidate of nearestFirst) {
    const suited = questions.filter((q) => q.levels.includes(candidate));
    if (suited.length) return suited;
  }
  return [];
}

export interface DrawOptions {
  /** Question ids to avoid while others remain (recently practised, or the current one). */
  avoid: ReadonlySet<string>;
  /** Question ids never to draw (already drawn for another round of the same loop). */
  exclude?: ReadonlySet<string>;
  difficulty?: Difficulty;
  topic?: string;
  /** The level the loop targets: only questions that suit it (`questionsForLevel`). */
  level?: TargetLevel;
}

/**
 * Picks a question: the wanted difficulty among fresh ones first, then any fresh one,
 * then any of the wanted difficulty, then anything. `exclude` and `topic` filter strictly,
 * then `level` keeps the questions that suit it.
 */
export function drawQuestion(
  questions: readonly Question[],
  options: DrawOptions,
  random: () => number,
): Question | undefined {
  const inScope = questions.filter(
    (q) => !options.exclude?.has(q.id) && (!options.topic || q.topics.includes(options.topic)),
  );
  const pool = options.level ? questionsForLevel(inScope, options.level) : inScope;
  const fresh = pool.filter((q) => !options.avoid.has(q.id));
  const ofDifficulty = (list: readonly Question[]) =>
    options.difficulty ? list.filter((q) => q.difficulty === options.difficulty) : list;
  const candidates =
    [ofDifficulty(fresh), fresh, ofDifficulty(pool), pool].find((list) => list.length > 0) ?? [];
  return candidates[Math.floor(random() * candidates.length)];
}
