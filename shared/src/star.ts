/**
 * STAR answers of the behavioral and bar-raiser rounds, and the pure checks the
 * workspace shows about them. Zod-free: safe in the browser.
 */

export const STAR_FIELDS = ['situation', 'task', 'action', 'result', 'learned'] as const;
export type StarField = (typeof STAR_FIELDS)[number];

export const STAR_FIELD_NAMES: Record<StarField, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  learned: 'What I learned',
};

/** Longest text of one STAR field, in characters. */
export const STAR_FIELD_MAX_CHARS = 4_000;
/** Most Leadership Principles an answer can be tagged with. */
export const STAR_MAX_PRINCIPLES = 6;

/** Which story of the candidate's story bank an answer tells, if it came from there. */
export interface StoryRef {
  /** The story bank's id for the story (made on the candidate's device). */
  id: string;
  title: string;
}

/** A candidate's answer to one behavioral question. */
export interface StarAnswer {
  situation: string;
  task: string;
  action: string;
  result: string;
  learned: string;
  /** Leadership Principle ids the candidate tags the answer with. */
  principles: string[];
  story: StoryRef | null;
}

export const EMPTY_STAR_ANSWER: StarAnswer = {
  situation: '',
  task: '',
  action: '',
  result: '',
  learned: '',
  principles: [],
  story: null,
};

/** Answers whose situation is shorter than this (after normalising) are not compared as text. */
export const STORY_MATCH_MIN_CHARS = 40;

const FIRST_PERSON_SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself']);
const FIRST_PERSON_PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves']);

/** Curly and modifier apostrophes, as phones and word processors type them. */
const APOSTROPHES = /[\u2018\u2019\u02bc\uff07]/g;
/**
 * A word as the pronoun count sees it: letters and digits, held together by apostrophes
 * (I'm, we've), hyphens, slashes and inner dots, so "I/O" and "i.e." are not an "I".
 */
const WORD = /[\p{L}\p{N}]+(?:['\-/.][\p{L}\p{N}]+)*/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Number of words in `text`: whitespace-separated tokens holding at least one letter or
 * digit, so a lone dash or bullet is not a word and "I've" or "20%" is one.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (HAS_LETTER_OR_DIGIT.test(token)) count++;
  return count;
}

/**
 * How often `text` says "I" (I, me, my, mine, myself) and "we" (we, us, our, ours,
 * ourselves): whole words, any case, contractions included (I'm, I've, we're, let's —
 * straight or curly apostrophe). "US" in capitals is read as the country, not "us".
 */
export function countFirstPerson(text: string): { i: number; we: number } {
  const counts = { i: 0, we: 0 };
  for (const [raw] of text.replace(APOSTROPHES, "'").matchAll(WORD)) {
    if (raw === 'US') continue;
    const word = raw.toLowerCase();
    if (word === "let's") {
      counts.we++;
      continue;
    }
    // "I'm" → "i", "we're" → "we"; a hyphen, slash or dot makes it another word.
    const base = word.split("'")[0]!;
    if (FIRST_PERSON_SINGULAR.has(base)) counts.i++;
    else if (FIRST_PERSON_PLURAL.has(base)) counts.we++;
  }
  return counts;
}

/** Word counts of a STAR answer, per field and in total, with its "I" and "we" counts. */
export interface StarCounts {
  words: Record<StarField, number>;
  totalWords: number;
  i: number;
  we: number;
}

/** Counts the words of each field of `answer`, their total and the first-person pronouns. */
export function starCounts(answer: Pick<StarAnswer, StarField>): StarCounts {
  const words = {} as Record<StarField, number>;
  let totalWords = 0;
  let i = 0;
  let we = 0;
  for (const field of STAR_FIELDS) {
    const text = answer[field];
    words[field] = countWords(text);
    totalWords += words[field];
    const pronouns = countFirstPerson(text);
    i += pronouns.i;
    we += pronouns.we;
  }
  return { words, totalWords, i, we };
}

/** True when the answer says "we" more often than "I": the interviewer wants what *you* did. */
export const saysWeMoreThanI = (counts: Pick<StarCounts, 'i' | 'we'>): boolean =>
  counts.we > counts.i;

/** True when no STAR field has any text (the tags and the story link do not count). */
export const isStarAnswerEmpty = (answer: Pick<StarAnswer, StarField>): boolean =>
  STAR_FIELDS.every((field) => answer[field].trim() === '');

/**
 * A situation reduced to what makes it the same story: lower case, apostrophes dropped,
 * other punctuation and runs of whitespace turned into one space.
 */
export function normaliseSituation(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** One round of a loop and the STAR answer given in it, if any. */
export interface RoundAnswer {
  round: number;
  answer: StarAnswer | null;
}

/** A round whose answer tells a story that another round of the same loop tells too. */
export interface StoryReuse {
  round: number;
  /** The other rounds telling the same story, in ascending order. */
  sameAs: number[];
}

/** Two answers tell the same story: see `storyReuse`. */
function sameStory(a: StarAnswer, b: StarAnswer): boolean {
  if (a.story && b.story) return a.story.id === b.story.id;
  const situation = normaliseSituation(a.situation);
  return situation.length >= STORY_MATCH_MIN_CHARS && situation === normaliseSituation(b.situation);
}

/**
 * Which rounds of a loop tell the same story as another round. Two answers tell the same
 * story when both come from the story bank with the same story id, or — when at least one
 * is not linked to the bank — their situations are equal after `normaliseSituation` and at
 * least `STORY_MATCH_MIN_CHARS` long. Two different bank stories are different stories.
 * "Same story" is transitive: rounds are grouped, and each reused round lists the others
 * of its group. Rounds without an answer, and repeated entries for a round, are ignored.
 * The result is ordered by round and holds only rounds that share a story.
 */
export function storyReuse(answers: readonly RoundAnswer[]): StoryReuse[] {
  const seen = new Set<number>();
  const given: { round: number; answer: StarAnswer }[] = [];
  for (const { round, answer } of answers) {
    if (!answer || seen.has(round)) continue;
    seen.add(round);
    given.push({ round, answer });
  }
  // Union-find over the answers, so A≈B and B≈C put A, B and C in one group.
  const parent = given.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  for (let a = 0; a < given.length; a++)
    for (let b = a + 1; b < given.length; b++)
      if (sameStory(given[a]!.answer, given[b]!.answer)) parent[root(b)] = root(a);

  const groups = new Map<number, number[]>();
  given.forEach(({ round }, index) => {
    const group = groups.get(root(index)) ?? [];
    group.push(round);
    groups.set(root(index), group);
  });
  const reuse: StoryReuse[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const round of group)
      reuse.push({ round, sameAs: group.filter((r) => r !== round).sort((x, y) => x - y) });
  }
  return reuse.sort((x, y) => x.round - y.round);
}
