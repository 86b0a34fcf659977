import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, describeError } from '../api/client.js';
import type { WorkflowInfo } from '../api/types.js';
import { listWorkflows } from '../api/workflows.js';
import { Badge } from '../components/Badge.js';
import { DataTable } from '../components/DataTable.js';
import { href } from '../router.js';

type Load =
  | { state: 'loading' }
  | { state: 'done'; workflows: WorkflowInfo[] }
  | { state: 'failed'; error: unknown };

/** The workflows the server runs (`GET /api/workflows`), each linking to its editor and run form. */
export function WorkflowsView(): ReactNode {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` is how "Try again" reloads
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    listWorkflows({ signal: controller.signal }).then(
      (workflows) => setLoad({ state: 'done', workflows }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <section aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
      <div aria-live="polite">{load.state === 'loading' ? <p>Loading workflows…</p> : null}</div>
      {load.state === 'failed' ? (
        <div className="error-box" role="alert">
          <p>
            The workflows could not be loaded: {describeError(load.error)}
            {load.error instanceof ApiError && load.error.status === 401 ? (
              <>
                {' '}
                Set an API key in <a href={href(['settings'])}>Settings</a>.
              </>
            ) : null}
          </p>
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : null}
      {load.state === 'done' && load.workflows.length === 0 ? (
        <p className="empty">
          No workflows yet. The server runs <code>workflows/&lt;name&gt;.yaml</code> and{' '}
          <code>examples/&lt;name&gt;/workflow.yaml</code> of its project folder.
        </p>
      ) : null}
      {load.state === 'done' && load.workflows.length > 0 ? (
        <DataTable
          testId="workflows-table"
          caption="Workflows the server runs"
          captionClassName="visually-hidden"
          columns={['Name', 'Description', 'Version', 'File', 'Valid']}
        >
          {load.workflows.map((workflow) => (
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
