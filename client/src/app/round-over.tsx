import type { RoundView } from '@mockloop/shared/loop/project';

/** Says the round is over and its work is kept read-only; focus lands here on End round. */
export function RoundOver({ round }: { round: RoundView }) {
  if (round.status !== 'scoring') return null;
  return (
    <p className="banner banner--info" data-testid="round-over" tabIndex={-1}>
      This round is over: what was written and drawn in it is kept, read-only.
    </p>
  );
}
