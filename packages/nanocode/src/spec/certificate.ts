import type { BudgetConsumed, BudgetLimits, EventData, PolicyRef } from './events.js';
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from './outcome.js';
import type { VerdictStatus } from './verdict.js';

/** The versioned `predicateType` of a Nanocode run certificate. */
export const RUN_PREDICATE_TYPE = 'https://nanocode.dev/attestation/run/v1';

/** The `predicateType` of the in-toto Test Result view of a run. */
export const TEST_RESULT_PREDICATE_TYPE = 'https://in-toto.io/attestation/test-result/v0.1';

/** Final status of one declared constraint, with the events that show it. */
export interface PredicateConstraint {
  /** The step id, or `$input` for input-stage constraints. */
  step: string;
  id: string;
  /** From the constraint's `constraint.evaluated` events; absent when it was never evaluated. */
  kind?: string;
  severity?: 'hard' | 'soft';
  status: ConstraintStatus;
  /** The verdict of the evaluation in `evidence` (the released output's, else the last one). */
  verdict?: VerdictStatus;
  waiver?: { reason: string; granted_by: string; expires: string };
  /** Seqs of the `constraint.evaluated` (and `waiver.applied`) events behind the status. */
  evidence: number[];
}

/** One move on the recovery ladder, from a `recovery.chosen` event. */
export interface PredicateRecovery {
  step: string;
  strategy: RecoveryStrategy;
  trigger: EventData['recovery.chosen']['trigger'];
  from: string;
  to: string;
  seq: number;
}

/** What one adapter consumed over a run (its completed attempts). */
export interface PredicateModel {
  adapter: string;
  model: string;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
  /** `null` when any attempt's price was unknown. */
  cost_usd: number | null;
}

/** A step's released output, by digest. */
export interface PredicateOutput {
  step: string;
  digest: string;
  source: EventData['output.released']['source'];
  /** Whether the constraints were checked before the output reached the caller. */
  checked: EventData['output.released']['checked'] | 'unknown';
  seq: number;
}

/**
 * The predicate of a run certificate (DESIGN.md §4). Every field is rebuilt from the run header and the
 * events, so a verifier can recompute it and reject a summary that misreports its own events.
 */
export interface RunPredicate {
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string; digest: string };
  profile: { name: string; digest: string };
  framework: { name: string; version: string };
  config_digest: string;
  /** The policy the run's profile came from, as `run.started` records it; absent for runs recorded before. */
  policy?: PolicyRef;
  started_at: string;
  finished_at: string;
  outcome: RunOutcome;
  error?: { code: string; message: string };
  constraints: PredicateConstraint[];
  recovery: PredicateRecovery[];
  budget: { limits: BudgetLimits; consumed: BudgetConsumed };
  models: PredicateModel[];
  inputs: { digest: string };
  /** `digest` is the run's result (absent when nothing was released); `steps` every released step output. */
  outputs: { digest?: string; steps: PredicateOutput[] };
  /** `head` is the last event's hash; `sha256` the `sha256:` digest of JCS of the whole events array. */
  events: { count: number; head: string; sha256: string };
}

/** The in-toto Test Result predicate (v0.1). */
export interface TestResultPredicate {
  result: 'PASSED' | 'WARNED' | 'FAILED';
  configuration: Array<{ name: string; digest: Record<string, string> }>;
  url?: string;
  passedTests: string[];
  warnedTests: string[];
  failedTests: string[];
}
