import { type ReactNode, useMemo, useState } from 'react';
import { describeError } from '../api/client.js';
import { cancelRun } from '../api/run-document.js';
import { CertificateView } from '../components/CertificateView.js';
import { StepGraph } from '../components/StepGraph.js';
import { Timeline } from '../components/Timeline.js';
import { useRunFeed } from '../components/useRunFeed.js';
import { When } from '../components/When.js';
import { buildRunModel } from '../model/run-model.js';
import { href, type Route } from '../router.js';

/** One run: live over SSE while it runs, then its timeline, step graph (for DAGs) and certificate. */
export function RunView(props: { runId: string; route: Route }): ReactNode {
  const { runId } = props;
  const feed = useRunFeed(runId);
  const model = useMemo(() => buildRunModel(feed.events), [feed.events]);
  const [cancel, setCancel] = useState<string | undefined>();
  const summary = feed.document?.summary;

  const onCancel = async () => {
    setCancel('Cancelling…');
    try {
      const reply = await cancelRun({ runId });
      setCancel(
        reply.status === 'cancelling' ? 'Cancel requested; the run ends stopped.' : 'The run had finished.',
      );
    } catch (error) {
      setCancel(`Cancel failed: ${describeError(error)}`);
    }
  };

  return (
    <section aria-labelledby="run-title" className="run-view">
      <h1 id="run-title">
        Run <code>{runId}</code>
      </h1>
      {summary === undefined ? null : (
        <dl className="facts">
          <dt>Workflow</dt>
          <dd>
            <a href={href(['workflows', summary.workflow])}>{summary.workflow}</a> v{summary.workflow_version}
          </dd>
          <dt>Profile</dt>
          <dd>{summary.profile}</dd>
          <dt>Started</dt>
          <dd>
            <When iso={summary.started_at} />
          </dd>
        </dl>
      )}
      <div aria-live="polite" className="feed-status" data-testid="run-feed-status">
        {feed.phase === 'loading' ? <p>Loading the run…</p> : null}
        {feed.phase === 'live' ? <p>Live: following the run's events as they happen.</p> : null}
        {feed.phase === 'lost' ? (
          <p>
            The event stream closed before the run finished
            {feed.error === undefined ? (
              '.'
            ) : (
              <>
                : <code>{feed.error.code}</code> {feed.error.message}.
              </>
            )}{' '}
            <button type="button" onClick={feed.retry}>
              Follow again
            </button>
          </p>
        ) : null}
      </div>
      {feed.phase === 'failed' ? (
        <div className="error-box" role="alert">
          <p>
            {feed.error?.status === 404
              ? `There is no run ${runId} (or it belongs to another tenant).`
              : 'The run could not be loaded.'}{' '}
            <code>{feed.error?.code}</code> {feed.error?.message}
          </p>
          <button type="button" className="secondary" onClick={feed.retry}>
            Try again
          </button>
        </div>
      ) : null}
      {feed.phase === 'live' ? (
        <p>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel run
          </button>{' '}
          <span role="status">{cancel}</span>
        </p>
      ) : null}
      {model.steps.length > 1 ? <StepGraph steps={model.steps} /> : null}
      {feed.phase === 'loading' || feed.phase === 'failed' ? null : <Timeline model={model} />}
      {feed.phase !== 'finished' ? null : feed.document?.certificate === null ? (
        <p className="empty">This run has no certificate (it was not stored with evidence).</p>
      ) : (
        <CertificateView runId={runId} />
      )}
    </section>
  );
}
