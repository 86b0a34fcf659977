import type { ConstraintRow } from './summarize-run.js';

/** How a constraint reads in a report (JUnit testcase result, SARIF result, HTML row colour). */
export type RowVerdict = 'passed' | 'failed' | 'errored' | 'waived' | 'skipped';

/**
 * Reads a final status for reports. `violated` is a failure. A hard constraint that is `not_applicable`
 * because its last verdict failed is also a failure: that verdict is what kept the step from releasing.
 * `unchecked` (an evaluation error under `fail_open`) and a blocking evaluation error are errors.
 */
export function rowVerdict(row: ConstraintRow): RowVerdict {
  switch (row.status) {
    case 'enforced':
      return 'passed';
    case 'waived':
      return 'waived';
    case 'violated':
      return 'failed';
    case 'unchecked':
      return 'errored';
    case 'not_applicable': {
      if (row.severity !== 'hard') return 'skipped';
      const last = row.last?.verdict.status;
      return last === 'fail' ? 'failed' : last === 'error' ? 'errored' : 'skipped';
    }
  }
}
