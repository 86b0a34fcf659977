import type { EvalRecord } from '../api/evals.js';
import type { ConstraintStatus, RunOutcome, VerdictStatus } from './events.js';
import type { StepStatus } from './run-model.js';

/** The badge colours of `styles.css`; every badge also carries its text, so colour is never the only signal. */
export type Tone = 'pass' | 'fail' | 'warn' | 'info';

// One table per kind of status; a status added to its type without a tone fails to compile.
const VERDICT: Record<VerdictStatus, Tone> = { pass: 'pass', fail: 'fail', error: 'warn' };
const OUTCOME: Record<RunOutcome | 'running', Tone> = {
  certified: 'pass',
  certified_with_exceptions: 'warn',
  degraded: 'warn',
  stopped: 'fail',
  error: 'fail',
  running: 'info',
};
const CONSTRAINT: Record<ConstraintStatus, Tone> = {
  enforced: 'pass',
  violated: 'fail',
  waived: 'warn',
  unchecked: 'info',
  not_applicable: 'info',
};
const STEP: Record<StepStatus, Tone> = {
  released: 'pass',
  degraded: 'warn',
  skipped: 'warn',
  stopped: 'fail',
  error: 'fail',
  running: 'info',
};
const EVAL: Record<EvalRecord['status'], Tone> = {
  finished: 'pass',
  running: 'info',
  cancelled: 'warn',
  failed: 'warn',
};

/** A verdict's tone. */
export function verdictTone(status: VerdictStatus): Tone {
  return VERDICT[status];
}

/** An outcome's tone. */
export function outcomeTone(outcome: RunOutcome | 'running'): Tone {
  return OUTCOME[outcome];
}

/** A constraint status's tone. */
export function constraintTone(status: ConstraintStatus): Tone {
  return CONSTRAINT[status];
}

/** A step status's tone. */
export function stepTone(status: StepStatus): Tone {
  return STEP[status];
}

/** An eval's status's tone. */
export function evalStatusTone(status: EvalRecord['status']): Tone {
  return EVAL[status];
}
