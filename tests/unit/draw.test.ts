import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/src/content';
import { difficultyMix, drawQuestion } from '../../shared/src/draw';
import { content } from '../helpers/content';

/** A deterministic source of randomness for repeatable draws. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}
const bank = content.round('ml-depth')!.questions;
const ids = (qs: Question[]) => qs.map((q) => q.id);

describe('difficulty mix', () => {
  it('gives a full loop one easy, two hard and three medium questions', () => {
    for (let seed = 1; seed < 20; seed++) {
      const mix = difficultyMix(6, seeded(seed));
      expect([...mix].sort()).toEqual(['easy', 'hard', 'hard', 'medium', 'medium', 'medium']);
    }
  });

  it('varies the order between loops', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) => difficultyMix(6, seeded(seed + 1)).join()),
    );
    expect(orders.size).toBeGreaterThan(3);
  });

  it('never makes a single round easy', () => {
    for (let seed = 1; seed < 50; seed++)
      expect(difficultyMix(1, seeded(seed))[0]).not.toBe('easy');
  });
});

describe('drawQuestion', () => {
  it('prefers a fresh question of the wanted difficulty', () => {
    const hard = bank.filter((q) => q.difficulty === 'hard');
    const avoid = new Set(ids(hard.slice(1)));
    for (let seed = 1; seed < 20; seed++) {
      expect(drawQuestion(bank, { avoid, difficulty: 'hard' }, seeded(seed))?.id).toBe(hard[0]!.id);
    }
  });

  it('falls back to any fresh question when every one of that difficulty was seen', () => {
    const avoid = new Set(ids(bank.filter((q) => q.difficulty === 'hard')));
    const drawn = drawQuestion(bank, { avoid, difficulty: 'hard' }, seeded(3))!;
    expect(avoid.has(drawn.id)).toBe(false);
  });

  it('still draws when everything was practised recently', () => {
    expect(drawQuestion(bank, { avoid: new Set(ids(bank)) }, seeded(5))).toBeDefined();
  });

  it('keeps to the topic asked for, strictly', () => {
    for (let seed = 1; seed < 20; seed++) {
      expect(
        drawQuestion(bank, { avoid: new Set(), topic: 'gradient-descent' }, seeded(seed))?.topics,
      ).toContain('gradient-descent');
    }
    expect(
      drawQuestion(bank, { avoid: new Set(), topic: 'no-such-topic' }, seeded(1)),
    ).toBeUndefined();
  });
});
