import type { ConstraintStatus, RunOutcome, VerdictStatus } from './events.js';
import type { StepStatus } from './run-model.js';

/** The badge colours of `styles.css`; every badge also carries its text, so colour is never the only signal. */
export type Tone = 'pass' | 'fail' | 'warn' | 'info';

/** A verdict's tone. */
export function verdictTone(status: VerdictStatus): Tone {
  return status === 'pass' ? 'pass' : status === 'fail' ? 'fail' : 'warn';
}

/** An outcome's tone. */
export function outcomeTone(outcome: RunOutcome | 'running'): Tone {
  switch (outcome) {
    case 'certified':
      return 'pass';
    case 'certified_with_exceptions':
    case 'degraded':
      return 'warn';
    case 'stopped':
    case 'error':
      return 'fail';
    case 'running':
      return 'info';
  }
}

/** A constraint status's tone. */
export function constraintTone(status: ConstraintStatus): Tone {
  switch (status) {
    case 'enforced':
      return 'pass';
    case 'violated':
      return 'fail';
    case 'waived':
      return 'warn';
    case 'unchecked':
    case 'not_applicable':
      return 'info';
  }
}

/** A step status's tone. */
export function stepTone(status: StepStatus): Tone {
  switch (status) {
    case 'released':
      return 'pass';
    case 'degraded':
    case 'skipped':
      return 'warn';
    case 'stopped':
    case 'error':
      return 'fail';
    case 'running':
      return 'info';
  }
}
