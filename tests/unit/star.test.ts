import { describe, expect, it } from 'vitest';
import {
  countFirstPerson,
  countWords,
  EMPTY_STAR_ANSWER,
  isStarAnswerEmpty,
  normaliseSituation,
  saysWeMoreThanI,
  starCounts,
  storyReuse,
  type StarAnswer,
} from '../../shared/src/star';

const SITUATION = 'Our fraud model flagged 4% of legitimate payments during the holiday peak.';

function answer(fields: Partial<StarAnswer> = {}): StarAnswer {
  return { ...EMPTY_STAR_ANSWER, ...fields };
}

describe('countWords', () => {
  it('counts whitespace-separated words across lines and tabs', () => {
    expect(countWords('I retrained\tthe model\n\nin two   days')).toBe(7);
  });

  it('is zero for empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\t ')).toBe(0);
  });

  it('does not count lone punctuation, dashes or bullets as words', () => {
    expect(countWords('- cut latency — by 40% • fast')).toBe(5);
  });

  it('counts contractions, numbers and non-English words as one word each', () => {
    expect(countWords("I've shipped 3 models to Zürich’s team")).toBe(7);
  });
});

describe('countFirstPerson', () => {
  it('counts every singular and plural first-person form, in any case', () => {
    expect(countFirstPerson('I told me my plan; MINE, Myself.')).toEqual({ i: 5, we: 0 });
    expect(countFirstPerson('We gave us our plan; OURS, ourselves.')).toEqual({ i: 0, we: 5 });
  });

  it('counts contractions with straight and curly apostrophes', () => {
    expect(countFirstPerson("I'm sure I've seen what I’d do and I’ll do")).toEqual({
      i: 4,
      we: 0,
    });
    expect(countFirstPerson("we're here, we’ve won, we'd go, we’ll see, let's go")).toEqual({
      i: 0,
      we: 5,
    });
  });

  it('matches whole words only', () => {
    expect(countFirstPerson('Mine-field in Iowa: ideas, web, user, owe, mymodel, wee')).toEqual({
      i: 0,
      we: 0,
    });
    expect(countFirstPerson('This is it; usual issues; ours-truly')).toEqual({ i: 0, we: 0 });
  });

  it('does not read I/O, i.e. or US (the country) as pronouns', () => {
    expect(countFirstPerson('The job was I/O bound, i.e. slow, in the US market')).toEqual({
      i: 0,
      we: 0,
    });
    expect(countFirstPerson('Help us. Us first.')).toEqual({ i: 0, we: 2 });
  });

  it('counts a pronoun at the end of a sentence or next to punctuation', () => {
    expect(countFirstPerson('It was up to me. "I" did it (myself)! So did we...')).toEqual({
      i: 3,
      we: 1,
    });
  });
});

describe('starCounts', () => {
  it('counts words per field, the total, and the pronouns over all fields', () => {
    const counts = starCounts(
      answer({
        situation: 'We had a slow model.',
        task: 'I owned latency.',
        action: 'I profiled it and we pruned it.',
        result: 'p99 fell 40%.',
        learned: 'Measure first, I learned.',
      }),
    );
    expect(counts.words).toEqual({ situation: 5, task: 3, action: 7, result: 3, learned: 4 });
    expect(counts.totalWords).toBe(22);
    expect(counts).toMatchObject({ i: 3, we: 2 });
  });

  it('is all zeros for an empty answer', () => {
    expect(starCounts(EMPTY_STAR_ANSWER)).toEqual({
      words: { situation: 0, task: 0, action: 0, result: 0, learned: 0 },
      totalWords: 0,
      i: 0,
      we: 0,
    });
  });
});

describe('saysWeMoreThanI', () => {
  it('is true only when "we" outnumbers "I"', () => {
    expect(saysWeMoreThanI({ i: 1, we: 2 })).toBe(true);
    expect(saysWeMoreThanI({ i: 2, we: 2 })).toBe(false);
    expect(saysWeMoreThanI({ i: 0, we: 0 })).toBe(false);
  });
});

describe('isStarAnswerEmpty', () => {
  it('ignores whitespace, tags and the story link', () => {
    expect(
      isStarAnswerEmpty(
        answer({ situation: '  \n', principles: ['ownership'], story: { id: 'a', title: 'A' } }),
      ),
    ).toBe(true);
    expect(isStarAnswerEmpty(answer({ learned: 'x' }))).toBe(false);
  });
});

