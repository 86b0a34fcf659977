import { type ReactNode, useId } from 'react';
import { formatBudget, formatValue } from '../model/format.js';
import type { RunModel, StepEntry, StepView } from '../model/run-model.js';
import { stepTone } from '../model/tones.js';
import { AttemptCard } from './AttemptCard.js';
import { Badge } from './Badge.js';
import { BudgetTable } from './BudgetTable.js';
import { LadderMoveText } from './LadderMoveText.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { VerdictTable } from './VerdictTable.js';

/** Props of {@link Timeline}. */
export interface TimelineProps {
  /** The run, from `buildRunModel(events)`. */
  model: RunModel;
  /** The section heading; "Timeline" unless given. */
  title?: string | undefined;
}

/**
 * A run as a timeline: input checks, then each step with its attempts (adapter, latency, usage), every
 * constraint verdict with its message, repairs and ladder moves with their triggers, the budget against
 * its limits, and the outcome. Everything shown comes from the server's events.
 */
export function Timeline(props: TimelineProps): ReactNode {
  const { model } = props;
  const headingId = useId();
  return (
    <section className="timeline" aria-labelledby={headingId} data-testid="timeline">
      <h2 id={headingId}>{props.title ?? 'Timeline'}</h2>
      {/* Only the state is announced; the event count changes with every event and stays out of it. */}
      <p className="timeline-status">
        <span role="status">
          {model.status === 'empty' ? (
            'Waiting for the first event…'
          ) : model.outcome === undefined ? (
            <OutcomeBadge outcome="running" />
          ) : (
            <>
              Outcome: <OutcomeBadge outcome={model.outcome} testId="outcome-badge" />
              {model.error === undefined ? null : (
                <>
                  {' '}
                  — <code>{model.error.code}</code>: {model.error.message}
                </>
              )}
            </>
          )}
        </span>
        {model.outcome === undefined && model.status !== 'empty' ? (
          <span className="muted">
            {' '}
            {model.eventCount} event{model.eventCount === 1 ? '' : 's'} so far
          </span>
        ) : null}
      </p>
      {model.resumptions.map((resumed) => (
        <p key={resumed.seq} data-testid="resumption">
          <Badge tone="info">resumed</Badge> Execution {resumed.execution} on worker{' '}
          <code>{resumed.executor}</code>
          {resumed.previous_executor === '' ? '' : ` (after ${resumed.previous_executor})`}; earlier attempts
          were replayed from their records
          {resumed.reexecuted.length === 0
            ? '.'
            : `, and these were run again: ${resumed.reexecuted.join(', ')}.`}
        </p>
      ))}
      <BudgetTable budget={model.budget} />
      {model.input.verdicts.length > 0 || model.input.checked !== undefined ? (
        <InputChecks model={model} />
      ) : null}
      {model.steps.length === 0 ? null : (
        <ol className="timeline-steps">
          {model.steps.map((step) => (
            <li key={step.id}>
              <StepBlock step={step} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function InputChecks(props: { model: RunModel }): ReactNode {
  const { input } = props.model;
  return (
    <div className="timeline-input">
      <h3>
        Inputs{' '}
        {input.checked === undefined ? null : (
          <Badge tone={input.checked.ok ? 'pass' : 'fail'}>{input.checked.ok ? 'accepted' : 'refused'}</Badge>
        )}
      </h3>
      {input.checked?.message === undefined ? null : <p>{input.checked.message}</p>}
      {input.verdicts.length === 0 ? null : <VerdictTable target="input" verdicts={input.verdicts} />}
      {input.waivers.map((waiver) => (
        <WaiverText key={waiver.seq} waiver={waiver} />
      ))}
      {input.expired.map((waiver) => (
        <p key={waiver.seq}>
          <Badge tone="warn">waiver expired</Badge> <code>{waiver.constraint}</code>: {waiver.reason} (granted
          by {waiver.granted_by}, expired {waiver.expires})
        </p>
      ))}
    </div>
  );
}

function StepBlock(props: { step: StepView }): ReactNode {
  const { step } = props;
  return (
    <section className="timeline-step" aria-label={`Step ${step.id}`} data-testid="timeline-step">
      <h3>
        Step <code>{step.id}</code> <Badge tone={stepTone(step.status)}>{step.status}</Badge>
      </h3>
      <p className="muted">
        {step.kind === undefined ? 'not started' : `${step.kind} step`}
        {step.adapters.length > 0 ? ` · adapters in order: ${step.adapters.join(', ')}` : ''}
        {step.dependsOn.length > 0 ? ` · after ${step.dependsOn.join(', ')}` : ''}
      </p>
      <ol className="timeline-entries">
        {step.entries.map((entry) => (
          <li key={entryKey(entry)}>
            <Entry entry={entry} step={step.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function entryKey(entry: StepEntry): string {
  switch (entry.kind) {
    case 'attempt':
      return `a${entry.attempt.seq}`;
    case 'move':
      return `m${entry.move.seq}`;
    case 'checks':
      return `c${entry.verdicts[0]?.seq}`;
    default:
      return `${entry.kind}${entry.seq}`;
  }
}

function Entry(props: { entry: StepEntry; step: string }): ReactNode {
  const { entry } = props;
  switch (entry.kind) {
    case 'attempt':
      return <AttemptCard attempt={entry.attempt} step={props.step} />;
    case 'move':
      return <LadderMoveText move={entry.move} />;
    case 'checks':
      return <VerdictTable target={entry.target} verdicts={entry.verdicts} />;
    case 'waiver':
      return <WaiverText waiver={entry} />;
    case 'budget':
      return (
        <p data-testid="budget-exhausted">
          <Badge tone="fail">budget exhausted</Badge> {entry.dimension}: consumed{' '}
          {formatBudget({ dimension: entry.dimension, value: entry.consumed })} of{' '}
          {formatBudget({ dimension: entry.dimension, value: entry.limit })}
        </p>
      );
    case 'release':
      return (
        <div className="release" data-testid="release">
          <p>
            <span className="entry-label">Output released</span> from the {entry.source}
            {entry.checked === 'before_release'
              ? ', every constraint checked before release'
              : ', streamed to the caller before its checks'}
          </p>
          {entry.output === undefined ? null : (
            <details>
              <summary>Released output</summary>
              <pre className="output-text">{formatValue(entry.output)}</pre>
            </details>
          )}
        </div>
      );
  }
}

function WaiverText(props: {
  waiver: { constraint: string; reason: string; granted_by: string; expires: string };
}) {
  const { waiver } = props;
  return (
    <p data-testid="waiver">
      <Badge tone="warn">waiver applied</Badge> <code>{waiver.constraint}</code>: {waiver.reason} (granted by{' '}
      {waiver.granted_by}, expires {waiver.expires})
    </p>
  );
}
