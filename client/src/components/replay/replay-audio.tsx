/**
 * The recordings of a round on its replay: each plays in step with the timeline (at its
 * speed, following every seek), can be downloaded and deleted for good; and "How you
 * spoke", worked out here from the audio: speaking time and silence per phase, the longest
 * silence and the talk ratio between candidate and interviewer.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Role } from '@mockloop/shared/loop/state';
import { STAR_FIELD_NAMES, type StarField } from '@mockloop/shared/star';
import type { IndexedReplay } from '@mockloop/shared/replay/replay';
import {
  byLabel,
  frameLoudness,
  partSpans,
  speechReport,
  speechSegments,
  union,
  type Segment,
  type Span,
  type SpeechReport,
} from '@mockloop/shared/replay/speech';
import {
  deleteRecording,
  listRecordings,
  recordingAudio,
  reportAudio,
  reportRecordings,
  type KeptRecording,
} from '@/lib/recordings';
import type { ReplaySource } from './replay-panel';
import { positionText } from './replay-time';
import { ScrollRegion } from '@/components/scroll-region';

/** A recording with its audio, ready to play. */
interface Loaded {
  recording: KeptRecording;
  url: string;
  blob: Blob;
}

/** When each voice spoke, on the round's clock (epoch ms), from one recording. */
export interface Voices {
  candidate: Segment[];
  interviewer: Segment[];
  /** The stretch the recordings cover. */
  covered: Segment;
}

/** Decodes a recording and finds when each voice spoke: its own on the left, heard on the right. */
async function voicesOf(loaded: Loaded): Promise<Voices> {
  const context = new AudioContext();
  try {
    const audio = await context.decodeAudioData(await loaded.blob.arrayBuffer());
    const at = (segments: Segment[]) =>
      segments.map((s) => ({
        startMs: s.startMs + loaded.recording.startedAt,
        endMs: s.endMs + loaded.recording.startedAt,
      }));
    const channel = (i: number) =>
      i < audio.numberOfChannels
        ? at(speechSegments(frameLoudness(audio.getChannelData(i), audio.sampleRate)))
        : [];
    const own = channel(0);
    const heard = channel(1);
    const { startedAt } = loaded.recording;
    const covered = { startMs: startedAt, endMs: startedAt + audio.duration * 1000 };
    return loaded.recording.role === 'candidate'
      ? { candidate: own, interviewer: heard, covered }
      : { candidate: heard, interviewer: own, covered };
  } finally {
    void context.close();
  }
}

/** The round's phases as spans of wall time (from its markers), within what was recorded. */
export function phaseSpans(indexed: IndexedReplay, covered: Segment): Span[] {
  const markers = indexed.replay.timeline.markers.filter(
    (m) => m.kind === 'start' || m.kind === 'phase' || m.kind === 'end',
  );
  return markers
    .slice(0, -1)
    .map((marker, i) => ({
      label: marker.label.replace(/^Started · /, ''),
      fromMs: Math.max(marker.at, covered.startMs),
      toMs: Math.min(markers[i + 1]!.at, covered.endMs),
    }))
    .filter((span) => span.toMs > span.fromMs);
}

const ROLE_NAMES: Record<Role, string> = {
  candidate: "The candidate's",
  interviewer: "The interviewer's",
  observer: "The observer's",
};

const PLACE_WORDS: Record<KeptRecording['place'], string> = {
  server: 'kept on the server',
  browser: 'kept in this browser',
  report: 'from the report file',
};

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en')} KB`;

