/**
 * A round's replay as one role may see it: its timeline, clock changes and test runs from
 * the event log, and its documents' and whiteboard's histories from the workspace store.
 */
import type { BoardElement } from '@mockloop/shared/board';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { Role } from '@mockloop/shared/loop/state';
import { replayTimeline } from '@mockloop/shared/replay/markers';
import {
  docsFor,
  replayable,
  type ClockChange,
  type RoundReplay,
} from '@mockloop/shared/replay/replay';
import type { WorkspaceStore } from '../store/store';
import { docHistories } from '../workspaces/history';
import type { LoopService } from './loop-service';

/** The events a replay reads: those that move the clock or are markers on the timeline. */
export const REPLAY_EVENTS = [
  'round.started',
  'clock.paused',
  'clock.resumed',
  'clock.extended',
  'phase.advanced',
  'round.ended',
  'hint.revealed',
  'lp-hint.revealed',
  'followup.pushed',
  'lp-followup.pushed',
  'code.ran',
] as const satisfies readonly LoopEvent['type'][];

/** The round's clock after each event that changed it. */
function clockChanges(events: readonly LoopEvent[], round: number): ClockChange[] {
  const changes: ClockChange[] = [];
  for (const event of events) {
    if (!('round' in event) || event.round !== round) continue;
    if (event.type === 'round.ended') changes.push({ at: event.at, clock: { kind: 'finished' } });
    else if ('clock' in event) changes.push({ at: event.at, clock: event.clock });
  }
  return changes;
}

export async function buildReplay(
  deps: { service: LoopService; store: WorkspaceStore },
  loopId: string,
  round: number,
  role: Role,
): Promise<Ack<RoundReplay>> {
  await deps.service.settle(loopId);
  const state = await deps.service.get(loopId);
  const planned = state?.rounds[round];
  if (!state || !planned) return fail('not-found', `this loop has no round ${round + 1}`);
  if (!replayable(planned))
    return fail(
      'conflict',
      planned.startedAt === null
        ? `round ${round + 1} did not run: there is nothing to replay`
        : `round ${round + 1} is still running: it can be replayed once it is over`,
    );
  const events = await deps.service.eventsOfTypes(loopId, REPLAY_EVENTS);
  // Private notes reach the staff only, here as everywhere.
  const docs = docsFor(
    docHistories(
      await deps.store.settledDocs(loopId, round),
      await deps.store.docHistory(loopId, round),
    ),
    role,
  );
  const board = (await deps.store.boardHistory(loopId, round)).map(({ at, json }) => ({
    at,
    elements: JSON.parse(json) as BoardElement[],
  }));
  return {
    ok: true,
    data: {
      round,
      phases: planned.phases,
      timeline: replayTimeline(events, round, planned.phases),
      clocks: clockChanges(events, round),
      runs: events.flatMap((event) =>
        event.type === 'code.ran' && event.round === round ? [event.run] : [],
      ),
      docs,
      board,
    },
  };
}
