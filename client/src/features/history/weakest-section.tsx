/** The lowest-rated rubric dimensions, each with a one-click drill of its round. */
import { useState } from 'react';
import type { WeakDimension } from '@mockloop/shared/review/history';
import { navigate } from '@/lib/router';
import { createLoop } from '@/lib/api';
import { preferredLevel, recentQuestionIds, rememberLoop } from '@/lib/device';

/** Starts a solo loop of one round at the level this device aims for, and opens it. */
async function startDrill(roundId: string): Promise<void> {
  const created = await createLoop({
    mode: 'solo',
    targetLevel: preferredLevel(),
    rounds: [{ id: roundId }],
    recentQuestionIds: recentQuestionIds(),
  });
  const token = created.tokens.candidate;
  rememberLoop({ id: created.id, token, role: 'candidate', savedAt: Date.now() });
  navigate(`/loop/${created.id}#token=${token}`);
}

export function WeakestSection({ weakest }: { weakest: WeakDimension[] }) {
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const drill = async (roundId: string) => {
    setStarting(roundId);
    setError(null);
    try {
      await startDrill(roundId);
    } catch (e) {
      setError((e as Error).message);
      setStarting(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="weakest-title">
      <h2 id="weakest-title">Where to practise next</h2>
      {weakest.length === 0 ? (
        <p>No rubric dimension has been rated yet.</p>
      ) : (
        <ol className="weakest" data-testid="weakest">
          {weakest.map((w) => (
            <li key={`${w.roundId}/${w.dimensionId}`} className="weakest__item">
              <div>
                <strong>{w.title}</strong> <span className="muted">in {w.roundTitle}</span>
                <br />
                Average {w.average.toFixed(1)} over {w.count} {w.count === 1 ? 'loop' : 'loops'},
                latest {w.latest}
              </div>
              <button
                type="button"
                className="button button--primary"
                disabled={starting !== null}
                onClick={() => void drill(w.roundId)}
              >
                {starting === w.roundId ? 'Starting…' : 'Drill this round'}
                <span className="visually-hidden">
                  : {w.roundTitle} ({w.title})
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="error" role="alert">
          Could not start the drill: {error}
        </p>
      )}
    </section>
  );
}
