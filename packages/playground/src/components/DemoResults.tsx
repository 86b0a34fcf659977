import type { ReactNode } from 'react';
import { formatValue } from '../model/format.js';
import type { RunModel, StepView } from '../model/run-model.js';
import { type ConstraintFact, constraintFacts, constraintKey } from '../model/runs-constraints.js';
import { layoutSteps } from '../model/step-layout.js';
import { constraintTone, stepTone, verdictTone } from '../model/tones.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';
import { LadderMoveText } from './LadderMoveText.js';
import { StepGraph } from './StepGraph.js';

function StatusBadge(props: { fact: ConstraintFact }): ReactNode {
  const { status } = props.fact;
  return status === undefined ? (
    <Badge tone="info">pending</Badge>
  ) : (
    <Badge tone={constraintTone(status)}>{status}</Badge>
  );
}

/** The constraint playground's result: every constraint with the server's final status and last verdict. */
export function DemoVerdicts(props: { model: RunModel }): ReactNode {
  const facts = constraintFacts(props.model);
  const counts = new Map<string, number>();
  for (const fact of facts)
    counts.set(fact.status ?? 'pending', (counts.get(fact.status ?? 'pending') ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return (
    <DataTable
      className="data-table"
      testId="demo-verdicts"
      caption={`Verdicts per constraint${facts.length > 0 ? ` (${summary})` : ''}`}
      columns={['Constraint', 'Kind', 'Severity', 'Final status', 'Last verdict', 'Message']}
    >
      {facts.map((fact) => (
        <tr key={constraintKey(fact)} data-testid={`demo-verdict-${constraintKey(fact)}`}>
          <th scope="row">
            <code>{constraintKey(fact)}</code>
          </th>
          <td>{fact.kind ?? '—'}</td>
          <td>{fact.severity ?? '—'}</td>
          <td>
            <StatusBadge fact={fact} />
          </td>
          <td>
            {fact.verdict === undefined ? (
              <span className="none">not evaluated</span>
            ) : (
              <Badge tone={verdictTone(fact.verdict.status)}>{fact.verdict.status}</Badge>
            )}
          </td>
          <td>
            {fact.verdict?.message}
            {fact.waiver && (
              <span className="detail">
                Waived by {fact.waiver.granted_by} until {fact.waiver.expires.slice(0, 10)}:{' '}
                {fact.waiver.reason}
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function StepBody(props: { step: StepView; facts: ConstraintFact[] }): ReactNode {
  const { step, facts } = props;
  const own = facts.filter((fact) => fact.step === step.id);
  return (
    <>
      <p>
        <Badge tone={stepTone(step.status)}>{step.status}</Badge>{' '}
        <span className="muted">
          {step.attempts.length} {step.attempts.length === 1 ? 'attempt' : 'attempts'}
          {step.release ? `; released from ${step.release.source}` : ''}
        </span>
      </p>
      {step.release === undefined ? (
        <p className="none">Nothing released.</p>
      ) : step.release.output === undefined ? (
        <p className="none">Released; the output is not recorded (redacted).</p>
      ) : (
        <pre className="value" data-testid={`demo-output-${step.id}`}>
          {formatValue(step.release.output)}
        </pre>
      )}
      {own.length > 0 && (
        <ul aria-label={`Constraints of ${step.id}`}>
          {own.map((fact) => (
            <li key={fact.id}>
              <code>{fact.id}</code> <StatusBadge fact={fact} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** idea → spec → tests → risks: the step graph, then each step's released output in dependency order. */
export function DemoChain(props: { model: RunModel }): ReactNode {
  const { model } = props;
  const facts = constraintFacts(model);
  const layout = layoutSteps(model.steps);
  const column = new Map(layout.nodes.map((node) => [node.id, node.column * 1000 + node.row]));
  const ordered = [...model.steps].sort((a, b) => (column.get(a.id) ?? 0) - (column.get(b.id) ?? 0));
  return (
    <div data-testid="demo-chain">
      <StepGraph steps={model.steps} title="Steps, each arrow from a step to one that reads it" />
      <ol className="chain" aria-label="Step outputs in dependency order">
        {ordered.map((step) => (
          <li key={step.id} data-testid={`demo-step-${step.id}`}>
            <h4>
              {step.id}{' '}
              <span className="muted">
                {step.dependsOn.length === 0 ? '(reads the inputs)' : `(reads ${step.dependsOn.join(', ')})`}
              </span>
            </h4>
            <StepBody step={step} facts={facts} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The audience switcher: each audience's variant side by side, with its checks and any ladder moves. */
export function DemoVariants(props: { model: RunModel }): ReactNode {
  const { model } = props;
  const facts = constraintFacts(model);
  return (
    <ul className="cards" aria-label="Variants by audience" data-testid="demo-variants">
      {model.steps.map((step) => (
        <li key={step.id} className="card" data-testid={`demo-variant-${step.id}`}>
          <h4>{step.id}</h4>
          <StepBody step={step} facts={facts} />
          {model.moves
            .filter((move) => move.step === step.id)
            .map((move) => (
              <LadderMoveText key={move.seq} move={move} />
            ))}
        </li>
      ))}
    </ul>
  );
}
