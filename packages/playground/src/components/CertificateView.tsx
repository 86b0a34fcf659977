import { type ReactNode, useEffect, useId, useState } from 'react';
import { getCertificateBundle, verifyCertificate } from '../api/certificates.js';
import { describeError } from '../api/client.js';
import type { CertificateBundle, VerifyReport } from '../api/types.js';
import { readPredicate } from '../model/certificate-predicate.js';
import { formatBudget } from '../model/format.js';
import { BUDGET_LABELS } from '../model/run-model.js';
import { ConstraintStatusTable } from './ConstraintStatusTable.js';
import { ExportLinks } from './ExportLinks.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { VerificationPanel } from './VerificationPanel.js';

/** Props of {@link CertificateView}. */
export interface CertificateViewProps {
  /** A finished, certified run. */
  runId: string;
}

type Load<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: string };

/**
 * A run's certificate: its outcome and the status of every constraint as signed, the server's
 * verification of it (each check), and a download link for every export format.
 */
export function CertificateView(props: CertificateViewProps): ReactNode {
  const { runId } = props;
  const headingId = useId();
  const [bundle, setBundle] = useState<Load<CertificateBundle>>({ state: 'loading' });
  const [report, setReport] = useState<Load<VerifyReport>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setBundle({ state: 'loading' });
    setReport({ state: 'loading' });
    (async () => {
      let loaded: CertificateBundle;
      try {
        loaded = await getCertificateBundle({ runId, signal });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setBundle({ state: 'failed', error: message });
        setReport({ state: 'failed', error: 'there is no certificate to verify' });
        return;
      }
      if (signal.aborted) return;
      setBundle({ state: 'done', value: loaded });
      try {
        const verified = await verifyCertificate({ bundle: loaded, signal });
        if (!signal.aborted) setReport({ state: 'done', value: verified });
      } catch (error) {
        if (!signal.aborted) setReport({ state: 'failed', error: describeError(error) });
      }
    })();
    return () => controller.abort();
  }, [runId]);

  const predicate = bundle.state === 'done' ? readPredicate(bundle.value.envelope) : undefined;
  return (
    <section className="certificate" aria-labelledby={headingId} data-testid="certificate">
      <h2 id={headingId}>Certificate</h2>
      {bundle.state === 'loading' ? <p role="status">Loading the certificate…</p> : null}
      {bundle.state === 'failed' ? (
        <p className="error-box" role="alert">
          Could not load the certificate: {bundle.error}
        </p>
      ) : null}
      {bundle.state === 'done' && predicate === undefined ? (
        <p className="error-box" role="alert">
          The certificate's statement could not be read; see the server's verification below.
        </p>
      ) : null}
      {predicate === undefined ? null : (
        <>
          <p>
            Outcome: <OutcomeBadge outcome={predicate.outcome} testId="certificate-outcome" />
            {predicate.error === undefined ? null : (
              <>
                {' '}
                — <code>{predicate.error.code}</code>: {predicate.error.message}
              </>
            )}
          </p>
          <dl className="facts">
            <dt>Workflow</dt>
            <dd>
              {predicate.workflow.name} v{predicate.workflow.version}
            </dd>
            <dt>Profile</dt>
            <dd>{predicate.profile.name}</dd>
            <dt>Events</dt>
            <dd>{predicate.events.count}</dd>
            <dt>Budget</dt>
            <dd>
              {BUDGET_LABELS.map(
                ({ dimension, label }) =>
                  `${label} ${formatBudget({ dimension, value: predicate.budget.consumed[dimension] })} of ${formatBudget({ dimension, value: predicate.budget.limits[dimension] })}`,
              ).join(' · ')}
            </dd>
          </dl>
          <ConstraintStatusTable constraints={predicate.constraints} />
        </>
      )}
      <h3>Verification</h3>
      {report.state === 'loading' ? <p role="status">The server is verifying the certificate…</p> : null}
      {report.state === 'failed' ? (
        <p className="error-box" role="alert">
          Could not verify: {report.error}
        </p>
      ) : null}
      {report.state === 'done' ? <VerificationPanel report={report.value} /> : null}
      {bundle.state === 'done' ? <ExportLinks runId={runId} /> : null}
    </section>
  );
}
