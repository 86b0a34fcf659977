import type { CheckResult } from './evaluate-output.js';

/** How a step ended. `checks` are the verdicts on the released output; `step` names whose output it is. */
export type StepResult =
  | { status: 'released' | 'degraded'; output: unknown; checks: CheckResult[]; step: string }
  | { status: 'stopped'; step: string };
