import type { CompiledConstraint } from '../spec/constraint.js';
import type { Verdict } from '../spec/verdict.js';

/**
 * What a (negation-applied) verdict means for the constraint: `error` counts as `fail` under
 * `on_error: fail_closed` and as `unchecked` under `fail_open`. Severity (hard/soft) and waivers are
 * for the runner to apply on top.
 */
export function constraintOutcome(options: {
  compiled: Pick<CompiledConstraint, 'on_error'>;
  verdict: Pick<Verdict, 'status'>;
}): 'pass' | 'fail' | 'unchecked' {
  switch (options.verdict.status) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'fail';
    case 'error':
      return options.compiled.on_error === 'fail_open' ? 'unchecked' : 'fail';
  }
}
