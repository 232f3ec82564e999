/**
 * The story bank: STAR stories kept on this device (localStorage), across loops, so a
 * prepared story can be told again in a later loop. What is read back is untrusted — it
 * may have been edited, truncated or written by another version — so it is validated
 * and capped, and malformed entries are dropped.
 */
import {
  STAR_FIELD_MAX_CHARS,
  STAR_FIELDS,
  STAR_MAX_PRINCIPLES,
  type StarAnswer,
  type StarField,
} from '@mockloop/shared/star';

/** Versioned, so a later format can be told apart and migrated. */
export const STORY_BANK_KEY = 'mockloop.stories.v1';
/** Most stories kept; the least recently updated go first. */
export const STORY_BANK_MAX = 100;
export const STORY_TITLE_MAX_CHARS = 120;
/** Most uses remembered per story; the oldest go first. */
export const STORY_USES_MAX = 50;
const ID_MAX_CHARS = 64;
const SAFE_ID = /^[A-Za-z0-9_-]+$/;
/** What a Leadership Principle id looks like (kebab-case), as the server accepts it. */
const PRINCIPLE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DEFAULT_TITLE_WORDS = 6;
const UNTITLED = 'Untitled story';

/** A time a story was told: in which loop, round and question. */
export interface StoryUse {
  loopId: string;
  round: number;
  questionId: string;
  at: number;
}

/** A STAR story of the bank. */
export interface Story extends Record<StarField, string> {
  id: string;
  title: string;
  principles: string[];
  createdAt: number;
  updatedAt: number;
  uses: StoryUse[];
}

/** The part of `Storage` the bank needs, so tests can pass a fake. */
export type StoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= ID_MAX_CHARS && SAFE_ID.test(value);
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function parseUse(value: unknown): StoryUse | null {
  if (!isRecord(value)) return null;
  const { loopId, round, questionId, at } = value;
  if (!isId(loopId) || !isId(questionId) || !isTime(at)) return null;
  if (typeof round !== 'number' || !Number.isInteger(round) || round < 0) return null;
  return { loopId, round, questionId, at };
}

/** One story as read back, or null when it is malformed. Over-long text is cut to size. */
export function parseStory(value: unknown): Story | null {
  if (!isRecord(value)) return null;
  const { id, title, principles, createdAt, updatedAt, uses } = value;
  if (!isId(id) || typeof title !== 'string' || !isTime(createdAt) || !isTime(updatedAt))
    return null;
  if (!Array.isArray(principles) || !Array.isArray(uses)) return null;
  const fields = {} as Record<StarField, string>;
  for (const field of STAR_FIELDS) {
    const text = value[field];
    if (typeof text !== 'string') return null;
    fields[field] = text.slice(0, STAR_FIELD_MAX_CHARS);
  }
  return {
    id,
    title: title.trim().slice(0, STORY_TITLE_MAX_CHARS) || UNTITLED,
    ...fields,
    principles: [...new Set(principles.filter(isId))].slice(0, STAR_MAX_PRINCIPLES),
    createdAt,
    updatedAt,
    uses: uses
      .map(parseUse)
      .filter((use): use is StoryUse => use !== null)
      .slice(-STORY_USES_MAX),
  };
}

/** Newest first, at most `STORY_BANK_MAX`. */
const ordered = (stories: Story[]): Story[] =>
  [...stories].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, STORY_BANK_MAX);

/** The valid stories of a parsed JSON value, newest first; a repeated id keeps its first entry. */
export function parseStories(value: unknown): Story[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const stories: Story[] = [];
  for (const entry of value) {
    const story = parseStory(entry);
    if (!story || seen.has(story.id)) continue;
    seen.add(story.id);
    stories.push(story);
  }
  return ordered(stories);
}

