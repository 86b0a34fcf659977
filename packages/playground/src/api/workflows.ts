import { ApiError, apiFetch, apiRequest, withQuery } from './client.js';
import type {
  ProfileInfo,
  ResolvedWorkflow,
  ValidationReport,
  WorkflowInfo,
  WorkflowSource,
} from './types.js';

/** `GET /api/workflows`. */
export async function listWorkflows(options: { signal?: AbortSignal } = {}): Promise<WorkflowInfo[]> {
  return (await apiFetch<{ workflows: WorkflowInfo[] }>('/api/workflows', { signal: options.signal }))
    .workflows;
}

/** `GET /api/profiles`. */
export async function listProfiles(options: { signal?: AbortSignal } = {}): Promise<ProfileInfo[]> {
  return (await apiFetch<{ profiles: ProfileInfo[] }>('/api/profiles', { signal: options.signal })).profiles;
}

/** `GET /api/workflows/{name}`: the workflow resolved under a profile (the server's default without one). */
export function getResolvedWorkflow(options: {
  name: string;
  profile?: string | undefined;
  signal?: AbortSignal;
}): Promise<ResolvedWorkflow> {
  return apiFetch<ResolvedWorkflow>(
    withQuery(`/api/workflows/${encodeURIComponent(options.name)}`, { profile: options.profile }),
    { signal: options.signal },
  );
}

/**
 * `GET /api/workflows/{name}/source`: the workflow file's own text. Resolves undefined when the server
 * has no such route (older servers) or the reply has no text, so the caller can fall back to the
 * resolved workflow.
 */
export async function getWorkflowSource(options: {
  name: string;
  signal?: AbortSignal;
}): Promise<WorkflowSource | undefined> {
  try {
    const source = await apiFetch<Partial<WorkflowSource> | undefined>(
      `/api/workflows/${encodeURIComponent(options.name)}/source`,
      { signal: options.signal },
    );
    return typeof source?.text === 'string' ? (source as WorkflowSource) : undefined;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
    throw error;
  }
}

/** `POST /api/workflows/validate`: every problem of a workflow text, with its line and column. */
export async function validateWorkflow(options: {
  text: string;
  signal?: AbortSignal;
}): Promise<ValidationReport> {
  const response = await apiRequest('/api/workflows/validate', {
    method: 'POST',
    body: options.text,
    headers: { 'content-type': 'application/yaml' },
    signal: options.signal,
  });
  return (await response.json()) as ValidationReport;
}
