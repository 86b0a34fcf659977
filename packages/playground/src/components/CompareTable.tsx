import { type ReactNode, useId, useState } from 'react';
import type { CompareRow, RunsComparison } from '../model/compare-runs.js';

function Value(props: { value: string | undefined; detail: string | undefined }): ReactNode {
  return (
    <>
      {props.value === undefined ? (
        <span className="none">(none)</span>
      ) : (
        <pre className="value">{props.value}</pre>
      )}
      {props.detail === undefined ? null : <span className="detail">{props.detail}</span>}
    </>
  );
}

function Marker(props: { row: CompareRow }): ReactNode {
  const { row } = props;
  if (row.same) return <span className="marker">= same</span>;
  if (row.volatile) return <span className="marker">≈ varies by nature</span>;
  return <span className="marker badge warn">≠ differs</span>;
}

/**
 * Two runs side by side as one table: a row group per section, a row per compared value, and a text
 * marker (`= same`, `≠ differs`) on every row besides the highlight.
 */
export function CompareTable(props: {
  comparison: RunsComparison;
  labelA: string;
  labelB: string;
}): ReactNode {
  const { comparison, labelA, labelB } = props;
  const [onlyChanged, setOnlyChanged] = useState(false);
  const toggleId = useId();
  return (
    <>
      <div className="actions">
        <input
          id={toggleId}
          type="checkbox"
          checked={onlyChanged}
          onChange={(event) => setOnlyChanged(event.target.checked)}
        />
        <label htmlFor={toggleId}>Show only differences</label>
      </div>
      <table className="data-table" data-testid="compare-table">
        <caption>
          {labelA} compared with {labelB}: {comparison.differences}{' '}
          {comparison.differences === 1 ? 'difference' : 'differences'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">{labelA}</th>
            <th scope="col">{labelB}</th>
            <th scope="col">Same?</th>
          </tr>
        </thead>
        {comparison.sections.map((section) => {
          const rows = onlyChanged ? section.rows.filter((row) => !row.same && !row.volatile) : section.rows;
          return (
            <tbody key={section.id} data-section={section.id}>
              <tr>
                <th scope="rowgroup" colSpan={4}>
                  {section.title}
                </th>
              </tr>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={4} className="empty">
                    {section.rows.length === 0 ? 'Nothing recorded in either run.' : 'No differences here.'}
                  </td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr
                    key={row.key}
                    className={!row.same && !row.volatile ? 'changed' : undefined}
                    data-testid={`compare-row-${row.key}`}
                  >
                    <th scope="row">{row.label}</th>
                    <td>
                      <Value value={row.a} detail={row.detailA} />
                    </td>
                    <td>
                      <Value value={row.b} detail={row.detailB} />
                    </td>
                    <td>
                      <Marker row={row} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          );
        })}
      </table>
    </>
  );
}
