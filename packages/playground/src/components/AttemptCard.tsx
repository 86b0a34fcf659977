import type { ReactNode } from 'react';
import { formatMs, formatUsd } from '../model/format.js';
import type { AttemptPhase, AttemptView } from '../model/run-model.js';
import { Badge } from './Badge.js';
import { LadderMoveText } from './LadderMoveText.js';
import { VerdictTable } from './VerdictTable.js';

const VIA: Record<AttemptView['via'], string> = {
  first: 'first call',
  retry: 'retry',
  fallback: 'fallback',
  degrade: 'degrade path',
};

/** One attempt: adapter, how it came about, its call's figures, then its checks, repairs and ladder moves. */
export function AttemptCard(props: { attempt: AttemptView; step: string }): ReactNode {
  const { attempt } = props;
  const stateTone = attempt.state === 'completed' ? 'pass' : attempt.state === 'failed' ? 'fail' : 'info';
  return (
    <article
      className="attempt"
      aria-label={`Attempt ${attempt.number} of step ${props.step}`}
      data-testid="attempt"
    >
      <h4>
        Attempt {attempt.number} · <code>{attempt.adapter}</code> · {VIA[attempt.via]}{' '}
        <Badge tone={stateTone}>{attempt.state}</Badge>
      </h4>
      <dl className="facts">
        <Fact term="Model">{attempt.model}</Fact>
        <Fact term="Latency">
          {attempt.latencyMs === undefined ? undefined : formatMs(attempt.latencyMs)}
        </Fact>
        <Fact term="Tokens">
          {attempt.usage === undefined
            ? undefined
            : `${attempt.usage.input_tokens} in / ${attempt.usage.output_tokens} out${attempt.usageEstimated ? ' (estimated)' : ''}`}
        </Fact>
        <Fact term="Cost">{attempt.costUsd === undefined ? undefined : formatUsd(attempt.costUsd)}</Fact>
        <Fact term="Finish">{attempt.finishReason}</Fact>
      </dl>
      {attempt.error === undefined ? null : (
        <p className="attempt-error">
          <Badge tone="fail">error</Badge> <code>{attempt.error.code}</code>
          {attempt.error.status === undefined ? '' : ` (HTTP ${attempt.error.status})`}:{' '}
          {attempt.error.message}
          {attempt.error.retryable ? ' — retryable' : ' — not retryable'}
          {attempt.error.retry_after_ms === undefined
            ? ''
            : `, retry after ${formatMs(attempt.error.retry_after_ms)}`}
          {attempt.afterRelease ? '; output had already reached the caller' : ''}
        </p>
      )}
      {attempt.text === undefined ? (
        attempt.redacted ? (
          <p className="muted">Output text redacted by the profile (a salted commitment is recorded).</p>
        ) : null
      ) : (
        <details>
          <summary>Output text</summary>
          <pre className="output-text">{attempt.text}</pre>
        </details>
      )}
      {attempt.phases.map((phase) => (
        <Phase key={phaseKey(phase)} phase={phase} />
      ))}
    </article>
  );
}

/** A term and its value, left out while the value is not known. */
function Fact(props: { term: string; children: string | undefined }): ReactNode {
  if (props.children === undefined) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function phaseKey(phase: AttemptPhase): string {
  if (phase.kind === 'checks') return `c${phase.verdicts[0]?.seq}`;
  if (phase.kind === 'repair') return `r${phase.seq}`;
  return `m${phase.move.seq}`;
}

function Phase(props: { phase: AttemptPhase }): ReactNode {
  const { phase } = props;
  switch (phase.kind) {
    case 'checks':
      return <VerdictTable target={phase.target} verdicts={phase.verdicts} />;
    case 'repair':
      return (
        <p className="repair" data-testid="repair">
          <span className="entry-label">Repair applied</span> {phase.fixes.join(', ') || 'no fix'}{' '}
          {phase.changed ? '(changed the output)' : '(output unchanged)'}
        </p>
      );
    case 'move':
      return <LadderMoveText move={phase.move} />;
  }
}
