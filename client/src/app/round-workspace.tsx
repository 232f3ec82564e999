import type { RoundView } from '@mockloop/shared/loop/project';
import { CodeWorkspace } from '@/features/workspace-code/code-workspace';
import { DesignWorkspace } from '@/features/workspace-design/design-workspace';
import { StarWorkspace } from '@/features/workspace-star/star-workspace';
import { useLoopFacts, useRoundOpenForWork } from '@/store/loop-selectors';

/**
 * The round's workspace beside the notes, by the round's kind. It is editable while the
 * loop runs and the round is the current one and not over, by whoever the role's
 * permissions allow: code and whiteboard by both partners, STAR answers by the candidate.
 */
export function RoundWorkspace({ round }: { round: RoundView }) {
  const { permissions } = useLoopFacts();
  const live = useRoundOpenForWork(round.index);
  switch (round.workspace) {
    case 'code':
      return <CodeWorkspace round={round} editable={live && permissions.collaborate} />;
    case 'whiteboard':
      return <DesignWorkspace round={round} editable={live && permissions.collaborate} />;
    case 'star':
      return <StarWorkspace round={round} editable={live && permissions.notes} />;
    case 'notes':
      return null;
  }
}
