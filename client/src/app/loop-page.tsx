import { useEffect, useRef, useState } from 'react';
import { navigate } from '@/lib/router';
import { fetchRounds } from '@/lib/api';
import { rememberLoop, rememberQuestions, tokenFor } from '@/lib/device';
import { useStore } from '@/store/store';
import { ReviewPage } from '@/features/review/review-page';
import { LiveRegion } from '@/features/timer/phase-announcer';
import { connectLoop } from '@/lib/loop-connection';
import { InvitePanel } from '@/features/loop/invite-panel';
import { LoopHeader } from '@/features/loop/loop-header';
import { PresenceBar } from '@/features/loop/presence-bar';
import { RoundPanel } from '@/app/round-panel';
import { CallPanel } from '@/features/call/call-panel';
import { RecordingPanel } from '@/features/recording/recording-panel';

/** One loop: connects with the token from the link and shows the round or the review. */
export function LoopPage({ loopId }: { loopId: string }) {
  const [token, setToken] = useState(() => tokenFor(loopId));
  // A new link for the same loop pasted into this tab changes only the fragment.
  useEffect(() => {
    const follow = () => setToken(tokenFor(loopId));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [loopId]);
  const view = useStore((s) => s.view);
  const connection = useStore((s) => s.connection);
  const connectionError = useStore((s) => s.connectionError);
  const content = useStore((s) => s.content);
  const setContent = useStore((s) => s.setContent);

  useEffect(() => {
    if (!token) return;
    return connectLoop(loopId, token);
  }, [loopId, token]);

  useEffect(() => {
    if (!content) void fetchRounds().then(setContent);
  }, [content, setContent]);

  const viewId = view?.id;
  const role = view?.role;
  useEffect(() => {
    if (!viewId || !token || !role) return;
    rememberLoop({ id: viewId, token, role, savedAt: Date.now() });
  }, [viewId, token, role]);
  // When the pair swaps roles, both sides follow into the next loop with their own token.
  const nextLoopId = view?.id === loopId ? view.nextLoopId : null;
  const sawNoNext = useRef(false);
  useEffect(() => {
    if (view?.id !== loopId) return;
    if (!nextLoopId) sawNoNext.current = true;
    else if (sawNoNext.current && token) navigate(`/loop/${nextLoopId}#token=${token}`);
  }, [view?.id, loopId, nextLoopId, token]);

  const questionIds = view?.rounds.map((r) => r.question.id).join(',');
  useEffect(() => {
    if (questionIds) rememberQuestions(questionIds.split(','));
  }, [questionIds]);

  if (!token) {
    return (
      <section className="panel" role="alert">
        <h1>This link is missing its access token</h1>
        <p>
          Open the full link you were given (it ends in <code>#token=…</code>), or{' '}
          <a href="/">start a new loop</a>.
        </p>
      </section>
    );
  }
  if (connection === 'failed') {
    return (
      <section className="panel" role="alert">
        <h1>Could not open this loop</h1>
        <p>{connectionError}</p>
        <p>
          <a href="/">Start a new loop</a>
        </p>
      </section>
    );
  }
  if (!view || view.id !== loopId) {
    return (
      <div className="panel" aria-busy="true" role="status">
        <p>Connecting to the loop…</p>
        {connectionError && (
          <p data-testid="connection-refused">
            Not connected yet: {connectionError}. This page keeps trying.
          </p>
        )}
      </div>
    );
  }
  const round = view.rounds[view.current]!;
  const recordingOnTop = view.recording.on || round.status !== 'in-progress';
  return (
    <div data-testid="loop" data-version={view.version}>
      <LiveRegion />
      {connection === 'offline' && (
        <p className="banner banner--warn" role="status">
          Connection lost — reconnecting. Your work is kept; the clock keeps running on the server.
          {connectionError && ` The server says: ${connectionError}`}
        </p>
      )}
      <PresenceBar />
      {view.mode === 'paired' && <CallPanel loopId={loopId} role={view.role} mode={view.mode} />}
      {/* Recording is set up before a round and its indicator always shows while it is on;
          while a round runs without it, its control waits below the round. */}
      {view.status !== 'ended' && recordingOnTop && <RecordingPanel view={view} token={token} />}
      {view.status === 'ended' ? (
        <ReviewPage view={view} token={token} />
      ) : (
        <>
          <LoopHeader />
          {view.mode === 'paired' &&
            view.role !== 'observer' &&
            (view.current === 0 && round.status === 'pending' ? (
              <InvitePanel />
            ) : (
              // Out of the lobby the links stay one click away: to send again, or replace.
              <details className="share" data-testid="share">
                <summary>Share the loop&apos;s links</summary>
                <InvitePanel />
              </details>
            ))}
          <RoundPanel key={round.index} index={round.index} />
          {!recordingOnTop && <RecordingPanel view={view} token={token} />}
        </>
      )}
    </div>
  );
}
