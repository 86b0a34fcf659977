/**
 * The run events as the public API sends them (`GET /api/runs/{id}`, its `/events` SSE stream and the
 * certificate bundle). This is the wire contract of `packages/nanocode/src/spec/events.ts`, restated
 * here because the playground talks to the server over HTTP only; `events.test.ts` keeps the two in step.
 */

/** A run's final outcome. */
export type RunOutcome = 'certified' | 'certified_with_exceptions' | 'degraded' | 'stopped' | 'error';
/** Final status of a constraint on the released output. */
export type ConstraintStatus = 'enforced' | 'waived' | 'violated' | 'unchecked' | 'not_applicable';
/** A recovery strategy (a rung of the ladder). */
export type RecoveryStrategy = 'retry' | 'repair' | 'fallback' | 'degrade' | 'stop';
/** A budget dimension. */
export type BudgetDimension = 'attempts' | 'tokens' | 'cost_usd' | 'time_ms';
/** The outcome of evaluating one constraint once. */
export type VerdictStatus = 'pass' | 'fail' | 'error';

/** Every event type, in the order the spec lists them. */
export const EVENT_TYPES = [
  'run.started',
  'input.checked',
  'step.started',
  'attempt.started',
  'attempt.completed',
  'attempt.failed',
  'constraint.evaluated',
  'waiver.applied',
  'waiver.expired',
  'recovery.chosen',
  'repair.applied',
  'budget.exhausted',
  'output.released',
  'step.completed',
  'run.resumed',
  'run.completed',
] as const;
/** An event type. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Where in the output a verdict points. */
export interface Evidence {
  path?: string;
  span?: [number, number];
  value?: unknown;
}

/** One constraint verdict. */
export interface Verdict {
  status: VerdictStatus;
  message: string;
  evidence: Evidence[];
}

/** Budget limits or consumption of a run. */
export interface BudgetFigures {
  attempts: number;
  tokens: number;
  cost_usd: number;
  time_ms: number;
}

/** Token usage of one attempt. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
}

/** The data each event type carries. */
export interface EventData {
  'run.started': {
    run_id: string;
    inputs_digest: string;
    inputs?: unknown;
    budget: BudgetFigures;
    /** Which policy the profile came from: the project's files, or a version of the tenant's API policy. */
    policy?: { source: 'files' } | { source: 'api'; version: number; digest: string };
  };
  'input.checked': { ok: boolean; constraint_ids: string[]; message?: string };
  'step.started': { kind: 'model' | 'function'; depends_on: string[]; adapters: string[] };
  'attempt.started': {
    adapter: string;
    via: 'first' | 'retry' | 'fallback' | 'degrade';
    request_digest: string;
    messages?: unknown;
    messages_commitment?: string;
  };
  'attempt.completed': {
    adapter: string;
    model: string;
    finish_reason: string;
    usage: Usage;
    usage_estimated?: boolean;
    cost_usd: number | null;
    latency_ms: number;
    output_digest: string;
    text?: string;
    text_commitment?: string;
  };
  'attempt.failed': {
    adapter: string;
    after_release?: boolean;
    error: { code: string; message: string; retryable: boolean; status?: number; retry_after_ms?: number };
    latency_ms: number;
  };
  'constraint.evaluated': {
    constraint: string;
    kind: string;
    severity: 'hard' | 'soft';
    stage: 'input' | 'output';
    target: 'attempt' | 'repair' | 'degrade' | 'input';
    verdict: Verdict;
  };
  'waiver.applied': { constraint: string; reason: string; granted_by: string; expires: string };
  'waiver.expired': { constraint: string; reason: string; granted_by: string; expires: string };
  'recovery.chosen': {
    strategy: RecoveryStrategy;
    trigger: { constraints?: string[]; error?: string; budget?: BudgetDimension };
    from: string;
    to: string;
  };
  'repair.applied': { fixes: string[]; output_digest: string; changed: boolean };
  'budget.exhausted': { dimension: BudgetDimension; limit: number; consumed: number };
  'output.released': {
    output_digest: string;
    source: 'attempt' | 'repair' | 'degrade' | 'function';
    checked: 'before_release' | 'after_release';
    output?: unknown;
  };
  'step.completed': { status: 'released' | 'degraded' | 'stopped' | 'skipped' | 'error' };
  /** A durable executor started the run again; earlier attempts were replayed, not made again. */
  'run.resumed': { execution: number; executor: string; previous_executor: string; reexecuted: string[] };
  'run.completed': {
    outcome: RunOutcome;
    constraints: Array<{ step: string; id: string; status: ConstraintStatus }>;
    consumed: BudgetFigures;
    output_digest?: string;
    error?: { code: string; message: string };
  };
}

/** One event of a run's hash-chained log. */
export interface RunEvent<T extends EventType = EventType> {
  seq: number;
  ts: string;
  type: T;
  step?: string;
  attempt?: number;
  data: EventData[T];
  prev: string;
  hash: string;
}

/** Narrows an event to one type. */
export function isEvent<T extends EventType>(event: RunEvent, type: T): event is RunEvent<T> {
  return event.type === type;
}
