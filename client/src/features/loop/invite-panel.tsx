import { useState } from 'react';
import type { Role } from '@mockloop/shared/loop/state';
import { ErrorMessage } from '@/components/error-message';
import { knownLoop, rememberLoop } from '@/lib/device';
import { sendCommand } from '@/lib/loop-connection';
import { useLoopField, usePermissions } from '@/store/loop-selectors';

const INVITE_LABEL: Record<Role, string> = {
  candidate: 'Candidate link — send it to the person you interview',
  interviewer: 'Interviewer link — send it to your interviewer',
  observer: 'Observer link (read-only) — for a shadow interviewer',
};

const REPLACEABLE = ['candidate', 'observer'] as const;

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Clipboard access needs a secure context; selecting the text still lets the user copy.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}

/** The links for the other roles, on the device that created the loop, and link replacement. */
export function InvitePanel() {
  const loopId = useLoopField('id');
  const canReplace = usePermissions().interview;
  const [invites, setInvites] = useState(() => knownLoop(loopId)?.invites ?? {});
  const [error, setError] = useState<string | null>(null);
  const entries = (Object.entries(invites) as [Role, string][]).sort(([a], [b]) =>
    a.localeCompare(b),
  );

  const replace = async (role: 'candidate' | 'observer') => {
    const ack = await sendCommand('token:rotate', { role });
    if (!ack.ok) return setError(ack.error.message);
    const link = `${window.location.origin}/loop/${loopId}#token=${ack.data.token}`;
    const next = { ...invites, [role]: link };
    setInvites(next);
    const known = knownLoop(loopId);
    if (known) rememberLoop({ ...known, invites: next });
    setError(null);
  };

  if (!entries.length && !canReplace) return null;
  return (
    <section className="panel invite" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite</h2>
      {entries.length === 0 && (
        <p className="muted">
          The links were shown on the device that created this loop. You can replace them here.
        </p>
      )}
      {entries.map(([role, link]) => (
        <CopyField key={role} id={`invite-${role}`} label={INVITE_LABEL[role]} value={link} />
      ))}
      {canReplace && (
        <div className="actions">
          {REPLACEABLE.map((role) => (
            <button
              key={role}
              type="button"
              className="button button--quiet"
              onClick={() => void replace(role)}
            >
              Replace the {role} link
            </button>
          ))}
          <span className="muted">The old link stops working at once.</span>
        </div>
      )}
      <ErrorMessage message={error} />
    </section>
  );
}
