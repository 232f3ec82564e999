/**
 * Import a report: choose a `report.json` that mockloop saved (here or on another
 * machine) and see its review again. The file never leaves the browser.
 */
import { useState } from 'react';
import type { LoopReport } from '@mockloop/shared/report';
import { ErrorMessage } from '@/components/error-message';
import { parseReport, REPORT_AUDIO_MAX_BYTES } from './report-schema';
import { ReportView } from './report-view';

export default function ImportPage() {
  const [report, setReport] = useState<LoopReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    setReport(null);
    setError(null);
    if (!file) return;
    if (file.size > REPORT_AUDIO_MAX_BYTES)
      return setError('That file is too large to be a report.');
    const parsed = parseReport(await file.text());
    if (parsed.ok) setReport(parsed.report);
    else setError(parsed.error);
  };

  return (
    <>
      <section className="panel" aria-labelledby="import-title">
        <h1 id="import-title">Import a report</h1>
        <p>
          Choose a <code>report.json</code> downloaded from a loop review to see that review again.
          It is read in this browser only.
        </p>
        <div className="field">
          <label htmlFor="report-file">Report file (JSON)</label>
          <input
            id="report-file"
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              // Choosing the same file again (after fixing it) reads it again.
              e.target.value = '';
            }}
          />
        </div>
        <ErrorMessage message={error} />
      </section>
      {report && <ReportView report={report} />}
    </>
  );
}
