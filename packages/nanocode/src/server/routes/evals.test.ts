import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../../config/index.js';
import { GREET_WORKFLOW, tempDir, writeIn } from '../../eval/eval-fixtures.test-util.js';
import { evaluateDataset } from '../../eval/evaluate-dataset.js';
import type { EvalCaseRow, EvalRecord } from '../../spec/store.js';
import { createTestApp, type TestApp } from '../test-app.test-util.js';

let dir: string;
let t: TestApp;
let evalId: string;

beforeAll(async () => {
  dir = await tempDir();
  t = await createTestApp();
  // A real eval of tenant A, recorded the way `nanocode eval` records it: 12 cases, case 4 refused.
  const dataset = await writeIn({
    dir,
    name: 'names.jsonl',
    text: Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ id: `c${i}`, name: i === 4 ? 'a name far too long to be accepted' : `N${i}` }),
    ).join('\n'),
  });
  const config = resolveConfig({
    workflow: parse(GREET_WORKFLOW) as Record<string, unknown>,
    profiles: [{ name: 'team', tenant: 'tenant-a' }],
    profile: 'team',
  });
  const record = (eval_id: string, started_at: string) => ({
    eval_id,
    started_at,
    clock: () => 0,
    now: () => '2026-01-01T01:00:00.000Z',
  });
  const base = { config, dataset, env: {}, repeat: 1, skipInvalid: false, keepFailed: 0, outputs: {} };
  const done = await evaluateDataset({
    ...base,
    concurrency: 3,
    datasetName: 'names.jsonl',
    evidence: { store: t.store },
    record: record('eval-new', '2026-01-02T00:00:00.000Z'),
  });
  evalId = done.eval_id as string;
  await evaluateDataset({
    ...base,
    concurrency: 1,
    datasetName: 'older.jsonl',
    evidence: { store: t.store },
    record: record('eval-old', '2026-01-01T00:00:00.000Z'),
  });
  // Another tenant's eval of the same workflow.
  await t.store.createEval({
    eval: {
      eval_id: 'eval-b',
      tenant: 'tenant-b',
      workflow: 'greet',
      profile: 'default',
      dataset: 'b.jsonl',
      started_at: '2026-01-03T00:00:00.000Z',
      repeat: 1,
      concurrency: 1,
    },
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Detail {
  eval: EvalRecord;
  constraints: Array<{ key: string; step: string; id: string; pass_rate?: number | null }>;
  cases: EvalCaseRow[];
  total: number;
  limit: number;
  offset: number;
}

describe('eval routes', () => {
  it("lists the tenant's evals newest first for every role, filtered by workflow", async () => {
    for (const key of [t.keys.runnerA, t.keys.auditorA, t.keys.adminA]) {
      const response = await t.call({ path: '/api/evals', key });
      expect(response.status).toBe(200);
      const { evals } = (await response.json()) as { evals: EvalRecord[] };
      expect(evals.map((e) => e.eval_id)).toEqual(['eval-new', 'eval-old']);
      expect(evals[0]).toMatchObject({
        tenant: 'tenant-a',
        workflow: 'greet',
        profile: 'team',
        dataset: 'names.jsonl',
        concurrency: 3,
        status: 'finished',
        case_count: 12,
        summary: { cases: 12, passed: 11 },
      });
    }
    const only = async (query: string, key = t.keys.auditorA) =>
      (
        (await (await t.call({ path: `/api/evals${query}`, key })).json()) as { evals: EvalRecord[] }
      ).evals.map((e) => e.eval_id);
    expect(await only('?workflow=greet&limit=1')).toEqual(['eval-new']);
    expect(await only('?workflow=other')).toEqual([]);
    expect(await only('?before=2026-01-02T00:00:00.000Z')).toEqual(['eval-old']);
    expect(await only('', t.keys.runnerB)).toEqual(['eval-b']);
    // Keyset paging: a full page carries next_cursor, which resumes after its last eval.
    const first = (await (await t.call({ path: '/api/evals?limit=1', key: t.keys.auditorA })).json()) as {
      evals: EvalRecord[];
      next_cursor?: string;
    };
    expect(first.evals.map((e) => e.eval_id)).toEqual(['eval-new']);
    expect(await only(`?limit=1&cursor=${first.next_cursor}`)).toEqual(['eval-old']);
    const last = (await (
      await t.call({ path: `/api/evals?cursor=${first.next_cursor}`, key: t.keys.auditorA })
    ).json()) as { evals: EvalRecord[]; next_cursor?: string };
    expect(last.evals.map((e) => e.eval_id)).toEqual(['eval-old']);
    expect(last.next_cursor).toBeUndefined();
    const runCursor = Buffer.from(JSON.stringify({ started_at: '2026-01-02T00:00:00.000Z', run_id: 'x' }));
    const wrong = await t.call({
      path: `/api/evals?cursor=${runCursor.toString('base64url')}`,
      key: t.keys.auditorA,
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'NC_API_BAD_REQUEST', details: { issues: [{ path: 'cursor' }] } },
    });
    for (const query of ['?limit=0', '?limit=x', '?before=yesterday']) {
      const response = await t.call({ path: `/api/evals${query}`, key: t.keys.auditorA });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'NC_API_BAD_REQUEST' } });
    }
    expect((await t.call({ path: '/api/evals' })).status).toBe(401);
    expect((await t.call({ path: '/api/evals', key: t.keys.revokedA })).status).toBe(401);
  });

  it('answers one eval with its constraints and a page of rows, filtered by outcome or constraint status', async () => {
    const detail = async (query = '') => {
      const response = await t.call({ path: `/api/evals/${evalId}${query}`, key: t.keys.runnerA });
      expect(response.status, query).toBe(200);
      return (await response.json()) as Detail;
    };
    const first = await detail();
    expect(first.eval).toMatchObject({
      eval_id: evalId,
      status: 'finished',
      finished_at: '2026-01-01T01:00:00.000Z',
    });
    expect(first.constraints).toEqual([
      expect.objectContaining({ key: 'greet/shape', step: 'greet', id: 'shape', pass_rate: 1 }),
      expect.objectContaining({ key: 'greet/short', step: 'greet', id: 'short', pass_rate: 1 }),
    ]);
    expect(first).toMatchObject({ total: 12, limit: 50, offset: 0 });
    expect(first.cases.map((c) => c.case_id)).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}`));
    expect(first.cases[0]).toMatchObject({
      seq: 0,
      repeat: 1,
      outcome: 'certified',
      passed: true,
      statuses: { 'greet/shape': 'enforced', 'greet/short': 'enforced' },
      ladder: { retry: 1 },
      tokens: 38,
      cost_usd: expect.any(Number),
    });
    expect(first.cases[0]?.run_id).not.toBe('');
    const page = await detail('?limit=3&offset=2');
    expect(page.cases.map((c) => c.seq)).toEqual([2, 3, 4]);
    expect(page.total).toBe(12);
    const errors = await detail('?outcome=error');
    expect(errors.cases.map((c) => c.case_id)).toEqual(['c4']);
    expect(errors.total).toBe(1);
    const na = await detail(
      `?constraint=${encodeURIComponent('greet/shape')}&constraint_status=not_applicable`,
    );
    expect(na.cases.map((c) => c.case_id)).toEqual(['c4']);
    const enforced = await detail(
      '?constraint=greet/short&constraint_status=enforced&outcome=certified&limit=5',
    );
    expect(enforced).toMatchObject({ total: 11, limit: 5 });
    expect(enforced.cases).toHaveLength(5);
  });

  it('refuses bad queries with 400, and hides other tenants and unknown ids behind 404', async () => {
    for (const query of [
      '?constraint=greet/shape',
      '?constraint_status=violated',
      '?constraint=greet/shape&constraint_status=broken',
      '?outcome=maybe',
      '?limit=0',
      '?limit=5000',
      '?offset=-1',
    ]) {
      const response = await t.call({ path: `/api/evals/${evalId}${query}`, key: t.keys.auditorA });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'NC_API_BAD_REQUEST' } });
    }
    const hidden = await t.call({ path: `/api/evals/${evalId}`, key: t.keys.runnerB });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({
      error: { code: 'NC_API_NOT_FOUND', message: `no eval ${evalId}` },
    });
    expect((await t.call({ path: '/api/evals/eval-b', key: t.keys.auditorA })).status).toBe(404);
    expect((await t.call({ path: '/api/evals/nope', key: t.keys.auditorA })).status).toBe(404);
    expect((await t.call({ path: '/api/evals/eval-b', key: t.keys.runnerB })).status).toBe(200);
  });
});
