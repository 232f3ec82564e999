/** The button that opens a round's replay, and the replay once opened (its code loaded then). */
import { lazy, Suspense, useState } from 'react';
import type { ReplayProps } from './replay-panel';

const ReplayPanel = lazy(() => import('./replay-panel'));

/** A round's replay, loaded when asked for: from the loop, or from a report that carries it. */
export function RoundReplay({ source, round, paired }: ReplayProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className="review-replay">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="replay-toggle"
      >
        {open ? 'Hide the replay' : 'Watch this round again'}
      </button>
      {open && (
        <Suspense fallback={<p className="muted">Loading the replay…</p>}>
          <ReplayPanel source={source} round={round} paired={paired} />
        </Suspense>
      )}
    </div>
  );
}
