import type { CheckResult } from './evaluate-output.js';

/** How a step ended. `checks` are the verdicts on the released output; `step` names whose output it is. */
export type StepResult =
  | {
      status: 'released' | 'degraded';
      output: unknown;
      checks: CheckResult[];
      step: string;
      /** The output was streamed to the caller before its checks (pass-through). */
      afterRelease?: true;
    }
  | { status: 'stopped'; step: string };
