/**
 * A round played again on its review: a timeline with play and pause, speeds from 1× to
 * 16×, quiet stretches skipped if asked, and markers for phases, hints, follow-ups, test
 * runs and pauses; at every instant the clock, the code and its last test run, the STAR
 * answer, the notes (and for the staff the private notes) and the whiteboard as they were,
 * rebuilt from the round's stored history. Every control is a native one, so the keyboard
 * works as everywhere: Space or Enter on a button, arrows, Page Up/Down, Home and End on
 * the timeline.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { STAR_FIELD_NAMES, STAR_FIELDS } from '@mockloop/shared/star';
import type { RoundView } from '@mockloop/shared/loop/project';
import {
  boardAt,
  frameAt,
  indexReplay,
  REPLAY_SPEEDS,
  skipIdle,
  type IndexedReplay,
  type ReplayFrame,
  type ReplaySpeed,
  type RoundReplay,
} from '@mockloop/shared/replay/replay';
import type { ReplayMarker } from '@mockloop/shared/replay/markers';
import { DiagramImage } from '@/components/diagram-image';
import { OUTCOME_LABEL } from '@/components/run-report';
import { fetchReplay } from '@/lib/api';
import type { ReportRecording } from '@mockloop/shared/report';
import { ReplayAudio, type Voices } from './replay-audio';
import { positionText } from './replay-time';
import './replay.css';

/** Speech counts as activity every this often while someone speaks. */
const SPEECH_TICK_MS = 1_000;

/** The round's activity with the instants of speech added, sorted. */
function withSpeech(activity: readonly number[], voices: Voices): number[] {
  const times = [...activity];
  for (const segment of [...voices.candidate, ...voices.interviewer])
    for (let at = segment.startMs; at <= segment.endMs; at += SPEECH_TICK_MS) times.push(at);
  return times.sort((a, b) => a - b);
}

/** A jump of the back and forward buttons. */
const JUMP_MS = 10_000;

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; indexed: IndexedReplay };

function ClockLine({ frame, indexed }: { frame: ReplayFrame; indexed: IndexedReplay }) {
  const { phases } = indexed.replay;
  const { clock, phaseLeftMs, roundLeftMs } = frame.clock;
  let text: string;
  if (clock.kind === 'not-started') text = 'Before the round started';
  else if (clock.kind === 'finished') text = 'The round is over';
  else {
    const phase = phases[clock.phase];
    text =
      `Phase ${clock.phase + 1} of ${phases.length}: ${phase?.title ?? ''} · ` +
      `${positionText(phaseLeftMs)} left in the phase, ${positionText(roundLeftMs)} in the round` +
      (clock.kind === 'paused' ? ' · paused' : '');
  }
  return (
    <p className="replay__clock" data-testid="replay-clock">
      {text}
    </p>
  );
}

