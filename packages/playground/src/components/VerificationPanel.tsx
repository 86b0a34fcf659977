import type { ReactNode } from 'react';
import type { VerifyReport } from '../api/types.js';
import { words } from '../model/format.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';

/**
 * The server's verification of a certificate: one line saying verified or failed
 * (`data-testid="certificate-verification"`, announced as a status), then each check with its result.
 */
export function VerificationPanel(props: { report: VerifyReport }): ReactNode {
  const { report } = props;
  return (
    <div className="verification">
      <p role="status">
        <strong data-testid="certificate-verification" data-ok={String(report.ok)}>
          {report.ok ? 'Certificate verified' : 'Verification failed'}
        </strong>{' '}
        {report.ok ? (
          <span>
            by the server against its trusted keys
            {report.keyids.length > 0 ? (
              <>
                {' '}
                (key <code>{report.keyids.map((id) => id.slice(0, 16)).join(', ')}</code>)
              </>
            ) : null}
            .
          </span>
        ) : (
          <span>
            — <code>{report.reason ?? 'unknown'}</code>
            {report.seq === undefined ? '' : ` at event ${report.seq}`}: {report.message}
          </span>
        )}
      </p>
      <DataTable
        className="verification-checks"
        testId="verification-checks"
        caption="Checks the server ran"
        columns={['Check', 'Result', 'Detail']}
      >
        {report.checks.map((check) => {
          const result = check.skipped ? 'skipped' : check.ok ? 'passed' : 'failed';
          return (
            <tr key={check.name} data-testid="verification-check" data-result={result}>
              <th scope="row">{words(check.name)}</th>
              <td>
                <Badge tone={check.skipped ? 'info' : check.ok ? 'pass' : 'fail'}>{result}</Badge>
              </td>
              <td>
                {check.reason === undefined ? null : (
                  <>
                    <code>{check.reason}</code>:{' '}
                  </>
                )}
                {check.message}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
