import { apiFetch } from './client.js';
import type { RunAccepted, RunDocument } from './types.js';

/** `GET /api/runs/{id}`: summary, header, events so far, and where the certificate is. */
export function getRunDocument(options: { runId: string; signal?: AbortSignal }): Promise<RunDocument> {
  return apiFetch<RunDocument>(`/api/runs/${encodeURIComponent(options.runId)}`, { signal: options.signal });
}

/** Starts a run in the background (`POST /api/runs`, `mode: "async"`); the reply says where to follow it. */
export function startAsyncRun(options: {
  workflow: string;
  profile?: string | undefined;
  inputs: Record<string, unknown>;
  signal?: AbortSignal;
}): Promise<RunAccepted> {
  return apiFetch<RunAccepted>('/api/runs', {
    body: {
      workflow: options.workflow,
      ...(options.profile === undefined || options.profile === '' ? {} : { profile: options.profile }),
      inputs: options.inputs,
      mode: 'async',
    },
    signal: options.signal,
  });
}

/** Asks the server to cancel a run in progress; it ends `stopped` and is still certified. */
export function cancelRun(options: { runId: string }): Promise<{ run_id: string; status: string }> {
  return apiFetch(`/api/runs/${encodeURIComponent(options.runId)}/cancel`, { method: 'POST' });
}
