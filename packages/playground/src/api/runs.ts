/**
 * The run routes of the public API (`server/routes/runs.ts`, `server/routes/workflows.ts`) as calls.
 * Reply shapes are in `types.ts` and the event contract in `model/events.ts`.
 */
import type { ConstraintStatus, RunOutcome } from '../model/events.js';
import { apiFetch } from './client.js';
import type { ResolvedWorkflow, RunAccepted, RunDocument, RunSummary, WorkflowInfo } from './types.js';

/** Every run outcome, in the server's order. */
export const RUN_OUTCOMES: readonly RunOutcome[] = [
  'certified',
  'certified_with_exceptions',
  'degraded',
  'stopped',
  'error',
];

/** Every constraint status, in the server's order. */
export const CONSTRAINT_STATUSES: readonly ConstraintStatus[] = [
  'enforced',
  'waived',
  'violated',
  'unchecked',
  'not_applicable',
];

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

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

/** Lists runs, newest first. */
export async function listRuns(options: { query: RunsQuery; signal?: AbortSignal }): Promise<RunSummary[]> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  const path = `/api/runs${search === '' ? '' : `?${search}`}`;
  return (await apiFetch<{ runs: RunSummary[] }>(path, withSignal(options.signal))).runs;
}

/** One run with its events. */
export async function getRun(options: { id: string; signal?: AbortSignal }): Promise<RunDocument> {
  return apiFetch<RunDocument>(`/api/runs/${encodeURIComponent(options.id)}`, withSignal(options.signal));
}

/** Starts a run in the background (`mode: "async"`); follow it with {@link getRun}. */
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
    ...withSignal(options.signal),
  });
}

/** A workflow resolved under its default profile. */
export async function getWorkflow(options: {
  name: string;
  signal?: AbortSignal;
}): Promise<ResolvedWorkflow> {
  return apiFetch<ResolvedWorkflow>(
    `/api/workflows/${encodeURIComponent(options.name)}`,
    withSignal(options.signal),
  );
}

/** `GET /api/workflows`: the workflow names, for filter suggestions. */
export async function listWorkflowNames(options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const body = await apiFetch<{ workflows: WorkflowInfo[] }>('/api/workflows', withSignal(options.signal));
  return body.workflows.map((workflow) => workflow.name);
}
