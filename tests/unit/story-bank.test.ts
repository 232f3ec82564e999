import { describe, expect, it } from 'vitest';
import {
  answerFromStory,
  defaultTitle,
  newStoryId,
  parseStories,
  readStories,
  recordUse,
  removeStory,
  saveStory,
  STORY_BANK_KEY,
  STORY_BANK_MAX,
  STORY_TITLE_MAX_CHARS,
  STORY_USES_MAX,
  writeStories,
  type Story,
  type StoryStorage,
} from '../../client/src/features/workspace-star/story-bank';
import {
  EMPTY_STAR_ANSWER,
  STAR_FIELD_MAX_CHARS,
  STAR_MAX_PRINCIPLES,
  type StarAnswer,
} from '../../shared/src/star';

/** An in-memory Storage that can be told to refuse writes, as a full one does. */
class FakeStorage implements StoryStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const ANSWER: StarAnswer = {
  situation: 'Our fraud model flagged 4% of legitimate payments during the holiday peak.',
  task: 'I owned bringing false positives under 1% without losing recall.',
  action: 'I re-weighted classes and moved the threshold per merchant segment.',
  result: 'False positives fell to 0.6%; recall held at 92%.',
  learned: 'Tune thresholds per segment, not globally.',
  principles: ['customer-obsession', 'dive-deep'],
  story: null,
};

function story(overrides: Partial<Story> = {}): Story {
  return {
    id: 's1',
    title: 'Fraud false positives',
    situation: 'S',
    task: 'T',
    action: 'A',
    result: 'R',
    learned: 'L',
    principles: ['ownership'],
    createdAt: 1_000,
    updatedAt: 2_000,
    uses: [],
    ...overrides,
  };
}

const ids = (...list: string[]) => {
  let n = 0;
  return () => list[n++] ?? `id${n}`;
};

describe('story bank: reading untrusted storage', () => {
  it('reads nothing from empty storage, broken JSON or a non-array', () => {
    const storage = new FakeStorage();
    expect(readStories(storage)).toEqual([]);
    storage.items.set(STORY_BANK_KEY, '{not json');
    expect(readStories(storage)).toEqual([]);
    storage.items.set(STORY_BANK_KEY, JSON.stringify({ id: 's1' }));
    expect(readStories(storage)).toEqual([]);
  });

  it('round-trips what it wrote', () => {
    const storage = new FakeStorage();
    const stories = [story({ uses: [{ loopId: 'loop1', round: 0, questionId: 'q-a', at: 5 }] })];
    expect(writeStories(storage, stories)).toBe(true);
    expect(readStories(storage)).toEqual(stories);
  });

  it('drops malformed entries and keeps the valid ones', () => {
    const valid = story();
    const malformed: unknown[] = [
      null,
      'a story',
      [],
      { ...valid, id: 'has spaces' },
      { ...valid, id: 'x'.repeat(65) },
      { ...valid, id: '__proto__!' },
      { ...valid, title: 42 },
      { ...valid, situation: undefined },
      { ...valid, learned: ['not', 'text'] },
      { ...valid, principles: 'ownership' },
      { ...valid, uses: {} },
      { ...valid, createdAt: 'yesterday' },
      { ...valid, updatedAt: Number.NaN },
      { ...valid, updatedAt: -1 },
    ];
    expect(parseStories([...malformed, valid])).toEqual([valid]);
  });

  it('drops malformed uses and unsafe principle ids but keeps the story', () => {
    const parsed = parseStories([
      {
        ...story(),
        principles: ['ownership', 7, 'has space', 'ownership', 'dive-deep'],
        uses: [
          { loopId: 'loop1', round: 1, questionId: 'q-a', at: 10 },
          { loopId: 'loop1', round: -1, questionId: 'q-a', at: 10 },
          { loopId: 'loop1', round: 1.5, questionId: 'q-a', at: 10 },
          { loopId: '<script>', round: 1, questionId: 'q-a', at: 10 },
          { loopId: 'loop1', round: 1, at: 10 },
          'a use',
        ],
      },
    ]);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.principles).toEqual(['ownership', 'dive-deep']);
    expect(parsed[0]!.uses).toEqual([{ loopId: 'loop1', round: 1, questionId: 'q-a', at: 10 }]);
  });

  it('caps text, titles, principles and uses', () => {
    const [parsed] = parseStories([
      story({
        title: `  ${'t'.repeat(STORY_TITLE_MAX_CHARS + 50)}`,
        action: 'a'.repeat(STAR_FIELD_MAX_CHARS + 1),
        principles: Array.from({ length: 10 }, (_, i) => `p${i}`),
        uses: Array.from({ length: STORY_USES_MAX + 5 }, (_, i) => ({
          loopId: 'loop1',
          round: i,
          questionId: 'q',
          at: i,
        })),
      }),
    ]);
    expect(parsed!.title).toHaveLength(STORY_TITLE_MAX_CHARS);
    expect(parsed!.action).toHaveLength(STAR_FIELD_MAX_CHARS);
    expect(parsed!.principles).toHaveLength(STAR_MAX_PRINCIPLES);
    expect(parsed!.uses).toHaveLength(STORY_USES_MAX);
    // The newest uses are the ones kept.
    expect(parsed!.uses.at(-1)!.round).toBe(STORY_USES_MAX + 4);
  });

  it('names an untitled story rather than dropping it', () => {
    expect(parseStories([story({ title: '   ' })])[0]!.title).toBe('Untitled story');
  });

  it('keeps the first of two entries with one id, and at most the newest STORY_BANK_MAX', () => {
    const many = Array.from({ length: STORY_BANK_MAX + 10 }, (_, i) =>
      story({ id: `s${i}`, updatedAt: i }),
    );
    const parsed = parseStories([story({ id: 's5', title: 'first', updatedAt: 5 }), ...many]);
    expect(parsed).toHaveLength(STORY_BANK_MAX);
    expect(parsed[0]!.id).toBe(`s${STORY_BANK_MAX + 9}`);
    expect(parsed.some((s) => s.id === 's0')).toBe(false);
    expect(parsed.filter((s) => s.id === 's5')).toEqual([]);
    const few = parseStories([story({ id: 's5', title: 'first' }), story({ id: 's5' })]);
    expect(few.map((s) => s.title)).toEqual(['first']);
  });
});

