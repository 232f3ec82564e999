/**
 * Rebuilding an instant of a round: a document's texts from its keyframes and steps equal
 * the texts made by applying every step up to then; the whiteboard, the clock and the last
 * run at an instant; skipping quiet stretches; private notes kept from the candidate.
 */
import { describe, expect, it } from 'vitest';
import {
  activityTimes,
  boardAt,
  clockAt,
  countUpTo,
  docsFor,
  indexDoc,
  replayable,
  runAt,
  skipIdle,
  textsAt,
  IDLE_LEAD_IN_MS,
  type DocHistory,
  type RoundReplay,
  type TextStep,
} from '../../shared/src/replay/replay';

/** A small deterministic source of randomness. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** Random splices of two texts, and the texts after each step, applied one by one. */
function randomHistory(count: number, seed: number) {
  const next = random(seed);
  const texts = ['', ''];
  const steps: TextStep[] = [];
  const after: string[][] = [];
  let at = 1_000;
  for (let i = 0; i < count; i++) {
    at += Math.floor(next() * 3) * 100;
    const field = next() < 0.7 ? 0 : 1;
    const text = texts[field]!;
    const index = Math.floor(next() * (text.length + 1));
    const remove = next() < 0.3 ? Math.floor(next() * (text.length - index + 1)) : 0;
    const insert = next() < 0.8 ? `w${i} ` : '';
    steps.push([at, field, index, remove, insert]);
    texts[field] = text.slice(0, index) + insert + text.slice(index + remove);
    after.push([...texts]);
  }
  return { steps, after };
}

const doc = (steps: TextStep[], kind: 'star' | 'private-notes' = 'star'): DocHistory => ({
  ref: kind === 'star' ? { kind, round: 0, questionId: 'q' } : { kind, round: 0 },
  fields: ['situation', 'task'],
  steps,
});

describe('rebuilding a document at an instant', () => {
  it('gives the texts as they were after the last step at or before it, whatever the keyframes', () => {
    const { steps, after } = randomHistory(600, 7);
    for (const every of [1, 5, 64, 256, 10_000]) {
      const indexed = indexDoc(doc(steps), every);
      for (let i = 0; i < steps.length; i += 7) {
        const at = steps[i]![0];
        // Several steps may share an instant: the last of them counts.
        const last = countUpTo(indexed.times, at) - 1;
        const [situation, task] = after[last]!;
        expect(textsAt(indexed, at), `step ${i}, every ${every}`).toEqual({ situation, task });
      }
      expect(textsAt(indexed, 0)).toEqual({ situation: '', task: '' });
      const [situation, task] = after.at(-1)!;
      expect(textsAt(indexed, Infinity)).toEqual({ situation, task });
    }
  });

  it('keeps the stored order when instants go backwards (two nodes whose clocks differ)', () => {
    const steps: TextStep[] = [
      [2_000, 0, 0, 0, 'a'],
      [1_900, 0, 1, 0, 'b'],
      [2_100, 0, 2, 0, 'c'],
    ];
    const indexed = indexDoc(doc(steps), 2);
    expect(indexed.times).toEqual([2_000, 2_000, 2_100]);
    expect(textsAt(indexed, 1_950).situation).toBe('');
    expect(textsAt(indexed, 2_000).situation).toBe('ab');
    expect(textsAt(indexed, 2_100).situation).toBe('abc');
  });

  it('keeps private notes from the candidate and shows them to the staff', () => {
    const docs = [doc([]), doc([], 'private-notes')];
    expect(docsFor(docs, 'candidate').map((d) => d.ref.kind)).toEqual(['star']);
    expect(docsFor(docs, 'interviewer')).toHaveLength(2);
    expect(docsFor(docs, 'observer')).toHaveLength(2);
  });
});

const element = (id: string, version: number, isDeleted = false, versionNonce = 1) => ({
  id,
  version,
  versionNonce,
  isDeleted,
});

