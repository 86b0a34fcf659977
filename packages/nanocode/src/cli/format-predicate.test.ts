import { describe, expect, it } from 'vitest';
import type { RunPredicate } from '../spec/certificate.js';
import { formatPredicate } from './format-predicate.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function predicate(policy: RunPredicate['policy']): RunPredicate {
  return {
    run_id: 'r1',
    tenant: 'acme',
    workflow: { name: 'answer', version: '1', digest: DIGEST },
    profile: { name: 'strict', digest: DIGEST },
    framework: { name: 'nanocode', version: '0.0.0' },
    config_digest: DIGEST,
    ...(policy === undefined ? {} : { policy }),
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:00:01.000Z',
    outcome: 'certified',
    constraints: [],
    recovery: [],
    budget: {
      limits: { attempts: 1, tokens: 1, cost_usd: 1, time_ms: 1 },
      consumed: { attempts: 1, tokens: 1, cost_usd: 0, time_ms: 1 },
    },
    models: [],
    inputs: { digest: DIGEST },
    outputs: { steps: [] },
    events: { count: 2, head: DIGEST, sha256: DIGEST },
  };
}

describe('formatPredicate', () => {
  it('names the policy the run was resolved under, or says it was not recorded', () => {
    const line = (p: RunPredicate) =>
      formatPredicate({ predicate: p, keyids: ['k'] }).find((l) => l.startsWith('policy: '));
    expect(line(predicate({ source: 'api', version: 7, digest: DIGEST }))).toBe(
      `policy: API-managed version 7 (${DIGEST})`,
    );
    expect(line(predicate({ source: 'files' }))).toBe(
      "policy: files (the project's profile files; no API-managed policy)",
    );
    expect(line(predicate(undefined))).toBe(
      'policy: not recorded (a run from before policies were recorded)',
    );
  });
});
