import { ROLES } from '@mockloop/shared/loop/state';
import { useLoopField } from '@/store/loop-selectors';
import { useStore } from '@/store/store';

/** Who else is here, in words (not colour alone). */
export function PresenceBar() {
  const presence = useStore((s) => s.presence);
  const mode = useLoopField('mode');
  const me = useLoopField('role');
  if (mode !== 'paired') return null;
  return (
    <ul className="presence" aria-label="Who is connected" data-testid="presence">
      <li className="presence__me">
        You are the <strong>{me}</strong>
      </li>
      {ROLES.filter((r) => r !== me && (r !== 'observer' || presence?.observer)).map((role) => (
        <li key={role} className={presence?.[role] ? 'presence--on' : 'presence--off'}>
          <span aria-hidden="true">{presence?.[role] ? '●' : '○'}</span> {role}:{' '}
          {presence?.[role] ? 'connected' : 'not connected'}
        </li>
      ))}
    </ul>
  );
}