describe('normaliseSituation', () => {
  it('ignores case, punctuation, apostrophes and runs of whitespace', () => {
    expect(normaliseSituation("  The TEAM’s model,\n\nwasn't   ready! ")).toBe(
      'the teams model wasnt ready',
    );
  });
});

describe('storyReuse', () => {
  const bank = (id: string) => ({ id, title: `Story ${id}` });

  it('reports nothing when every round tells a different story', () => {
    expect(
      storyReuse([
        { round: 0, answer: answer({ story: bank('a'), situation: SITUATION }) },
        { round: 1, answer: answer({ story: bank('b') }) },
        {
          round: 2,
          answer: answer({ situation: 'A different situation about a recommender model.' }),
        },
      ]),
    ).toEqual([]);
  });

  it('reports rounds that use the same story from the bank, whatever their text', () => {
    expect(
      storyReuse([
        { round: 0, answer: answer({ story: bank('a'), situation: 'first telling' }) },
        { round: 1, answer: answer({ story: bank('b') }) },
        { round: 3, answer: answer({ story: bank('a'), situation: 'retold differently' }) },
      ]),
    ).toEqual([
      { round: 0, sameAs: [3] },
      { round: 3, sameAs: [0] },
    ]);
  });

  it('reports unlinked answers with the same situation up to case, whitespace and punctuation', () => {
    expect(
      storyReuse([
        { round: 4, answer: answer({ situation: SITUATION }) },
        {
          round: 2,
          answer: answer({ situation: `  ${SITUATION.toUpperCase().replace(/ /g, '\n ')}!!` }),
        },
      ]),
    ).toEqual([
      { round: 2, sameAs: [4] },
      { round: 4, sameAs: [2] },
    ]);
  });

  it('compares a bank story with an unlinked answer by situation', () => {
    expect(
      storyReuse([
        { round: 0, answer: answer({ story: bank('a'), situation: SITUATION }) },
        { round: 1, answer: answer({ situation: SITUATION }) },
      ]),
    ).toEqual([
      { round: 0, sameAs: [1] },
      { round: 1, sameAs: [0] },
    ]);
  });

  it('treats two different bank stories as different even with the same situation', () => {
    expect(
      storyReuse([
        { round: 0, answer: answer({ story: bank('a'), situation: SITUATION }) },
        { round: 1, answer: answer({ story: bank('b'), situation: SITUATION }) },
      ]),
    ).toEqual([]);
  });

  it('does not compare short situations as text', () => {
    const short = 'A model was slow in production.';
    expect(normaliseSituation(short).length).toBeLessThan(40);
    expect(
      storyReuse([
        { round: 0, answer: answer({ situation: short }) },
        { round: 1, answer: answer({ situation: short }) },
        { round: 2, answer: answer() },
        { round: 3, answer: answer() },
      ]),
    ).toEqual([]);
  });

  it('counts the length after normalising, so padding and punctuation do not make it substantial', () => {
    const padded = `${'!'.repeat(30)} A model was slow in production. ${' '.repeat(30)}`;
    expect(
      storyReuse([
        { round: 0, answer: answer({ situation: padded }) },
        { round: 1, answer: answer({ situation: padded }) },
      ]),
    ).toEqual([]);
  });

  it('groups rounds transitively and lists every other round of the group', () => {
    expect(
      storyReuse([
        { round: 0, answer: answer({ story: bank('a'), situation: 'told once' }) },
        { round: 1, answer: answer({ story: bank('a'), situation: SITUATION }) },
        { round: 2, answer: answer({ situation: SITUATION }) },
        { round: 3, answer: answer({ story: bank('c') }) },
      ]),
    ).toEqual([
      { round: 0, sameAs: [1, 2] },
      { round: 1, sameAs: [0, 2] },
      { round: 2, sameAs: [0, 1] },
    ]);
  });

  it('ignores rounds without an answer and a repeated entry for the same round', () => {
    expect(
      storyReuse([
        { round: 0, answer: null },
        { round: 1, answer: answer({ story: bank('a') }) },
        { round: 1, answer: answer({ story: bank('a') }) },
        { round: 2, answer: null },
      ]),
    ).toEqual([]);
    expect(storyReuse([])).toEqual([]);
  });
});
