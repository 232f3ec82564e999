import { lazy, Suspense, useRef, useState } from 'react';
import type { RoundView } from '@mockloop/shared/loop/project';
import type { BoardSyncStatus } from './board-session';

/**
 * Excalidraw is a separate chunk, fetched only when a system-design round shows it, and
 * only once the asset path points it at this origin's fonts.
 */
const Whiteboard = lazy(async () => {
  await import('virtual:excalidraw-assets');
  return import('./whiteboard');
});

const STATUS_LABEL: Record<BoardSyncStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  error: 'Not saved — retrying',
};

/**
 * The system-design workspace: an Excalidraw whiteboard shared live by everyone in the
 * loop; view only for the observer.
 */
export function DesignWorkspace({ round, editable }: { round: RoundView; editable: boolean }) {
  const [status, setStatus] = useState<BoardSyncStatus>('saved');
  const after = useRef<HTMLParagraphElement>(null);
  const titleId = `whiteboard-title-${round.index}`;
  const helpId = `whiteboard-help-${round.index}`;
  return (
    <section className="whiteboard" aria-labelledby={titleId} aria-describedby={helpId}>
      <div className="notes__header">
        <h2 id={titleId}>{editable ? 'Whiteboard' : 'Whiteboard (live, view only)'}</h2>
        {editable && (
          <span className="muted" role="status" data-testid="whiteboard-save-state">
            {STATUS_LABEL[status]}
          </span>
        )}
      </div>
      <p className="muted whiteboard__help" id={helpId}>
        {editable
          ? 'Everyone in this loop sees the board as you draw. With the board focused, keys pick tools (R rectangle, A arrow, T text, V select) and Tab moves through its toolbar and on; while typing on the board, press Escape first.'
          : 'The board updates as the others draw.'}
      </p>
      {/* Excalidraw's toolbar adds many tab stops; this jumps past them. */}
      <button type="button" className="whiteboard__skip" onClick={() => after.current?.focus()}>
        Skip past the whiteboard
      </button>
      <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
        <Whiteboard
          key={round.index}
          round={round.index}
          editable={editable}
          name={round.title}
          onStatus={setStatus}
        />
      </Suspense>
      <p className="visually-hidden" tabIndex={-1} ref={after}>
        End of the whiteboard.
      </p>
    </section>
  );
}
