/** Fetches the report of every loop this device remembers; one failure does not stop the rest. */
import { useEffect, useState } from 'react';
import type { LoopReport } from '@mockloop/shared/report';
import { fetchReportJson } from '@/lib/api';
import { knownLoops, type KnownLoop } from '@/lib/device';

export type HistoryEntry =
  | { loop: KnownLoop; state: 'loading' }
  | { loop: KnownLoop; state: 'loaded'; report: LoopReport }
  | { loop: KnownLoop; state: 'failed'; error: string };

/** One entry per remembered loop, in the order the device keeps them, filled in as they load. */
export function useHistoryReports(): HistoryEntry[] {
  const [entries, setEntries] = useState<HistoryEntry[]>(() =>
    knownLoops().map((loop) => ({ loop, state: 'loading' })),
  );
  useEffect(() => {
    let current = true;
    const settle = (entry: HistoryEntry) =>
      current && setEntries((all) => all.map((e) => (e.loop.id === entry.loop.id ? entry : e)));
    for (const loop of knownLoops())
      fetchReportJson(loop.id, loop.token).then(
        (report) => settle({ loop, state: 'loaded', report }),
        (error: Error) => settle({ loop, state: 'failed', error: error.message }),
      );
    return () => {
      current = false;
    };
  }, []);
  return entries;
}
