import type { EventData } from '../spec/events.js';
import type { ConstraintStatus, RunOutcome } from '../spec/outcome.js';
import type { Workflow } from '../spec/workflow.js';
import type { CheckResult } from './evaluate-output.js';
import type { StepResult } from './run-step.js';

type StatusRow = EventData['run.completed']['constraints'][number];

/** The final status of one check on a released output (DESIGN.md §1). */
export function statusOf(check: CheckResult): ConstraintStatus {
  if (check.outcome === 'pass') return 'enforced';
  if (check.waiver) return 'waived';
  if (check.outcome === 'unchecked') return 'unchecked';
  return 'violated';
}

/**
 * Final statuses of every declared constraint: from the checks on each released output, and
 * `not_applicable` for steps that released nothing (or never ran).
 */
export function finalStatuses(options: {
  workflow: Workflow;
  results: ReadonlyMap<string, StepResult>;
  inputChecks: readonly CheckResult[];
}): StatusRow[] {
  const rows: StatusRow[] = options.inputChecks.map((c) => ({
    step: '$input',
    id: c.constraint.id,
    status: statusOf(c),
  }));
  // A run that ended before admission still lists its input checks, as not applicable.
  if (options.inputChecks.length === 0) {
    const declared = [
      options.workflow.constraints,
      ...Object.values(options.workflow.steps).map((s) => s.constraints),
    ];
    for (const constraint of declared.flat()) {
      if (constraint.stage === 'input')
        rows.push({ step: '$input', id: constraint.id, status: 'not_applicable' });
    }
  }
  for (const [stepId, step] of Object.entries(options.workflow.steps)) {
    const result = options.results.get(stepId);
    const released = result && result.status !== 'stopped' && result.step === stepId ? result : undefined;
    for (const constraint of step.constraints) {
      if (constraint.stage !== 'output') continue;
      const check = released?.checks.find((c) => c.constraint.id === constraint.id);
      rows.push({ step: stepId, id: constraint.id, status: check ? statusOf(check) : 'not_applicable' });
    }
    // A degrade step's own constraints are reported under its id.
    if (result && result.status !== 'stopped' && result.step !== stepId) {
      for (const check of result.checks)
        rows.push({ step: result.step, id: check.constraint.id, status: statusOf(check) });
    }
  }
  return rows;
}

/** The run outcome from the step results and final statuses (DESIGN.md §1). */
export function runOutcome(options: {
  results: readonly StepResult[];
  statuses: readonly StatusRow[];
}): RunOutcome {
  if (options.results.some((r) => r.status === 'stopped')) return 'stopped';
  if (options.results.some((r) => r.status === 'degraded')) return 'degraded';
  const exceptional = options.statuses.some(
    (s) => s.status === 'waived' || s.status === 'violated' || s.status === 'unchecked',
  );
  return exceptional ? 'certified_with_exceptions' : 'certified';
}