/** The stories kept in `storage`; none when nothing or something unreadable is there. */
export function readStories(storage: StoryStorage): Story[] {
  try {
    const raw = storage.getItem(STORY_BANK_KEY);
    return raw ? parseStories(JSON.parse(raw)) : [];
  } catch {
    return [];
  }
}

/** Keeps `stories` in `storage`; false when the browser refused (storage full or disabled). */
export function writeStories(storage: StoryStorage, stories: Story[]): boolean {
  try {
    storage.setItem(STORY_BANK_KEY, JSON.stringify(ordered(stories)));
    return true;
  } catch {
    return false;
  }
}

/** A title from the situation's first few words, for the save form to start from. */
export function defaultTitle(situation: string): string {
  const words = situation.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return UNTITLED;
  const title = words
    .slice(0, DEFAULT_TITLE_WORDS)
    .join(' ')
    .replace(/[\s,;:.!?—-]+$/u, '');
  const cut = title.slice(0, STORY_TITLE_MAX_CHARS);
  return words.length > DEFAULT_TITLE_WORDS || cut.length < title.length ? `${cut}…` : cut;
}

/** A new story id: random, URL- and storage-safe. */
export function newStoryId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** What saving needs: the answer, a title, and the id of the story it updates, if any. */
export interface SaveStoryInput {
  answer: StarAnswer;
  title: string;
  /**
   * The story to update, keeping its id, creation time and uses. An id this device does
   * not hold (a story from another device) is added under that id, so links stay valid.
   */
  id?: string | null;
}

/**
 * `stories` with the answer saved as a story, and that story. An existing story keeps its
 * id, creation time and uses; a new one gets `input.id` if valid, else `newId()`.
 */
export function saveStory(
  stories: Story[],
  input: SaveStoryInput,
  now: number,
  newId: () => string = newStoryId,
): { stories: Story[]; story: Story } {
  const before = input.id ? stories.find((s) => s.id === input.id) : undefined;
  const fields = {} as Record<StarField, string>;
  for (const field of STAR_FIELDS)
    fields[field] = input.answer[field].slice(0, STAR_FIELD_MAX_CHARS);
  const story: Story = {
    id: before?.id ?? (isId(input.id) ? input.id : newId()),
    title: input.title.trim().slice(0, STORY_TITLE_MAX_CHARS) || defaultTitle(fields.situation),
    ...fields,
    principles: [...new Set(input.answer.principles)].slice(0, STAR_MAX_PRINCIPLES),
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    uses: before?.uses ?? [],
  };
  return { stories: ordered([story, ...stories.filter((s) => s.id !== story.id)]), story };
}

/**
 * `stories` with a use of story `id` recorded. Telling it again for the same question of
 * the same round and loop only moves the time; an unknown id changes nothing.
 */
export function recordUse(stories: Story[], id: string, use: StoryUse): Story[] {
  return stories.map((story) => {
    if (story.id !== id) return story;
    const others = story.uses.filter(
      (u) => !(u.loopId === use.loopId && u.round === use.round && u.questionId === use.questionId),
    );
    return { ...story, uses: [...others, use].slice(-STORY_USES_MAX) };
  });
}

/** `stories` without story `id`. */
export const removeStory = (stories: Story[], id: string): Story[] =>
  stories.filter((story) => story.id !== id);

/**
 * The answer a story gives: its text, its Leadership Principles that `knownPrinciples`
 * holds (ids of the current content; when null, those shaped like a principle id), and the
 * link back to the bank.
 */
export function answerFromStory(
  story: Story,
  knownPrinciples: readonly string[] | null,
): StarAnswer {
  return {
    situation: story.situation,
    task: story.task,
    action: story.action,
    result: story.result,
    learned: story.learned,
    principles: story.principles
      .filter((p) => (knownPrinciples ? knownPrinciples.includes(p) : PRINCIPLE_ID.test(p)))
      .slice(0, STAR_MAX_PRINCIPLES),
    story: { id: story.id, title: story.title },
  };
}
