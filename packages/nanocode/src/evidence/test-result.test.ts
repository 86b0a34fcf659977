import { describe, expect, it } from 'vitest';
import type { PredicateConstraint } from '../spec/certificate.js';
import { runScenario } from './certificate-runs.test-util.js';
import { buildPredicate } from './predicate-from-events.js';
import { testResultPredicate } from './test-result.js';

async function viewOf(run: string) {
  return testResultPredicate({ predicate: buildPredicate(await runScenario(run)) });
}

describe('testResultPredicate: the in-toto Test Result view', () => {
  it.each([
    ['certified', 'PASSED', ['answer.shape'], [], []],
    ['soft_violated', 'WARNED', [], ['answer.short'], []],
    ['waived', 'WARNED', [], ['answer.short'], []],
    ['unchecked', 'WARNED', [], ['answer.calm'], []],
    ['degraded', 'WARNED', ['answer.shape'], [], []],
    ['stopped', 'FAILED', [], [], ['answer.shape']],
    ['input_refused', 'FAILED', [], [], ['$input.no-secrets']],
    ['chain', 'WARNED', ['draft.short'], ['final.short'], []],
    ['error', 'FAILED', [], [], []],
  ])('maps a %s run to %s', async (run, result, passed, warned, failed) => {
    const view = await viewOf(run);
    expect(view).toMatchObject({ result, passedTests: passed, warnedTests: warned, failedTests: failed });
  });

  it('names the configuration by digest (bare hex per algorithm)', async () => {
    const view = await viewOf('certified');
    expect(view.configuration.map((c) => c.name)).toEqual(['workflow/one-step@1', 'profile/test', 'config']);
    for (const entry of view.configuration) expect(entry.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps each status as the brief says: enforced passed, waived or soft violated warned, failed failed', () => {
    const row = (over: Partial<PredicateConstraint>): PredicateConstraint => ({
      step: 's',
      id: over.id ?? 'c',
      status: 'enforced',
      evidence: [],
      ...over,
    });
    const base = buildPredicateStub([
      row({ id: 'e', status: 'enforced' }),
      row({ id: 'w', status: 'waived', severity: 'hard' }),
      row({ id: 'v', status: 'violated', severity: 'soft' }),
      row({ id: 'h', status: 'violated', severity: 'hard' }),
      row({ id: 'n', status: 'not_applicable', severity: 'hard', verdict: 'fail' }),
      row({ id: 'p', status: 'not_applicable', severity: 'hard', verdict: 'pass' }),
      row({ id: 'q', status: 'not_applicable' }),
    ]);
    expect(testResultPredicate({ predicate: base })).toMatchObject({
      result: 'FAILED',
      passedTests: ['s.e'],
      warnedTests: ['s.w', 's.v'],
      failedTests: ['s.h', 's.n'],
    });
  });
});

function buildPredicateStub(constraints: PredicateConstraint[]) {
  return {
    run_id: 'r',
    tenant: 't',
    workflow: { name: 'w', version: '1', digest: 'sha256:aa' },
    profile: { name: 'p', digest: 'sha256:bb' },
    framework: { name: 'nanocode', version: '0' },
    config_digest: 'sha256:cc',
    started_at: '',
    finished_at: '',
    outcome: 'certified_with_exceptions' as const,
    constraints,
    recovery: [],
    budget: {
      limits: { attempts: 1, tokens: 1, cost_usd: 1, time_ms: 1 },
      consumed: { attempts: 1, tokens: 1, cost_usd: 1, time_ms: 1 },
    },
    models: [],
    inputs: { digest: 'sha256:dd' },
    outputs: { steps: [] },
    events: { count: 0, head: '', sha256: '' },
  };
}
