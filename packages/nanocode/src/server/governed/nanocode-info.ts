import type { RunOutcome } from '../../spec/outcome.js';
import type { RunResult } from '../../spec/run.js';
import type { ServerCertificateRef } from '../server-context.js';

/** The `nanocode` object added to chat replies, chunks and errors: which run answered, and its evidence. */
export interface NanocodeInfo {
  run_id: string;
  outcome: RunOutcome;
  certificate: ServerCertificateRef | null;
  /** Where the run's certificate is served (`?format=bundle` adds the events for offline verification). */
  certificate_url: string;
}

/** Response header carrying the run id. */
export const RUN_ID_HEADER = 'x-nanocode-run-id';
/** Response header carrying the run outcome (absent on a pass-through stream, decided after its start). */
export const OUTCOME_HEADER = 'x-nanocode-outcome';

/** The `nanocode` object of a finished run. */
export function nanocodeInfo(options: {
  result: Pick<RunResult, 'run_id' | 'outcome'>;
  certificate: ServerCertificateRef | null;
}): NanocodeInfo {
  const { run_id, outcome } = options.result;
  return {
    run_id,
    outcome,
    certificate: options.certificate,
    certificate_url: `/api/runs/${encodeURIComponent(run_id)}/certificate`,
  };
}

/** The run id header, and the outcome header once the outcome is known. */
export function nanocodeHeaders(options: { run_id: string; outcome?: RunOutcome }): Record<string, string> {
  return {
    [RUN_ID_HEADER]: options.run_id,
    ...(options.outcome === undefined ? {} : { [OUTCOME_HEADER]: options.outcome }),
  };
}
