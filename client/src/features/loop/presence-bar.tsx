import type { LoopView } from '@mockloop/shared/loop/project';
import { ROLES } from '@mockloop/shared/loop/state';
import { useStore } from '@/store/store';

/** Who else is here, in words (not colour alone). */
export function PresenceBar({ view }: { view: LoopView }) {
  const presence = useStore((s) => s.presence);
  if (view.mode !== 'paired') return null;
  return (
    <ul className="presence" aria-label="Who is connected" data-testid="presence">
      <li className="presence__me">
        You are the <strong>{view.role}</strong>
      </li>
      {ROLES.filter((r) => r !== view.role && (r !== 'observer' || presence?.observer)).map(
        (role) => (
          <li key={role} className={presence?.[role] ? 'presence--on' : 'presence--off'}>
            <span aria-hidden="true">{presence?.[role] ? '●' : '○'}</span> {role}:{' '}
            {presence?.[role] ? 'connected' : 'not connected'}
          </li>
        ),
      )}
    </ul>
  );
}
