/**
 * The run routes of the public API (`server/routes/runs.ts`, `server/routes/workflows.ts`), typed as the
 * server sends them. Event data is typed only for the fields the playground reads; the server's
 * `spec/events.ts` is the source of truth.
 */
import { apiFetch } from './client.js';

/** Final outcome of a run (`spec/outcome.ts`). */
export type RunOutcome = 'certified' | 'certified_with_exceptions' | 'degraded' | 'stopped' | 'error';
/** Every run outcome, in the server's order. */
export const RUN_OUTCOMES: readonly RunOutcome[] = [
  'certified',
  'certified_with_exceptions',
  'degraded',
  'stopped',
  'error',
];

/** Final status of a constraint on the released output. */
export type ConstraintStatus = 'enforced' | 'waived' | 'violated' | 'unchecked' | 'not_applicable';
/** Every constraint status, in the server's order. */
export const CONSTRAINT_STATUSES: readonly ConstraintStatus[] = [
  'enforced',
  'waived',
  'violated',
  'unchecked',
  'not_applicable',
];

/** One row of `GET /api/runs`. */
export interface RunSummary {
  run_id: string;
  tenant: string;
  workflow: string;
  workflow_version: string;
  profile: string;
  outcome: RunOutcome | 'running';
  started_at: string;
  finished_at?: string;
  event_count: number;
}

/** What a run consumed (or may consume) of each budget dimension. */
export interface BudgetFigures {
  attempts: number;
  tokens: number;
  cost_usd: number;
  time_ms: number;
}

/** The data of the event types the playground reads. */
export interface RunEventData {
  'run.started': { inputs?: unknown; inputs_digest: string; budget: BudgetFigures };
  'input.checked': { ok: boolean; constraint_ids: string[]; message?: string };
  'step.started': { kind: string; depends_on: string[]; adapters: string[] };
  'attempt.completed': {
    adapter: string;
    model: string;
    cost_usd: number | null;
    latency_ms: number;
    usage: { input_tokens?: number; output_tokens?: number };
  };
  'attempt.failed': { adapter: string; error: { code: string; message: string }; latency_ms: number };
  'constraint.evaluated': {
    constraint: string;
    kind: string;
    severity: 'hard' | 'soft';
    stage: 'input' | 'output';
    target: string;
    verdict: { status: 'pass' | 'fail' | 'error'; message: string };
  };
  'waiver.applied': { constraint: string; reason: string; granted_by: string; expires: string };
  'recovery.chosen': {
    strategy: string;
    trigger: { constraints?: string[]; error?: string; budget?: string };
    from: string;
    to: string;
  };
  'output.released': { output?: unknown; source: string; checked: string; output_digest: string };
  'step.completed': { status: string };
  'run.completed': {
    outcome: RunOutcome;
    constraints: Array<{ step: string; id: string; status: ConstraintStatus }>;
    consumed: BudgetFigures;
    error?: { code: string; message: string };
  };
}

/** One event of a run's log, as the API returns it. */
export interface RunEventRecord {
  seq: number;
  ts: string;
  type: string;
  step?: string;
  attempt?: number;
  data: unknown;
}

/** True when `event` has type `type`, narrowing its data. */
export function isEvent<T extends keyof RunEventData>(
  event: RunEventRecord,
  type: T,
): event is RunEventRecord & { type: T; data: RunEventData[T] } {
  return event.type === type && typeof event.data === 'object' && event.data !== null;
}

/** The run header: which workflow and profile (with digests) the run used. */
export interface RunHeaderRecord {
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string; digest: string };
  profile: { name: string; digest: string };
  config_digest: string;
}

/** `GET /api/runs/{id}`. */
export interface RunDetail {
  summary: RunSummary;
  header?: RunHeaderRecord;
  events: RunEventRecord[];
  certificate: { log_index: number | null } | null;
}

/** The filters `GET /api/runs` takes. */
export interface RunsQuery {
  workflow?: string;
  outcome?: RunOutcome | 'running';
  status?: 'running' | 'finished';
  since?: string;
  before?: string;
  constraint?: string;
  constraint_status?: ConstraintStatus;
  step?: string;
  limit?: number;
}

/** Lists runs, newest first. */
export async function listRuns(options: { query: RunsQuery; signal?: AbortSignal }): Promise<RunSummary[]> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  const body = await apiFetch<{ runs: RunSummary[] }>(`/api/runs${search === '' ? '' : `?${search}`}`, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return body.runs;
}

/** One run with its events. */
export async function getRun(options: { id: string; signal?: AbortSignal }): Promise<RunDetail> {
  return apiFetch<RunDetail>(`/api/runs/${encodeURIComponent(options.id)}`, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/** The 202 reply of an async `POST /api/runs`. */
export interface RunAccepted {
  run_id: string;
  status: 'running';
  location: string;
  events: string;
}

/** Starts a run in the background; follow it with {@link getRun}. */
export async function startRun(options: {
  workflow: string;
  profile?: string;
  inputs: Record<string, unknown>;
  signal?: AbortSignal;
}): Promise<RunAccepted> {
  return apiFetch<RunAccepted>('/api/runs', {
    body: {
      workflow: options.workflow,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      inputs: options.inputs,
      mode: 'async',
    },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/** One workflow input as the resolved configuration declares it. */
export interface WorkflowInputSpec {
  type?: string;
  maxLength?: number;
  default?: unknown;
  description?: string;
}

/** The parts of `GET /api/workflows/{name}` the playground reads. */
export interface ResolvedWorkflow {
  workflow: {
    name: string;
    version: string;
    description?: string;
    inputs?: Record<string, WorkflowInputSpec>;
    steps: Record<string, { constraints?: Array<{ id: string; kind: string; severity: string }> }>;
  };
  profile: { name: string };
}

/** A workflow resolved under its default profile. */
export async function getWorkflow(options: {
  name: string;
  signal?: AbortSignal;
}): Promise<ResolvedWorkflow> {
  return apiFetch<ResolvedWorkflow>(`/api/workflows/${encodeURIComponent(options.name)}`, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/** `GET /api/workflows`: the workflow names, for filter suggestions. */
export async function listWorkflowNames(options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const body = await apiFetch<{ workflows: Array<{ name: string }> }>('/api/workflows', {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return body.workflows.map((workflow) => workflow.name);
}