/** Speaking time and silence per row (a phase, or a part of a STAR answer). */
function SpokeRows({
  rows,
  first,
  caption,
  testId,
}: {
  rows: SpeechReport['spans'];
  first: string;
  caption: string;
  testId: string;
}) {
  return (
    <ScrollRegion label={caption}>
      <table className="score-table replay__spoke-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">Length</th>
            <th scope="col">Candidate</th>
            <th scope="col">Interviewer</th>
            <th scope="col">Silence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{positionText(row.durationMs)}</td>
              <td>{positionText(row.candidateMs)}</td>
              <td>{positionText(row.interviewerMs)}</td>
              <td>{positionText(row.silenceMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SpokeTable({ report, parts }: { report: SpeechReport; parts: SpeechReport | null }) {
  return (
    <div className="replay__spoke" data-testid="how-you-spoke">
      <h4>How you spoke</h4>
      <p className="muted">
        Worked out in this browser from the recorded audio: when each voice was louder than the
        recording&apos;s quiet. Minutes each spoke, and of silence; the phases count only the time
        recorded.
      </p>
      <SpokeRows
        rows={report.spans}
        first="Phase"
        caption="Speaking time and silence per phase"
        testId="spoke-phases"
      />
      <p className="muted" data-testid="longest-silence">
        {report.longestSilence
          ? `Longest silence: ${positionText(report.longestSilence.durationMs)}.`
          : 'No silence in the recorded phases.'}{' '}
        {report.talkRatio === null
          ? 'Only one voice was recorded, so there is no talk ratio.'
          : `Talk ratio, candidate to interviewer: ${report.talkRatio.toFixed(1)} to 1.`}
      </p>
      {parts && parts.spans.length > 0 && (
        <>
          <p className="muted">
            Time per part of the STAR answer, each part counted from when its field was being typed
            in:
          </p>
          <SpokeRows
            rows={byLabel(parts.spans).map((row) => ({
              ...row,
              label: STAR_FIELD_NAMES[row.label as StarField] ?? row.label,
            }))}
            first="STAR part"
            caption="Speaking time per part of the STAR answer"
            testId="spoke-star-parts"
          />
        </>
      )}
    </div>
  );
}

export function ReplayAudio({
  source,
  round,
  indexed,
  at,
  playing,
  speed,
  onVoices,
  paired,
}: {
  paired: boolean;
  source: ReplaySource;
  round: number;
  indexed: IndexedReplay;
  /** The replay's instant, epoch ms. */
  at: number;
  playing: boolean;
  speed: number;
  /** When the voices are known: the replay treats speech as something happening. */
  onVoices: (voices: Voices) => void;
}) {
  const [loaded, setLoaded] = useState<Loaded[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [voices, setVoices] = useState<Voices | null>(null);
  const audios = useRef(new Map<string, HTMLAudioElement>());

  useEffect(() => {
    let live = true;
    const urls: string[] = [];
    (async () => {
      const kept =
        source.kind === 'loop'
          ? await listRecordings(source.loopId, source.token)
          : reportRecordings(source.loopId, source.recordings);
      const mine = kept.filter((r) => r.round === round);
      const withAudio = await Promise.all(
        mine.map(async (recording) => {
          const blob =
            source.kind === 'loop'
              ? await recordingAudio(recording, source.token)
              : reportAudio(source.recordings, recording);
          const url = URL.createObjectURL(blob);
          urls.push(url);
          return { recording, url, blob };
        }),
      );
      if (live) setLoaded(withAudio);
    })().catch((error: Error) => live && setProblem(error.message));
    return () => {
      live = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [source, round]);

  useEffect(() => {
    if (!loaded?.length) return;
    let live = true;
    Promise.all(loaded.map(voicesOf))
      .then((all) => {
        if (!live) return;
        const merged = {
          candidate: union(...all.map((v) => v.candidate)),
          interviewer: union(...all.map((v) => v.interviewer)),
          covered: {
            startMs: Math.min(...all.map((v) => v.covered.startMs)),
            endMs: Math.max(...all.map((v) => v.covered.endMs)),
          },
        };
        setVoices(merged);
        onVoices(merged);
      })
      .catch((error: Error) => live && setProblem(`the audio could not be read: ${error.message}`));
    return () => {
      live = false;
    };
    // onVoices is the panel's setter; the analysis runs once per set of recordings.
  }, [loaded]);

  // Each recording follows the timeline: playing where the replay is, at its speed.
  useEffect(() => {
    for (const { recording } of loaded ?? []) {
      const audio = audios.current.get(recording.id);
      if (!audio) continue;
      const offset = (at - recording.startedAt) / 1000;
      const within = offset >= 0 && (!audio.duration || offset < audio.duration);
      audio.playbackRate = speed;
      if (Math.abs(audio.currentTime - offset) > 0.35 && within) audio.currentTime = offset;
      if (playing && within && audio.paused) void audio.play().catch(() => undefined);
      if ((!playing || !within) && !audio.paused) audio.pause();
    }
  }, [at, playing, speed, loaded]);

  const report = useMemo(
    () =>
      voices
        ? speechReport(voices.candidate, voices.interviewer, phaseSpans(indexed, voices.covered))
        : null,
    [voices, indexed],
  );
  // The STAR answer's parts, where the round has one: from which field was being typed in.
  const parts = useMemo(() => {
    const star = indexed.replay.docs.find((doc) => doc.ref.kind === 'star');
    if (!voices || !star) return null;
    const spans = partSpans(star, Math.min(indexed.end, voices.covered.endMs)).map((span) => ({
      ...span,
      fromMs: Math.max(span.fromMs, voices.covered.startMs),
    }));
    return speechReport(
      voices.candidate,
      voices.interviewer,
      spans.filter((span) => span.toMs > span.fromMs),
    );
  }, [voices, indexed]);

  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = async (item: Loaded) => {
    if (confirming !== item.recording.id) {
      setConfirming(item.recording.id);
      return;
    }
    try {
      if (source.kind !== 'loop') return;
      await deleteRecording(item.recording, source.token);
      setLoaded((current) => current?.filter((l) => l.recording.id !== item.recording.id) ?? null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  if (problem) return <p className="error">The recordings could not be loaded: {problem}</p>;
  if (!loaded) return <p className="muted">Looking for recordings…</p>;
  if (!loaded.length)
    return <p className="muted">No spoken answers were recorded in this round.</p>;
  return (
    <section className="replay__audio" aria-label="Recordings" data-testid="replay-recordings">
      <h4>Recordings</h4>
      <ul>
        {loaded.map((item) => (
          <li key={item.recording.id} data-testid="recording-item">
            {ROLE_NAMES[item.recording.role]} microphone
            {paired && ' and what they heard'} · {kb(item.recording.bytes || item.blob.size)} ·{' '}
            {PLACE_WORDS[item.recording.place]}{' '}
            <audio
              ref={(element) => {
                if (element) audios.current.set(item.recording.id, element);
                else audios.current.delete(item.recording.id);
              }}
              src={item.url}
              preload="auto"
              data-testid="recording-audio"
            />
            <a
              className="button"
              href={item.url}
              download={`mockloop-${item.recording.loopId}-round-${round + 1}-${item.recording.role}.${
                item.recording.mimeType.includes('ogg')
                  ? 'ogg'
                  : item.recording.mimeType.includes('mp4')
                    ? 'm4a'
                    : 'webm'
              }`}
            >
              Download
            </a>{' '}
            {source.kind === 'loop' && (
              <button
                type="button"
                className="button"
                onClick={() => void remove(item)}
                data-testid="recording-delete"
              >
                {confirming === item.recording.id ? 'Press again to delete it for good' : 'Delete'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {report ? (
        <SpokeTable report={report} parts={parts} />
      ) : (
        <p className="muted">Listening to the audio…</p>
      )}
    </section>
  );
}
