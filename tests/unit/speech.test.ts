/**
 * Speech found in audio by loudness: tones in quiet noise are found where they are, short
 * pauses inside speech are bridged and clicks left out; speaking time, silence, the longest
 * silence and the talk ratio per span follow from the segments.
 */
import { describe, expect, it } from 'vitest';
import {
  byLabel,
  frameLoudness,
  partSpans,
  speechReport,
  speechSegments,
  union,
  type Segment,
} from '../../shared/src/replay/speech';

const RATE = 8_000;

/** Quiet noise with a 220 Hz "voice" in each given stretch (seconds). */
function audio(seconds: number, voiced: [number, number][], seed = 3): Float32Array {
  const samples = new Float32Array(seconds * RATE);
  let state = seed;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    samples[i] = (state / 2 ** 31 - 0.5) * 0.002;
    const t = i / RATE;
    if (voiced.some(([from, to]) => t >= from && t < to))
      samples[i]! += 0.3 * Math.sin(2 * Math.PI * 220 * t);
  }
  return samples;
}

const seconds = (segments: Segment[]) =>
  segments.map((s) => [Math.round(s.startMs / 100) / 10, Math.round(s.endMs / 100) / 10]);

describe('finding speech', () => {
  it('finds each voiced stretch, bridging short pauses and leaving clicks out', () => {
    const samples = audio(12, [
      [1, 3],
      [3.15, 4], // a 150 ms pause: one stretch with the one before
      [6, 6.05], // a 50 ms click: not speech
      [8, 10.5],
    ]);
    expect(seconds(speechSegments(frameLoudness(samples, RATE)))).toEqual([
      [1, 4],
      [8, 10.5],
    ]);
  });

  it('finds nothing in silence or in steady noise', () => {
    expect(speechSegments(frameLoudness(new Float32Array(RATE * 2), RATE))).toEqual([]);
    expect(speechSegments(frameLoudness(audio(3, []), RATE))).toEqual([]);
  });
});

describe('how you spoke', () => {
  const candidate = [
    { startMs: 1_000, endMs: 5_000 },
    { startMs: 20_000, endMs: 30_000 },
  ];
  const interviewer = [{ startMs: 5_000, endMs: 7_000 }];

  it('gives speaking time and silence per span, the longest silence and the talk ratio', () => {
    const report = speechReport(candidate, interviewer, [
      { label: 'Phase 1', fromMs: 0, toMs: 10_000 },
      { label: 'Phase 2', fromMs: 10_000, toMs: 40_000 },
    ]);
    expect(report.spans).toEqual([
      {
        label: 'Phase 1',
        durationMs: 10_000,
        candidateMs: 4_000,
        interviewerMs: 2_000,
        silenceMs: 4_000,
      },
      {
        label: 'Phase 2',
        durationMs: 30_000,
        candidateMs: 10_000,
        interviewerMs: 0,
        silenceMs: 20_000,
      },
    ]);
    // From the interviewer's last word at 7 s to the candidate's next at 20 s, across phases
    // counted within each: 7–10 s in phase 1, 10–20 s in phase 2 (the longest), 30–40 s.
    expect(report.longestSilence).toEqual({ startMs: 10_000, durationMs: 10_000 });
    expect(report.talkRatio).toBe(7);
  });

  it('has no talk ratio with one voice, and merges overlapping speech', () => {
    expect(
      speechReport(candidate, [], [{ label: 'All', fromMs: 0, toMs: 30_000 }]).talkRatio,
    ).toBeNull();
    expect(
      union(
        [{ startMs: 0, endMs: 10 }],
        [
          { startMs: 5, endMs: 20 },
          { startMs: 30, endMs: 40 },
        ],
      ),
    ).toEqual([
      { startMs: 0, endMs: 20 },
      { startMs: 30, endMs: 40 },
    ]);
  });
});

describe('time per STAR part', () => {
  it('gives each part the stretches its field was being typed in, and sums them', () => {
    const doc = {
      fields: ['situation', 'task', 'action'],
      steps: [
        [1_000, 0, 0, 0, 'S'],
        [2_000, 0, 1, 0, 'S'],
        [5_000, 1, 0, 0, 'T'],
        [9_000, 2, 0, 0, 'A'],
        [15_000, 0, 2, 0, '!'],
      ] as [number, number, number, number, string][],
    };
    const spans = partSpans(doc, 20_000);
    expect(spans.map((s) => [s.label, s.fromMs, s.toMs])).toEqual([
      ['situation', 1_000, 5_000],
      ['task', 5_000, 9_000],
      ['action', 9_000, 15_000],
      ['situation', 15_000, 20_000],
    ]);
    const report = speechReport([{ startMs: 0, endMs: 20_000 }], [], spans);
    expect(byLabel(report.spans).map((row) => [row.label, row.candidateMs])).toEqual([
      ['situation', 9_000],
      ['task', 4_000],
      ['action', 6_000],
    ]);
  });
});
