import type { ReactNode } from 'react';
import type { EvalListItem } from '../api/evals.js';
import { formatRate } from '../model/eval-format.js';
import { href } from '../router.js';

/** The stored evals: each links to its matrix; a checkbox picks it for comparison (two at most). */
export function EvalsTable(props: {
  evals: readonly EvalListItem[];
  selected: readonly string[];
  onToggle: (id: string) => void;
  caption: string;
}): ReactNode {
  const { evals, selected, onToggle, caption } = props;
  const full = selected.length >= 2;
  return (
    <table className="data-table" data-testid="evals-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Compare</th>
          <th scope="col">Eval</th>
          <th scope="col">Workflow</th>
          <th scope="col">Profile</th>
          <th scope="col">Dataset</th>
          <th scope="col">Cases</th>
          <th scope="col">Passed</th>
          <th scope="col">Pass rate</th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {evals.map((item) => {
          const checked = selected.includes(item.id);
          return (
            <tr key={item.id} className={checked ? 'selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={full && !checked}
                  onChange={() => onToggle(item.id)}
                  aria-label={`Select eval ${item.id} (${item.workflow}${item.profile ? `, ${item.profile}` : ''}) for comparison`}
                  data-testid={`eval-select-${item.id}`}
                />
              </td>
              <th scope="row">
                <a href={href(['evals', item.id])}>
                  <code>{item.id}</code>
                </a>
              </th>
              <td>{item.workflow}</td>
              <td>{item.profile ?? '—'}</td>
              <td>{item.dataset ?? '—'}</td>
              <td>{item.cases}</td>
              <td>{item.passed}</td>
              <td>{formatRate(item.pass_rate)}</td>
              <td>
                {item.started_at === undefined ? (
                  '—'
                ) : (
                  <time dateTime={item.started_at}>{new Date(item.started_at).toLocaleString()}</time>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
