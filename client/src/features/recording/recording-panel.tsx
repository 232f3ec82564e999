/**
 * Recording the spoken answers, on the loop page. Off until switched on: each person who
 * speaks (the candidate; in a pair the interviewer too) agrees, and either can stop it. While
 * it is on, everyone — the observer included — sees the indicator, and the browser of each
 * person who agreed records every round while it runs, keeping the audio where they chose:
 * with the loop on the server, or only in this browser.
 */
import { useEffect, useRef, useState } from 'react';
import type { LoopView } from '@mockloop/shared/loop/project';
import { mayRecord } from '@mockloop/shared/recording';
import { ActionButton } from '@/components/action-button';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import type { RecordingPlace } from '@/lib/recordings';
import { activeCallStreams, subscribeToCall } from '@/lib/active-call';
import { useStore } from '@/store/store';
import './recording.css';

const PLACE_KEY = 'mockloop.recordingPlace';
const storedPlace = (): RecordingPlace =>
  localStorage.getItem(PLACE_KEY) === 'browser' ? 'browser' : 'server';

const names = (roles: readonly string[]) => roles.map((role) => `the ${role}`).join(' and ');

/** Records the current round while recording is on and the round runs. */
function useRoundRecording(view: LoopView, token: string, place: RecordingPlace) {
  const round = view.rounds[view.current]!;
  const active =
    view.recording.on && mayRecord(view.mode, view.role) && round.status === 'in-progress';
  const [problem, setProblem] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const placeRef = useRef(place);
  placeRef.current = place;
  const index = round.index;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let stop = () => {};
    const now = () => Date.now() + useStore.getState().offsetMs;
    // The recorder's code is loaded only when something is recorded.
    void Promise.all([import('@/lib/recorder'), import('@/lib/recordings')])
      .then(async ([{ AnswerRecorder }, { browserSink, serverSink }]) => {
        if (stopped) return;
        const sink =
          placeRef.current === 'server'
            ? serverSink(view.id, token, index)
            : browserSink(view.id, view.role, index);
        const recorder = new AnswerRecorder(sink, setProblem);
        const unsubscribe = subscribeToCall(() => recorder.hear(activeCallStreams()));
        stop = () => {
          unsubscribe();
          void recorder.stop();
        };
        await recorder.start(now);
        if (stopped) return;
        recorder.hear(activeCallStreams());
        setRecording(true);
        setProblem(null);
      })
      .catch((error: Error) => setProblem(`recording could not start: ${error.message}`));
    return () => {
      stopped = true;
      setRecording(false);
      stop();
    };
  }, [active, view.id, view.role, token, index]);
  return { recording, problem };
}

export function RecordingPanel({ view, token }: { view: LoopView; token: string }) {
  const [place, setPlace] = useState(storedPlace);
  const { run, busy, error } = useCommand();
  const { recording, problem } = useRoundRecording(view, token, place);
  const { agreed, needed, on } = view.recording;
  const speaks = mayRecord(view.mode, view.role);
  const mine = agreed.includes(view.role);
  const waiting = needed.filter((role) => !agreed.includes(role));
  const choose = (next: RecordingPlace) => {
    localStorage.setItem(PLACE_KEY, next);
    setPlace(next);
  };

  const state = on
    ? recording
      ? 'this browser is recording this round'
      : `everyone agreed; each round is recorded while it runs`
    : agreed.length
      ? `waiting for ${names(waiting)} to agree`
      : `nothing is recorded until ${names(needed)} ${needed.length > 1 ? 'agree' : 'agrees'}`;
  return (
    <section
      className={`recording${on ? ' recording--on' : ''}`}
      aria-label="Recording"
      data-testid="recording"
    >
      <details>
        <summary>
          {on ? (
            <strong className="recording__indicator" data-testid="recording-indicator">
              <span aria-hidden="true">●</span> Recording spoken answers
            </strong>
          ) : (
            <strong>Recording: off</strong>
          )}{' '}
          <span className="muted" role="status" data-testid="recording-state">
            — {state}
          </span>
        </summary>
        {speaks ? (
          <div className="recording__controls">
            {mine ? (
              <ActionButton
                className="button"
                busy={busy}
                onClick={() => void run('recording:withdraw', {})}
                data-testid="recording-withdraw"
              >
                Stop recording
              </ActionButton>
            ) : (
              <ActionButton
                className="button"
                busy={busy}
                onClick={() => void run('recording:agree', {})}
                data-testid="recording-agree"
              >
                I agree to record my spoken answers
              </ActionButton>
            )}
            <fieldset className="recording__place">
              <legend>Keep my recordings</legend>
              <label>
                <input
                  type="radio"
                  name="recording-place"
                  checked={place === 'server'}
                  onChange={() => choose('server')}
                />{' '}
                with this loop on the server
              </label>
              <label>
                <input
                  type="radio"
                  name="recording-place"
                  checked={place === 'browser'}
                  onChange={() => choose('browser')}
                />{' '}
                only in this browser
              </label>
            </fieldset>
            <p className="muted recording__note">
              Your microphone is recorded
              {view.mode === 'paired' && ', and in the call what you hear'}. Recordings can be
              played with the replay on the review, downloaded and deleted for good there.
            </p>
          </div>
        ) : (
          <p className="muted recording__note">
            Only the people who speak in the loop can switch recording on or off.
          </p>
        )}
      </details>
      <ErrorMessage message={error ?? problem} />
    </section>
  );
}
