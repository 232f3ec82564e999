/** Every loop this device remembers: when, at which level, how, as whom, the outcome, and a link back in. */
import type { LoopSummary } from '@mockloop/shared/review/history';
import { DEBRIEF_OUTCOME_LABEL } from '@/components/report-parts';
import { TableScroll } from './table-scroll';
import { formatDate } from './format';
import type { HistoryEntry } from './use-history-reports';

/** A row: a loaded report's summary, or a loop whose report is loading or failed. */
export type LoopRow =
  | { kind: 'summary'; summary: LoopSummary; token: string }
  | { kind: 'pending'; entry: Exclude<HistoryEntry, { state: 'loaded' }> };

const rowTime = (row: LoopRow) =>
  row.kind === 'summary' ? Date.parse(row.summary.at) : row.entry.loop.savedAt;

/** Rows newest first: loaded loops by when they happened, the others by when they were saved. */
export function loopRows(entries: HistoryEntry[], summaries: LoopSummary[]): LoopRow[] {
  const tokens = new Map(entries.map((e) => [e.loop.id, e.loop.token]));
  const rows: LoopRow[] = [
    ...summaries.map((summary) => ({
      kind: 'summary' as const,
      summary,
      token: tokens.get(summary.loopId) ?? '',
    })),
    ...entries.flatMap((entry) =>
      entry.state === 'loaded' ? [] : [{ kind: 'pending' as const, entry }],
    ),
  ];
  return rows.sort((a, b) => rowTime(b) - rowTime(a));
}

const linkTo = (id: string, token: string) =>
  `/loop/${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;

export function LoopList({ rows }: { rows: LoopRow[] }) {
  return (
    <TableScroll label="Loops on this device">
      <table className="history-table history-table--cards" data-testid="loop-list">
        <caption className="visually-hidden">Loops on this device, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Rounds</th>
            <th scope="col">Level</th>
            <th scope="col">Mode</th>
            <th scope="col">Role</th>
            <th scope="col">Outcome</th>
            <th scope="col">Loop</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            if (row.kind === 'pending') {
              const { loop } = row.entry;
              return (
                <tr key={loop.id}>
                  <td data-label="Date">{formatDate(new Date(loop.savedAt).toISOString())}</td>
                  <td
                    data-label="Report"
                    colSpan={5}
                    className={row.entry.state === 'failed' ? 'history-failed' : 'muted'}
                  >
                    {row.entry.state === 'failed'
                      ? `Could not load this loop's report: ${row.entry.error}`
                      : 'Loading…'}
                  </td>
                  <td data-label="Loop">
                    <a href={linkTo(loop.id, loop.token)}>Open</a>
                  </td>
                </tr>
              );
            }
            const s = row.summary;
            return (
              <tr key={s.loopId}>
                <td data-label="Date">
                  <time dateTime={s.at}>{formatDate(s.at)}</time>
                </td>
                <td data-label="Rounds">{s.rounds.join(', ')}</td>
                <td data-label="Level">{s.targetLevel}</td>
                <td data-label="Mode">{s.mode}</td>
                <td data-label="Role">{s.role}</td>
                <td data-label="Outcome">
                  {s.outcome
                    ? DEBRIEF_OUTCOME_LABEL[s.outcome]
                    : s.status === 'ended'
                      ? '—'
                      : 'in progress'}
                </td>
                <td data-label="Loop">
                  <a href={linkTo(s.loopId, row.token)}>
                    Open<span className="visually-hidden"> the loop of {formatDate(s.at)}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
