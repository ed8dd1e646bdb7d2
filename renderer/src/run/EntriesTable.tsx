import { show } from './format.js';

export interface EntryRow {
  key: unknown;
  value: unknown;
  extra?: string;
}

/** Key, value and a detail column (time, partition/offset) with fixed widths, so columns line up. */
export function EntriesTable({
  rows,
  extraLabel = '',
  onPick,
  empty,
}: {
  rows: EntryRow[];
  extraLabel?: string;
  onPick?: (index: number) => void;
  /** Said under the headers when there are no rows: an empty table alone reads as "nothing happened". */
  empty?: string;
}) {
  return (
    <>
      <table className="run-table">
        <colgroup>
          <col className="run-col-key" />
          <col />
          <col className="run-col-extra" />
        </colgroup>
        <thead>
          <tr>
            <th>key</th>
            <th>value</th>
            <th>{extraLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} onClick={onPick ? () => onPick(i) : undefined}>
              <td>{show(r.key)}</td>
              <td>{show(r.value)}</td>
              <td className="run-muted">{r.extra ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && empty !== undefined && (
        <p className="run-muted" data-testid="entries-empty">
          {empty}
        </p>
      )}
    </>
  );
}
