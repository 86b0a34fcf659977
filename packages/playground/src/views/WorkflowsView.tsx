import type { ReactNode } from 'react';
import { listWorkflows } from '../api/workflows.js';
import { Badge } from '../components/Badge.js';
import { DataTable } from '../components/DataTable.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { href } from '../router.js';

/** The workflows the server runs (`GET /api/workflows`), each linking to its editor and run form. */
export function WorkflowsView(): ReactNode {
  const load = useFetched({ key: 'workflows', load: (signal) => listWorkflows({ signal }) });
  const workflows = load.state === 'ready' ? load.value : undefined;
  return (
    <section aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
      <div aria-live="polite">{load.state === 'loading' ? <p>Loading workflows…</p> : null}</div>
      {load.state === 'error' ? (
        <ApiErrorBox error={load.error} what="the workflows" onRetry={load.retry} />
      ) : null}
      {workflows !== undefined && workflows.length === 0 ? (
        <p className="empty">
          No workflows yet. The server runs <code>workflows/&lt;name&gt;.yaml</code> and{' '}
          <code>examples/&lt;name&gt;/workflow.yaml</code> of its project folder.
        </p>
      ) : null}
      {workflows !== undefined && workflows.length > 0 ? (
        <DataTable
          testId="workflows-table"
          caption="Workflows the server runs"
          captionClassName="visually-hidden"
          columns={['Name', 'Description', 'Version', 'File', 'Valid']}
        >
          {workflows.map((workflow) => (
            <tr key={workflow.name}>
              <th scope="row">
                <a href={href(['workflows', workflow.name])}>{workflow.name}</a>
              </th>
              <td>{workflow.description ?? <span className="muted">—</span>}</td>
              <td>{workflow.version ?? '—'}</td>
              <td>
                <code>{workflow.file}</code>
              </td>
              <td>
                <Badge tone={workflow.valid ? 'pass' : 'fail'}>{workflow.valid ? 'valid' : 'invalid'}</Badge>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
