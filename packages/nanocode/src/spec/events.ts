import type { Usage } from './adapter.js';
import type { BudgetDimension, ConstraintStatus, RecoveryStrategy, RunOutcome } from './outcome.js';
import type { Verdict } from './verdict.js';

/** Every event type, nouns with past-tense verbs. */
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

/**
 * The run header: what the first event's `prev` chains to. `prev` of seq 0 is SHA-256(JCS(header)).
 */
export interface RunHeader {
  spec: 'nanocode.run/v1';
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string; digest: string };
  profile: { name: string; digest: string };
  /** JCS SHA-256 of the whole resolved configuration. */
  config_digest: string;
  framework: { name: 'nanocode'; version: string };
}

/** The data each event type carries. Digests are `sha256:<hex>`. */
export interface EventData {
  'run.started': {
    run_id: string;
    inputs_digest: string;
    /** The inputs, with each redacted path replaced by `{ $commitment }`. */
    inputs?: unknown;
    budget: BudgetLimits;
    /** The policy the profile was resolved under; absent in runs recorded before it was added. */
    policy?: PolicyRef;
  };
  'input.checked': { ok: boolean; constraint_ids: string[]; message?: string };
  'step.started': { kind: 'model' | 'function'; depends_on: string[]; adapters: string[] };
  'attempt.started': {
    adapter: string;
    /** `primary` for the first attempt on an adapter; the strategy that caused it otherwise. */
    via: 'first' | 'retry' | 'fallback' | 'degrade';
    request_digest: string;
    /** The exact messages sent, unless redaction policy replaces them by `messages_commitment`. */
    messages?: unknown;
    /** Salted SHA-256 commitment to the messages, when redacted (the salt is kept apart). */
    messages_commitment?: string;
  };
  'attempt.completed': {
    adapter: string;
    model: string;
    finish_reason: string;
    usage: Usage;
    /** True when the provider reported no usage and `usage` is an estimate. */
    usage_estimated?: boolean;
    /** `null` when the price is unknown: an unknown cost is never recorded as 0. */
    cost_usd: number | null;
    latency_ms: number;
    output_digest: string;
    /** The exact text returned, unless redaction policy replaces it by `text_commitment`. */
    text?: string;
    /** Salted SHA-256 commitment to the text, when redacted (the salt is kept apart). */
    text_commitment?: string;
  };
  'attempt.failed': {
    adapter: string;
    /** True when streamed bytes had already reached the caller (pass-through): no fallback is possible. */
    after_release?: boolean;
    error: { code: string; message: string; retryable: boolean; status?: number; retry_after_ms?: number };
    latency_ms: number;
  };
  'constraint.evaluated': {
    constraint: string;
    kind: string;
    severity: 'hard' | 'soft';
    stage: 'input' | 'output';
    /** Which output was checked: an attempt's, a repaired one, a degrade path's. */
    target: 'attempt' | 'repair' | 'degrade' | 'input';
    verdict: Verdict;
  };
  'waiver.applied': { constraint: string; reason: string; granted_by: string; expires: string };
  'waiver.expired': { constraint: string; reason: string; granted_by: string; expires: string };
  'recovery.chosen': {
    strategy: RecoveryStrategy;
    /** What caused the move: failed hard constraint ids, an adapter error class, or a budget dimension. */
    trigger: { constraints?: string[]; error?: string; budget?: BudgetDimension };
    from: string;
    to: string;
  };
  'repair.applied': { fixes: string[]; output_digest: string; changed: boolean };
  'budget.exhausted': { dimension: BudgetDimension; limit: number; consumed: number };
  'output.released': {
    output_digest: string;
    source: 'attempt' | 'repair' | 'degrade' | 'function';
    /**
     * `before_release`: every constraint was evaluated, and hard ones held, before anything reached the
     * caller (the output was buffered). `after_release`: a `pass_through` step streamed the output to the
     * caller as it arrived, so its checks came after and could not block it.
     */
    checked: 'before_release' | 'after_release';
    output?: unknown;
  };
  'step.completed': { status: 'released' | 'degraded' | 'stopped' | 'skipped' | 'error' };
  /**
   * A durable executor started the run again (its worker restarted, or a live worker took over the run of
   * a silent one) and this execution did its first new work here. An engine redelivery, not a ladder move:
   * the attempts before it were replayed from their recorded results, not made again.
   */
  'run.resumed': {
    /** How many times the engine has started the run: 2 at the first resumption. */
    execution: number;
    /** The worker (executor id) running the run from here on. */
    executor: string;
    /** The worker that ran it before ('' when unknown). */
    previous_executor: string;
    /**
     * Effects (e.g. `answer/2/adapter`) the previous execution began but never recorded. They run again,
     * so a provider may have been called twice for them; the repeated call is not a new attempt.
     */
    reexecuted: string[];
  };
  'run.completed': {
    outcome: RunOutcome;
    constraints: Array<{ step: string; id: string; status: ConstraintStatus }>;
    consumed: BudgetConsumed;
    output_digest?: string;
    error?: { code: string; message: string };
  };
}

/**
 * Which policy a run's profile came from. `files`: the project's profile files (or a configuration
 * passed in code), with no API-managed policy in force for the tenant. `api`: version `version` of the
 * tenant's API-managed policy, whose document set has JCS SHA-256 `digest`, overlaid on the files.
 */
export type PolicyRef = { source: 'files' } | { source: 'api'; version: number; digest: string };

/** Budget limits of a run. */
export interface BudgetLimits {
  attempts: number;
  tokens: number;
  cost_usd: number;
  time_ms: number;
}
/** What a run consumed so far. */
export interface BudgetConsumed {
  attempts: number;
  tokens: number;
  cost_usd: number;
  time_ms: number;
}

/** One entry of a run's hash-chained event log (DESIGN.md §4). */
export interface RunEvent<T extends EventType = EventType> {
  seq: number;
  /** ISO-8601 UTC timestamp from the effects clock. */
  ts: string;
  type: T;
  step?: string;
  attempt?: number;
  data: EventData[T];
  /** `sha256:<hex>` of the previous event, or of the run header for seq 0. */
  prev: string;
  /** `sha256:<hex>` of JCS(this event without `hash`). */
  hash: string;
}

/** An event before it is sealed into the chain. */
export type UnsealedEvent<T extends EventType = EventType> = Omit<RunEvent<T>, 'seq' | 'prev' | 'hash'>;