describe('the rest of an instant', () => {
  it('draws the whiteboard as merged up to then, deleted elements left out', () => {
    const steps = [
      { at: 10, elements: [element('a', 1), element('b', 1)] },
      { at: 20, elements: [element('a', 3)] },
      // An older copy arriving later loses, as it does in the store.
      { at: 30, elements: [element('a', 2)] },
      { at: 40, elements: [element('b', 2, true)] },
    ];
    const ids = (at: number) => boardAt(steps, at).map((e) => `${e.id}${e.version}`);
    expect(ids(5)).toEqual([]);
    expect(ids(10)).toEqual(['a1', 'b1']);
    expect(ids(35)).toEqual(['a3', 'b1']);
    expect(ids(40)).toEqual(['a3']);
  });

  it('tells the clock and the last run of an instant', () => {
    const replay = {
      phases: [
        { id: 'p1', title: 'One', minutes: 10 },
        { id: 'p2', title: 'Two', minutes: 5 },
      ],
      clocks: [
        { at: 0, clock: { kind: 'running' as const, phase: 0, phaseEndsAt: 600_000 } },
        { at: 100_000, clock: { kind: 'paused' as const, phase: 0, remainingMs: 500_000 } },
        { at: 200_000, clock: { kind: 'finished' as const } },
      ],
    };
    expect(clockAt(replay, -1).clock.kind).toBe('not-started');
    expect(clockAt(replay, 60_000)).toMatchObject({ phaseLeftMs: 540_000, roundLeftMs: 840_000 });
    expect(clockAt(replay, 150_000)).toMatchObject({ phaseLeftMs: 500_000 });
    expect(clockAt(replay, 250_000)).toMatchObject({ clock: { kind: 'finished' }, roundLeftMs: 0 });

    const run = (at: number, message: string) => ({
      at,
      message,
      language: 'python' as const,
      outcome: 'failed' as const,
      durationMs: 1,
      cases: [],
    });
    const runs = [run(10, 'first'), run(20, 'second')];
    expect(runAt(runs, 9)).toBeNull();
    expect(runAt(runs, 15)?.message).toBe('first');
    expect(runAt(runs, 20)?.message).toBe('second');
  });

  it('replays a round once it is over, never one that did not run', () => {
    expect(replayable({ status: 'done', startedAt: 1 })).toBe(true);
    expect(replayable({ status: 'scoring', startedAt: 1 })).toBe(true);
    expect(replayable({ status: 'in-progress', startedAt: 1 })).toBe(false);
    expect(replayable({ status: 'done', startedAt: null })).toBe(false);
  });
});

describe('skipping quiet stretches', () => {
  const replay = {
    docs: [
      doc([
        [1_000, 0, 0, 0, 'a'],
        [2_000, 0, 1, 0, 'b'],
      ]),
    ],
    board: [{ at: 40_000, elements: [] }],
    timeline: { startedAt: 0, endedAt: 60_000, markers: [] },
    runs: [],
  } as unknown as RoundReplay;
  const times = activityTimes(replay);

  it('lists every instant something happened, once each, in order', () => {
    expect(times).toEqual([1_000, 2_000, 40_000]);
  });

  it('plays on through busy moments and jumps a long quiet stretch to just before the next', () => {
    // Between two edits a second apart: no jump.
    expect(skipIdle(times, 1_500, 60_000)).toBe(1_500);
    // Just after the last edit: a moment to see it first.
    expect(skipIdle(times, 2_500, 60_000)).toBe(2_500);
    // Then on to just before the drawing 38 s later.
    expect(skipIdle(times, 4_000, 60_000)).toBe(40_000 - IDLE_LEAD_IN_MS);
    // Already close to it: no jump backwards.
    expect(skipIdle(times, 39_500, 60_000)).toBe(39_500);
    // Nothing after the drawing: on to the end.
    expect(skipIdle(times, 45_000, 60_000)).toBe(60_000 - IDLE_LEAD_IN_MS);
  });
});

describe('replays in the JSON report', () => {
  it('keeps those that fit within the report cap, in order, and names the rest', async () => {
    const { withReplays } = await import('../../server/src/loops/report');
    const { REPORT_MAX_BYTES } = await import('../../shared/src/report');
    const replayOf = (round: number, chars: number) =>
      ({ round, docs: [{ steps: [[0, 0, 0, 0, 'x'.repeat(chars)]] }] }) as unknown as RoundReplay;
    const base = Buffer.from(JSON.stringify({ format: 'mockloop-report@1', rounds: [] }));
    const big = Math.floor(REPORT_MAX_BYTES * 0.45);
    const json = withReplays(base, [
      replayOf(0, big),
      replayOf(1, big),
      replayOf(2, big),
      replayOf(3, 10),
    ]);
    expect(json.length).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    const parsed = JSON.parse(json.toString('utf8')) as {
      replays: RoundReplay[];
      replaysLeftOut: number[];
    };
    expect(parsed.replays.map((r) => r.round)).toEqual([0, 1, 3]);
    expect(parsed.replaysLeftOut).toEqual([2]);
    expect(JSON.parse(withReplays(base, []).toString('utf8'))).toEqual({
      format: 'mockloop-report@1',
      rounds: [],
      replays: [],
    });
  });
});

describe('recorded audio in the JSON report', () => {
  it('keeps the recordings that fit, names the rest and those too large to read', async () => {
    const { withReplays } = await import('../../server/src/loops/report');
    const base = Buffer.from('{"format":"mockloop-report@1"}');
    const recording = (id: string, chars: number) => ({
      id,
      role: 'candidate' as const,
      round: 0,
      startedAt: 1,
      mimeType: 'audio/webm',
      bytes: chars,
      audio: 'A'.repeat(chars),
    });
    const json = withReplays(
      base,
      [],
      {
        recordings: [recording('a', 600), recording('b', 600), recording('c', 10)],
        tooLarge: ['d'],
      },
      1_000 + base.length + 200,
    );
    const parsed = JSON.parse(json.toString('utf8')) as {
      recordings: { id: string }[];
      recordingsLeftOut: string[];
    };
    expect(parsed.recordings.map((r) => r.id)).toEqual(['a', 'c']);
    expect(parsed.recordingsLeftOut).toEqual(['d', 'b']);
  });
});
