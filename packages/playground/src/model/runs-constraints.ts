import type { ConstraintStatus } from './events.js';
import type { RunModel, VerdictView } from './run-model.js';

/** A constraint of a run: the server's final status, joined with its last verdict and any waiver. */
export interface ConstraintFact {
  /** The step it belongs to; `$input` for input checks. */
  step: string;
  id: string;
  /** From `run.completed`; undefined while the run is in progress. */
  status: ConstraintStatus | undefined;
  severity?: 'hard' | 'soft';
  kind?: string;
  /** The last `constraint.evaluated` of this constraint (attempts, repairs and degrade paths alike). */
  verdict?: VerdictView;
  /** How many times it was evaluated. */
  evaluations: number;
  waiver?: { reason: string; granted_by: string; expires: string };
}

/** `step/id`: how a constraint is named across runs (`$input/sane-input`). */
export function constraintKey(options: { step: string; id: string }): string {
  return `${options.step}/${options.id}`;
}

const INPUT_STEP = '$input';

function verdictsOf(model: RunModel): Array<{ step: string; verdict: VerdictView }> {
  const out = model.input.verdicts.map((verdict) => ({ step: INPUT_STEP, verdict }));
  for (const step of model.steps) {
    for (const entry of step.entries) {
      if (entry.kind === 'checks') out.push(...entry.verdicts.map((verdict) => ({ step: step.id, verdict })));
      if (entry.kind !== 'attempt') continue;
      for (const phase of entry.attempt.phases) {
        if (phase.kind === 'checks')
          out.push(...phase.verdicts.map((verdict) => ({ step: step.id, verdict })));
      }
    }
  }
  return out.sort((a, b) => a.verdict.seq - b.verdict.seq);
}

/**
 * Every constraint of a run, in the order `run.completed` lists them (then any evaluated but not yet
 * listed, while the run is in progress), with its last verdict. Statuses and verdicts are the server's.
 */
export function constraintFacts(model: RunModel): ConstraintFact[] {
  const facts = new Map<string, ConstraintFact>();
  const fact = (step: string, id: string): ConstraintFact => {
    const key = constraintKey({ step, id });
    let found = facts.get(key);
    if (found === undefined) {
      found = { step, id, status: undefined, evaluations: 0 };
      facts.set(key, found);
    }
    return found;
  };
  for (const row of model.constraints) fact(row.step, row.id).status = row.status;
  for (const { step, verdict } of verdictsOf(model)) {
    const found = fact(step, verdict.constraint);
    found.evaluations += 1;
    found.severity = verdict.severity;
    found.kind = verdict.kind;
    found.verdict = verdict;
  }
  const waivers = [
    ...model.input.waivers.map((waiver) => ({ step: INPUT_STEP, waiver })),
    ...model.steps.flatMap((step) => step.waivers.map((waiver) => ({ step: step.id, waiver }))),
  ];
  for (const { step, waiver } of waivers) {
    const { reason, granted_by, expires } = waiver;
    // A waiver names `step.id` or, within its step, the bare id.
    const dot = waiver.constraint.indexOf('.');
    const id =
      dot > 0 && waiver.constraint.slice(0, dot) === step
        ? waiver.constraint.slice(dot + 1)
        : waiver.constraint;
    fact(step, id).waiver = { reason, granted_by, expires };
  }
  return [...facts.values()];
}
