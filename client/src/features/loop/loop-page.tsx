import { useEffect, useState } from 'react';
import { fetchRounds } from '@/lib/api';
import { rememberLoop, rememberQuestions, tokenFor } from '@/lib/device';
import { useStore } from '@/store/store';
import { ReviewPage } from '@/features/review/review-page';
import { LiveRegion } from '@/features/timer/phase-announcer';
import { connectLoop } from './loop-connection';
import { LoopHeader } from './loop-header';
import { RoundPanel } from './round-panel';

/** One loop: connects with the token from the link and shows the round or the review. */
export function LoopPage({ loopId }: { loopId: string }) {
  const [token] = useState(() => tokenFor(loopId));
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
      <p className="panel" aria-busy="true">
        Connecting to the loop…
      </p>
    );
  }
  const round = view.rounds[view.current]!;
  return (
    <div data-testid="loop" data-version={view.version}>
      <LiveRegion />
      {connection === 'offline' && (
        <p className="banner banner--warn" role="status">
          Connection lost — reconnecting. Your work is kept; the clock keeps running on the server.
        </p>
      )}
      {view.status === 'ended' ? (
        <ReviewPage view={view} token={token} />
      ) : (
        <>
          <LoopHeader view={view} />
          <RoundPanel key={round.index} view={view} round={round} />
        </>
      )}
    </div>
  );
}
