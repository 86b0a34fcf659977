import type { CreatedKey } from '../compose/certify-run.js';
import type { EvidenceSigning } from '../compose/signing-log.js';
import type { RunResult, StepFunction } from '../spec/run.js';
import type { RunStore } from '../spec/store.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { type CaseResult, toCaseResult } from './case-result.js';
import { checkExpected } from './check-expected.js';
import type { CaseRunner } from './run-eval.js';

/** Where eval runs are kept: runs and events always; a signed certificate per run only with `certify`. */
export interface EvalEvidence {
  store: RunStore;
  /** Sign each run's certificate with this key directory and append it to the transparency log. */
  certify?: { keyDir: string };
}

/** Options of {@link createCaseRunner}. */
export interface CaseRunnerOptions {
  config: ResolvedConfig;
  env: Readonly<Record<string, string | undefined>>;
  functions?: Record<string, StepFunction>;
  evidence?: EvalEvidence;
  signal?: AbortSignal;
}

/**
 * Builds the {@link CaseRunner} that runs one case through the same path as `nanocode run` (a new adapter
 * resolver per run, so a scripted adapter replays its script from the start for every case), checks the
 * expectation, and stores the run. Store writes are serialized: certifying appends to the transparency log
 * and writes a checkpoint, which must not interleave. A failed store write is recorded on the result
 * (`store_error`), never thrown. With `certify`, call {@link prepareCaseRunner} first so the keys exist.
 */
export function createCaseRunner(options: CaseRunnerOptions): CaseRunner {
  let writes: Promise<unknown> = Promise.resolve();
  // Made on the first certified case: keys parsed once, the tenant's log tree kept as a compact range.
  let signing: Promise<EvidenceSigning> | undefined;
  const signingFor = (evidence: EvalEvidence & { certify: { keyDir: string } }) => {
    signing ??= import('../compose/signing-log.js').then(({ createEvidenceSigning }) =>
      createEvidenceSigning({ store: evidence.store, keyDir: evidence.certify.keyDir }),
    );
    return signing;
  };
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writes.then(task, task);
    writes = next.catch(() => undefined);
    return next;
  };
  return async ({ evalCase, repeat }) => {
    let result: RunResult;
    try {
      const { executeRun } = await import('../compose/execute-run.js');
      ({ result } = await executeRun({
        config: options.config,
        inputs: evalCase.inputs,
        env: options.env,
        ...(options.functions === undefined ? {} : { functions: options.functions }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }));
    } catch (error) {
      // The runner reports run failures as an `error` outcome; a throw is a bug, kept as this case's error.
      return crashed({ evalCase, repeat, error });
    }
    const expectation =
      evalCase.expected === undefined
        ? undefined
        : checkExpected({
            expected: evalCase.expected,
            output: result.output,
            released: result.output !== undefined,
          });
    const caseResult = toCaseResult({ evalCase, repeat, result, ...(expectation ? { expectation } : {}) });
    const evidence = options.evidence;
    if (evidence === undefined) return caseResult;
    try {
      await serialized(async () =>
        storeRun({
          evidence,
          result,
          ...(evidence.certify === undefined
            ? {}
            : { signing: await signingFor({ ...evidence, certify: evidence.certify }) }),
        }),
      );
      return { ...caseResult, stored: true };
    } catch (error) {
      return {
        ...caseResult,
        stored: false,
        store_error: error instanceof Error ? error.message : String(error),
      };
    }
  };
}

/** Makes the signing keys exist before any case runs (a key is valid from its creation), when certifying. */
export async function prepareCaseRunner(options: { evidence?: EvalEvidence }): Promise<CreatedKey[]> {
  const certify = options.evidence?.certify;
  if (certify === undefined) return [];
  const { ensureSigningKeys } = await import('../compose/certify-run.js');
  return ensureSigningKeys({ keyDir: certify.keyDir });
}

async function storeRun(options: {
  evidence: EvalEvidence;
  result: RunResult;
  signing?: EvidenceSigning;
}): Promise<void> {
  const { evidence, result } = options;
  if (evidence.certify !== undefined) {
    const { certifyRun } = await import('../compose/certify-run.js');
    await certifyRun({
      store: evidence.store,
      keyDir: evidence.certify.keyDir,
      result,
      ...(options.signing === undefined ? {} : { signing: options.signing }),
    });
    return;
  }
  const { header, events } = result;
  await evidence.store.createRun({ header, started_at: events[0]?.ts ?? new Date(0).toISOString() });
  await evidence.store.appendEvents({ run_id: header.run_id, events });
  await evidence.store.putSalts({ run_id: header.run_id, salts: result.salts });
}

function crashed(options: {
  evalCase: CaseRunnerArgs['evalCase'];
  repeat: number;
  error: unknown;
}): CaseResult {
  const { evalCase, repeat, error } = options;
  return {
    id: evalCase.id,
    repeat,
    line: evalCase.line,
    outcome: 'error',
    run_id: '',
    expected_ok: evalCase.expected === undefined ? null : false,
    statuses: {},
    ladder: [],
    tokens: 0,
    cost_usd: 0,
    duration_ms: 0,
    error: { code: 'NC_RUN_INTERNAL', message: error instanceof Error ? error.message : String(error) },
  };
}

type CaseRunnerArgs = Parameters<CaseRunner>[0];
