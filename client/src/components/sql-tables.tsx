/**
 * Tables of a SQL question: its schema (in the question card) and result sets or fixture
 * rows (in a run's report). Every value is rendered as text; long tables are cut to
 * `SHOWN_ROWS` rows with the number left out said in words.
 */
import type { SqlTable, SqlValue } from '@mockloop/shared/sql';

/** Most rows shown of one table. */
export const SHOWN_ROWS = 20;

/** A value as SQLite's shell would show it: NULL, a number, or the text itself. */
export const showValue = (value: SqlValue) => (value === null ? 'NULL' : String(value));

/** The tables of a SQL question: names, column types, NULL-ability and notes. */
export function SqlSchema({ tables }: { tables: readonly SqlTable[] }) {
  return (
    <ul className="sql-schema">
      {tables.map((table) => (
        <li key={table.name}>
          <code className="sql-schema__table">{table.name}</code>
          <ul>
            {table.columns.map((c) => (
              <li key={c.name}>
                <code>{c.name}</code>{' '}
                <span className="muted">
                  {c.type}
                  {c.nullable ? ', may be NULL' : ''}
                </span>
                {c.note && <> — {c.note}</>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

interface ResultTableProps {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly SqlValue[])[];
  /** How many rows there are in all, when `rows` holds only the first of them. */
  rowCount?: number;
  /** Rows to point at, with the word that says why ("missing", "not expected"). */
  marked?: { rows: readonly number[]; label: string };
}

/** A result set or a fixture table: numbered rows, marked ones said in words, not colour alone. */
export function ResultTable({ caption, columns, rows, rowCount, marked }: ResultTableProps) {
  const total = rowCount ?? rows.length;
  const shown = rows.slice(0, SHOWN_ROWS);
  const flagged = new Set(marked?.rows ?? []);
  const hidden = total - shown.length;
  return (
    <table className="sql-table">
      <caption>
        {caption}{' '}
        <span className="muted">
          ({total} {total === 1 ? 'row' : 'rows'})
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          {columns.map((name, i) => (
            <th key={`${i}-${name}`} scope="col">
              {name}
            </th>
          ))}
          {marked && <th scope="col">Check</th>}
        </tr>
      </thead>
      <tbody>
        {shown.map((row, r) => (
          <tr key={r} className={flagged.has(r) ? 'sql-table__row--marked' : undefined}>
            <th scope="row">{r + 1}</th>
            {row.map((value, c) => (
              <td key={c} className={value === null ? 'sql-table__null' : undefined}>
                {showValue(value)}
              </td>
            ))}
            {marked && <td>{flagged.has(r) ? marked.label : ''}</td>}
          </tr>
        ))}
        {total === 0 && (
          <tr>
            <td colSpan={columns.length + (marked ? 2 : 1)} className="muted">
              No rows
            </td>
          </tr>
        )}
      </tbody>
      {hidden > 0 && (
        <tfoot>
          <tr>
            <td colSpan={columns.length + (marked ? 2 : 1)} className="muted">
              … {hidden} more {hidden === 1 ? 'row' : 'rows'} not shown
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
