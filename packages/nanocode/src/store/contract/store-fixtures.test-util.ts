import { createHash } from 'node:crypto';
import { createEventLog } from '../../evidence/event-log.js';
import { oneStep, runTest } from '../../runner/run-workflow.test-util.js';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import type { ConstraintStatus, RunOutcome } from '../../spec/outcome.js';
import type { RunResult } from '../../spec/run.js';

const DIGEST = `sha256:${'0'.repeat(64)}`;

/** A run header with the given identity. */
export function makeHeader(options: {
  run_id: string;
  tenant?: string;
  workflow?: string;
  profile?: string;
}): RunHeader {
  return {
    spec: 'nanocode.run/v1',
    run_id: options.run_id,
    tenant: options.tenant ?? 'acme',
    workflow: { name: options.workflow ?? 'answer', version: '1', digest: DIGEST },
    profile: { name: options.profile ?? 'default', digest: DIGEST },
    config_digest: DIGEST,
    framework: { name: 'nanocode', version: '0.0.0-test' },
  };
}

/**
 * A chained event log: `run.started`, `steps` pairs of step events, then `run.completed` when an outcome
 * is given. Timestamps count up from `started_at` one second per event.
 */
export function makeEvents(options: {
  header: RunHeader;
  started_at: string;
  steps?: number;
  outcome?: RunOutcome;
  /** The final constraint statuses `run.completed` lists. */
  constraints?: Array<{ step: string; id: string; status: ConstraintStatus }>;
}): RunEvent[] {
  let tick = Date.parse(options.started_at);
  const log = createEventLog({
    header: options.header,
    clock: () => {
      const now = new Date(tick).toISOString();
      tick += 1000;
      return now;
    },
  });
  const budget = { attempts: 3, tokens: 1000, cost_usd: 0.5, time_ms: 10_000 };
  log.append({
    type: 'run.started',
    data: { run_id: options.header.run_id, inputs_digest: DIGEST, inputs: { q: 'é ☃ "x"' }, budget },
  });
  for (let i = 0; i < (options.steps ?? 1); i++) {
    const step = `s${i}`;
    log.append({ type: 'step.started', step, data: { kind: 'function', depends_on: [], adapters: [] } });
    log.append({ type: 'step.completed', step, data: { status: 'released' } });
  }
  if (options.outcome) {
    const consumed = { attempts: 1, tokens: 12, cost_usd: 0.0001, time_ms: 3 };
    log.append({
      type: 'run.completed',
      data: { outcome: options.outcome, constraints: options.constraints ?? [], consumed },
    });
  }
  return log.events();
}

/** A SHA-256 digest of `label`, as leaf or certificate bytes. */
export function digestOf(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

/**
 * A real run through the runner, on scripted adapters, with a retry and (when `redacted`) redacted
 * inputs and outputs, so its events carry salted commitments and it returns salts.
 */
export function realRun(options: { run_id: string; redacted: boolean }): Promise<RunResult> {
  const workflow = {
    ...oneStep({
      replies: {
        a: [{ text: 'not json' }, { text: JSON.stringify({ answer: 'the vault code is swordfish' }) }],
      },
    }),
    inputs: { customer: { type: 'object' } },
  };
  return runTest({
    workflow,
    inputs: { customer: { email: 'jane.roe@example.org', tier: 'gold' } },
    ...(options.redacted
      ? { profile: { name: 'audited', redaction: { inputs: ['customer.email'], outputs: true } } }
      : {}),
    more: { run_id: options.run_id },
  });
}
