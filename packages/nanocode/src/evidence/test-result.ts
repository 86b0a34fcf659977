import type { PredicateConstraint, RunPredicate, TestResultPredicate } from '../spec/certificate.js';

/** Options for {@link testResultPredicate}. */
export interface TestResultPredicateOptions {
  predicate: RunPredicate;
}

/**
 * The in-toto Test Result view of a run: one test per constraint, named `<step>.<id>`. `enforced` passed;
 * `waived`, `unchecked` and soft `violated` warned; a hard `violated` (a refused input) failed, and so did a
 * hard constraint that was not applicable because its last evaluation failed (why nothing was released;
 * soft ones warned).
 * Constraints that never decided anything are left out. A stopped or error run FAILED; exceptions or a
 * degrade path WARNED.
 */
export function testResultPredicate(options: TestResultPredicateOptions): TestResultPredicate {
  const { predicate } = options;
  const passedTests: string[] = [];
  const warnedTests: string[] = [];
  const failedTests: string[] = [];
  for (const row of predicate.constraints) {
    const verdict = verdictOf(row);
    const name = `${row.step}.${row.id}`;
    if (verdict === 'passed') passedTests.push(name);
    else if (verdict === 'warned') warnedTests.push(name);
    else if (verdict === 'failed') failedTests.push(name);
  }
  const failed = predicate.outcome === 'stopped' || predicate.outcome === 'error' || failedTests.length > 0;
  const warned = predicate.outcome !== 'certified' || warnedTests.length > 0;
  return {
    result: failed ? 'FAILED' : warned ? 'WARNED' : 'PASSED',
    configuration: [
      {
        name: `workflow/${predicate.workflow.name}@${predicate.workflow.version}`,
        digest: hexOf(predicate.workflow.digest),
      },
      { name: `profile/${predicate.profile.name}`, digest: hexOf(predicate.profile.digest) },
      { name: 'config', digest: hexOf(predicate.config_digest) },
    ],
    passedTests,
    warnedTests,
    failedTests,
  };
}

function verdictOf(row: PredicateConstraint): 'passed' | 'warned' | 'failed' | undefined {
  switch (row.status) {
    case 'enforced':
      return 'passed';
    case 'waived':
    case 'unchecked':
      return 'warned';
    case 'violated':
      return row.severity === 'soft' ? 'warned' : 'failed';
    case 'not_applicable':
      if (row.verdict !== 'fail' && row.verdict !== 'error') return undefined;
      return row.severity === 'soft' ? 'warned' : 'failed';
  }
}

/** `{ sha256: hex }` from a `sha256:<hex>` digest (in-toto digests are bare hex by algorithm). */
function hexOf(digest: string): Record<string, string> {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['sha256', digest];
  return { [algorithm as string]: hex as string };
}
