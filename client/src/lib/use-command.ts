import { useCallback, useState } from 'react';
import type { CommandName } from '@mockloop/shared/loop/commands';
import { sendCommand, type CommandInput } from '@/lib/loop-connection';

/** Sends commands and keeps the last error to show next to the control that sent it. */
export function useCommand() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <N extends CommandName>(name: N, payload: CommandInput<N>) => {
    setBusy(true);
    const ack = await sendCommand(name, payload);
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
    return ack.ok;
  }, []);
  return { run, error, busy };
}