describe('story bank: writing', () => {
  it('reports a refused write instead of throwing', () => {
    const storage = new FakeStorage();
    storage.full = true;
    expect(writeStories(storage, [story()])).toBe(false);
    expect(readStories(storage)).toEqual([]);
  });
});

describe('story bank: saving and reusing', () => {
  it('adds a new story with a fresh id, the answer text and its principles', () => {
    const { stories, story: saved } = saveStory(
      [],
      { answer: ANSWER, title: ' Fraud FP ' },
      50,
      ids('new1'),
    );
    expect(saved).toEqual({
      id: 'new1',
      title: 'Fraud FP',
      situation: ANSWER.situation,
      task: ANSWER.task,
      action: ANSWER.action,
      result: ANSWER.result,
      learned: ANSWER.learned,
      principles: ANSWER.principles,
      createdAt: 50,
      updatedAt: 50,
      uses: [],
    });
    expect(stories).toEqual([saved]);
  });

  it('updates a reused story in place: same id, creation time and uses', () => {
    const use = { loopId: 'loop1', round: 0, questionId: 'q-a', at: 20 };
    const before = [story({ id: 'keep', uses: [use] }), story({ id: 'other', updatedAt: 3_000 })];
    const { stories, story: saved } = saveStory(
      before,
      { answer: { ...ANSWER, action: 'Rewritten action.' }, title: 'Renamed', id: 'keep' },
      9_000,
      ids('never'),
    );
    expect(saved).toMatchObject({
      id: 'keep',
      title: 'Renamed',
      action: 'Rewritten action.',
      createdAt: 1_000,
      updatedAt: 9_000,
      uses: [use],
    });
    expect(stories.map((s) => s.id)).toEqual(['keep', 'other']);
  });

  it('adds a linked story this device does not hold under its own id', () => {
    const { story: saved } = saveStory(
      [],
      { answer: ANSWER, title: 'x', id: 'from-phone' },
      1,
      ids('new1'),
    );
    expect(saved.id).toBe('from-phone');
    const { story: unsafe } = saveStory(
      [],
      { answer: ANSWER, title: 'x', id: 'bad id!' },
      1,
      ids('new1'),
    );
    expect(unsafe.id).toBe('new1');
  });

  it('falls back to a title from the situation and caps the principles', () => {
    const answer = { ...ANSWER, principles: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const { story: saved } = saveStory([], { answer, title: '   ' }, 1, ids('n'));
    expect(saved.title).toBe('Our fraud model flagged 4% of…');
    expect(saved.principles).toHaveLength(STAR_MAX_PRINCIPLES);
  });

  it('records a use once per loop, round and question, moving its time', () => {
    const first = { loopId: 'loop1', round: 0, questionId: 'q-a', at: 10 };
    let stories = [story({ id: 'a' }), story({ id: 'b' })];
    stories = recordUse(stories, 'a', first);
    stories = recordUse(stories, 'a', { ...first, round: 1, at: 20 });
    stories = recordUse(stories, 'a', { ...first, at: 30 });
    expect(stories[0]!.uses).toEqual([
      { ...first, round: 1, at: 20 },
      { ...first, at: 30 },
    ]);
    expect(stories[1]!.uses).toEqual([]);
    expect(recordUse(stories, 'missing', first)).toEqual(stories);
  });

  it('removes a story by id', () => {
    expect(removeStory([story({ id: 'a' }), story({ id: 'b' })], 'a').map((s) => s.id)).toEqual([
      'b',
    ]);
  });

  it('keeps only principle-shaped ids when the content is not loaded', () => {
    const saved = story({ principles: ['ownership', 'Not_A_Slug', 'dive-deep'] });
    expect(answerFromStory(saved, null).principles).toEqual(['ownership', 'dive-deep']);
  });

  it('turns a story into a linked answer with only the principles the content knows', () => {
    const saved = story({ id: 'a', title: 'T', principles: ['ownership', 'retired-lp'] });
    expect(answerFromStory(saved, ['ownership', 'dive-deep'])).toEqual({
      ...EMPTY_STAR_ANSWER,
      situation: 'S',
      task: 'T',
      action: 'A',
      result: 'R',
      learned: 'L',
      principles: ['ownership'],
      story: { id: 'a', title: 'T' },
    });
  });
});

describe('story bank: titles and ids', () => {
  it('takes the first six words of the situation, marking a cut', () => {
    expect(defaultTitle('  We shipped a new ranking model, then latency doubled. ')).toBe(
      'We shipped a new ranking model…',
    );
    expect(defaultTitle('Latency doubled.')).toBe('Latency doubled');
    expect(defaultTitle(' \n ')).toBe('Untitled story');
    expect(defaultTitle('x'.repeat(300))).toHaveLength(STORY_TITLE_MAX_CHARS + 1);
  });

  it('makes distinct, storage-safe ids', () => {
    const made = new Set(Array.from({ length: 50 }, newStoryId));
    expect(made.size).toBe(50);
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{18}$/);
  });
});
