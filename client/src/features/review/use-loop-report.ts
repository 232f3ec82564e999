/** The loop's report, which the review shows beside the live view. */
import { useEffect, useState } from 'react';
import type { LoopView } from '@mockloop/shared/loop/project';
import type { LoopReport } from '@mockloop/shared/report';
import { fetchReportJson } from '@/lib/api';

/** The loop's report as this role may see it, fetched again when the loop changes. */
export function useLoopReport(view: LoopView, token: string): LoopReport | null {
  const [report, setReport] = useState<LoopReport | null>(null);
  useEffect(() => {
    let current = true;
    fetchReportJson(view.id, token)
      .then((loaded) => current && setReport(loaded))
      .catch(() => current && setReport(null));
    return () => {
      current = false;
    };
  }, [view.id, view.version, token]);
  return report;
}
