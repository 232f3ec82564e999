/**
 * "How you spoke", worked out from the recorded audio with no outside service: when each
 * voice spoke (from the loudness of short frames against the recording's own quiet), and
 * from that the speaking time and silence per phase, the longest silence and the talk
 * ratio between candidate and interviewer. Pure: the browser decodes the audio and hands
 * the samples in.
 */

/** Loudness is measured over frames this long. */
export const FRAME_MS = 20;
/** Speech is this much louder than the recording's quiet (its 10th percentile frame)... */
const ABOVE_QUIET_DB = 12;
/** ...and at least this loud. */
const SPEECH_FLOOR_DBFS = -50;
/** Pauses shorter than this inside speech count as speaking (breaths, stops between words). */
const BRIDGE_MS = 300;
/** Sounds shorter than this are not speech (a click, a cough). */
const SHORTEST_MS = 200;

/** A stretch of speech, in milliseconds from the recording's start. */
export interface Segment {
  startMs: number;
  endMs: number;
}

/** The loudness of each frame in dBFS (−Infinity for silence). */
export function frameLoudness(samples: Float32Array, sampleRate: number): Float32Array {
  const size = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frames = new Float32Array(Math.floor(samples.length / size));
  for (let f = 0; f < frames.length; f++) {
    let sum = 0;
    for (let i = f * size; i < (f + 1) * size; i++) sum += samples[i]! * samples[i]!;
    frames[f] = 10 * Math.log10(sum / size);
  }
  return frames;
}

/** When a voice spoke, from the loudness of its frames. */
export function speechSegments(loudness: Float32Array): Segment[] {
  if (!loudness.length) return [];
  const sorted = Float32Array.from(loudness).sort();
  const quiet = sorted[Math.floor(sorted.length * 0.1)]!;
  const threshold = Math.max(
    Number.isFinite(quiet) ? quiet + ABOVE_QUIET_DB : -Infinity,
    SPEECH_FLOOR_DBFS,
  );
  const raw: Segment[] = [];
  for (let f = 0; f < loudness.length; f++) {
    if (loudness[f]! <= threshold) continue;
    const startMs = f * FRAME_MS;
    const last = raw.at(-1);
    if (last && startMs - last.endMs < BRIDGE_MS) last.endMs = startMs + FRAME_MS;
    else raw.push({ startMs, endMs: startMs + FRAME_MS });
  }
  return raw.filter((segment) => segment.endMs - segment.startMs >= SHORTEST_MS);
}

/** Milliseconds of `segments` within [from, to). */
export function overlapMs(segments: readonly Segment[], from: number, to: number): number {
  let total = 0;
  for (const { startMs, endMs } of segments)
    total += Math.max(0, Math.min(endMs, to) - Math.max(startMs, from));
  return total;
}

/** The union of several voices' segments, in order. */
export function union(...voices: readonly (readonly Segment[])[]): Segment[] {
  const all = voices.flat().sort((a, b) => a.startMs - b.startMs);
  const merged: Segment[] = [];
  for (const segment of all) {
    const last = merged.at(-1);
    if (last && segment.startMs <= last.endMs) last.endMs = Math.max(last.endMs, segment.endMs);
    else merged.push({ ...segment });
  }
  return merged;
}

/** A span of the round, e.g. a phase, on the recording's clock (ms from its start). */
export interface Span {
  label: string;
  fromMs: number;
  toMs: number;
}

export interface SpeechReport {
  /** Per span: how long each voice spoke, and how long nobody did. */
  spans: {
    label: string;
    durationMs: number;
    candidateMs: number;
    interviewerMs: number;
    silenceMs: number;
  }[];
  /** The longest stretch with nobody speaking, within the spans. */
  longestSilence: { startMs: number; durationMs: number } | null;
  /** The candidate's speaking time over the interviewer's (null when only one voice was heard). */
  talkRatio: number | null;
}

/**
 * Speaking time and silence per span, the longest silence and the talk ratio, from when
 * the candidate spoke and when the interviewer did (empty for a solo loop).
 */
export function speechReport(
  candidate: readonly Segment[],
  interviewer: readonly Segment[],
  spans: readonly Span[],
): SpeechReport {
  const anyone = union(candidate, interviewer);
  let longestSilence: SpeechReport['longestSilence'] = null;
  const rows = spans.map(({ label, fromMs, toMs }) => {
    const durationMs = Math.max(0, toMs - fromMs);
    // The gaps between speech inside this span.
    let cursor = fromMs;
    for (const segment of [...anyone, { startMs: toMs, endMs: toMs }]) {
      if (segment.endMs <= fromMs) continue;
      const gapEnd = Math.min(segment.startMs, toMs);
      if (gapEnd - cursor > (longestSilence?.durationMs ?? 0))
        longestSilence = { startMs: cursor, durationMs: gapEnd - cursor };
      cursor = Math.max(cursor, segment.endMs);
      if (cursor >= toMs) break;
    }
    return {
      label,
      durationMs,
      candidateMs: overlapMs(candidate, fromMs, toMs),
      interviewerMs: overlapMs(interviewer, fromMs, toMs),
      silenceMs: durationMs - overlapMs(anyone, fromMs, toMs),
    };
  });
  const spoke = (voice: 'candidateMs' | 'interviewerMs') =>
    rows.reduce((sum, row) => sum + row[voice], 0);
  const interviewerMs = spoke('interviewerMs');
  return {
    spans: rows,
    longestSilence,
    talkRatio: interviewerMs > 0 ? spoke('candidateMs') / interviewerMs : null,
  };
}

/**
 * The stretches of a STAR answer given to each of its parts, taken from the part being
 * typed in: from a step in one field until a step in another (or `until`). Labelled with
 * the field's name; a part returned to has several stretches.
 */
export function partSpans(
  doc: { fields: readonly string[]; steps: readonly (readonly [number, number, ...unknown[]])[] },
  until: number,
): Span[] {
  const spans: Span[] = [];
  for (const [at, field] of doc.steps) {
    const label = doc.fields[field] ?? String(field);
    const last = spans.at(-1);
    if (last?.label === label) continue;
    if (last) last.toMs = at;
    spans.push({ label, fromMs: at, toMs: until });
  }
  return spans.filter((span) => span.toMs > span.fromMs);
}

/** A report's rows summed by label, in the order each label first comes. */
export function byLabel(rows: SpeechReport['spans']): SpeechReport['spans'] {
  const summed = new Map<string, SpeechReport['spans'][number]>();
  for (const row of rows) {
    const sum = summed.get(row.label);
    if (!sum) summed.set(row.label, { ...row });
    else
      for (const key of ['durationMs', 'candidateMs', 'interviewerMs', 'silenceMs'] as const)
        sum[key] += row[key];
  }
  return [...summed.values()];
}