function Markers({
  markers,
  start,
  duration,
  onJump,
}: {
  markers: readonly ReplayMarker[];
  start: number;
  duration: number;
  onJump: (offsetMs: number) => void;
}) {
  return (
    <>
      <div className="replay__ticks" aria-hidden="true">
        {markers.map((marker, i) => (
          <span
            key={i}
            className={`replay__tick replay__tick--${marker.outcome ?? marker.kind}`}
            style={{ left: `${duration ? ((marker.at - start) / duration) * 100 : 0}%` }}
            title={marker.label}
          />
        ))}
      </div>
      <details className="replay__markers">
        <summary>Moments in this round ({markers.length})</summary>
        <ol>
          {markers.map((marker, i) => (
            <li key={i}>
              <button
                type="button"
                className="link-button"
                onClick={() => onJump(marker.at - start)}
              >
                <span className="replay__when">{positionText(marker.at - start)}</span>{' '}
                {marker.label}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}

function Frame({
  frame,
  indexed,
  round,
}: {
  frame: ReplayFrame;
  indexed: IndexedReplay;
  round: ReplayRound;
}) {
  const { board } = indexed.replay;
  // The whiteboard is drawn again only when it changed.
  const elements = useMemo(
    () => boardAt(board, indexed.boardTimes[frame.boardChanges - 1] ?? -Infinity),
    [board, indexed.boardTimes, frame.boardChanges],
  );
  const { run } = frame;
  return (
    <div className="replay__frame">
      {frame.code !== null && (
        <section aria-label="Code">
          <h4>Code</h4>
          <pre className="code-view replay__text" data-testid="replay-code">
            <code>{frame.code}</code>
          </pre>
          <p className="muted" data-testid="replay-run">
            {run
              ? `Last test run (${positionText(run.at - indexed.start)}): ${OUTCOME_LABEL[run.outcome]} — ${run.message}`
              : 'No test run yet'}
          </p>
        </section>
      )}
      {frame.star && (
        <section aria-label="STAR answer">
          <h4>STAR answer</h4>
          <dl className="review-star">
            {STAR_FIELDS.map((field) => (
              <div key={field}>
                <dt>{STAR_FIELD_NAMES[field]}</dt>
                <dd className="notes-view" data-testid={`replay-star-${field}`}>
                  {frame.star?.[field] ?? ''}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {round.workspace === 'whiteboard' && (
        <section aria-label="Whiteboard">
          <h4>Whiteboard</h4>
          <DiagramImage round={round.index} title={round.title} elements={elements} />
        </section>
      )}
      {frame.notes !== null && (
        <section aria-label="Notes">
          <h4>Notes</h4>
          <pre className="notes-view replay__text" data-testid="replay-notes">
            {frame.notes}
          </pre>
        </section>
      )}
      {frame.privateNotes !== null && (
        <section aria-label="Private notes">
          <h4>The interviewer&apos;s private notes</h4>
          <pre className="notes-view replay__text" data-testid="replay-private-notes">
            {frame.privateNotes}
          </pre>
        </section>
      )}
    </div>
  );
}

/** The round a replay shows: which, its title, and its workspace. */
export type ReplayRound = Pick<RoundView, 'index' | 'title' | 'workspace'>;

/**
 * Where a replay comes from: the loop on the server (with its recordings), or a report
 * file that carries it (with the recordings it carries, if any).
 */
export type ReplaySource =
  | { kind: 'loop'; loopId: string; token: string }
  | { kind: 'report'; loopId: string; replay: RoundReplay; recordings: ReportRecording[] };

/** What a replay needs: where it comes from, which round, and whether the loop was a pair. */
export interface ReplayProps {
  source: ReplaySource;
  round: ReplayRound;
  paired: boolean;
}

export default function ReplayPanel({ source, round, paired }: ReplayProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [offset, setOffset] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(4);
  const [skip, setSkip] = useState(true);
  const [voices, setVoices] = useState<Voices | null>(null);
  const offsetRef = useRef(0);
  offsetRef.current = offset;

  useEffect(() => {
    let live = true;
    (source.kind === 'loop'
      ? fetchReplay(source.loopId, source.token, round.index)
      : Promise.resolve(source.replay)
    )
      .then((replay) => live && setLoaded({ state: 'ready', indexed: indexReplay(replay) }))
      .catch((error: Error) => live && setLoaded({ state: 'failed', message: error.message }));
    return () => {
      live = false;
    };
  }, [source, round.index]);

  const indexed = loaded.state === 'ready' ? loaded.indexed : null;
  const duration = indexed ? indexed.end - indexed.start : 0;
  // Speech is something happening too: a quiet stretch is one where nobody typed or spoke.
  const activity = useMemo(
    () => (indexed && voices ? withSpeech(indexed.activity, voices) : (indexed?.activity ?? [])),
    [indexed, voices],
  );

  useEffect(() => {
    if (!playing || !indexed) return;
    let last = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      let at = indexed.start + offsetRef.current + (now - last) * speed;
      last = now;
      if (skip) at = skipIdle(activity, at, indexed.end);
      const next = Math.min(at - indexed.start, duration);
      offsetRef.current = next;
      setOffset(next);
      if (next >= duration) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, skip, indexed, duration, activity]);

  if (loaded.state === 'loading') return <p className="muted">Loading the replay…</p>;
  if (loaded.state === 'failed')
    return <p className="error">The replay could not be loaded: {loaded.message}</p>;
  const { indexed: ready } = loaded;
  const frame = frameAt(ready, ready.start + offset);
  const seek = (to: number) => setOffset(Math.min(duration, Math.max(0, to)));
  const togglePlay = () => {
    if (!playing && offset >= duration) setOffset(0);
    setPlaying(!playing);
  };

  return (
    <div className="replay" data-testid="replay">
      <div className="replay__controls">
        <button
          type="button"
          className="button button--primary"
          onClick={togglePlay}
          data-testid="replay-play"
        >
          {playing ? 'Pause' : offset >= duration ? 'Play again' : 'Play'}
        </button>
        <button type="button" className="button" onClick={() => seek(offset - JUMP_MS)}>
          Back 10 s
        </button>
        <button type="button" className="button" onClick={() => seek(offset + JUMP_MS)}>
          Forward 10 s
        </button>
        <label>
          Speed{' '}
          <select
            value={speed}
            onChange={(event) => setSpeed(Number(event.target.value) as ReplaySpeed)}
          >
            {REPLAY_SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={skip}
            onChange={(event) => setSkip(event.target.checked)}
          />{' '}
          Skip quiet stretches
        </label>
      </div>
      <div className="replay__timeline">
        <input
          type="range"
          className="replay__slider"
          aria-label={`Position in round ${round.index + 1}`}
          aria-valuetext={`${positionText(offset)} of ${positionText(duration)}`}
          min={0}
          max={Math.ceil(duration / 1000)}
          step={1}
          value={Math.floor(offset / 1000)}
          onChange={(event) => seek(Number(event.target.value) * 1000)}
          data-testid="replay-slider"
        />
        <Markers
          markers={ready.replay.timeline.markers}
          start={ready.start}
          duration={duration}
          onJump={seek}
        />
      </div>
      <p className="replay__position" data-testid="replay-position">
        {positionText(offset)} of {positionText(duration)}
      </p>
      <ClockLine frame={frame} indexed={ready} />
      <Frame frame={frame} indexed={ready} round={round} />
      {(source.kind === 'loop' || source.recordings.length > 0) && (
        <ReplayAudio
          source={source}
          round={round.index}
          indexed={ready}
          at={ready.start + offset}
          playing={playing}
          speed={speed}
          onVoices={setVoices}
          paired={paired}
        />
      )}
    </div>
  );
}
