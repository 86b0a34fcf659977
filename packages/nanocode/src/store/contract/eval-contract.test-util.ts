import { expect, it } from 'vitest';
import type { ErrorCode } from '../../spec/error-codes.js';
import type { EvalCaseRow, EvalStart, RunStore } from '../../spec/store.js';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toThrow(expect.objectContaining({ name: 'NanocodeError', code }));
}

function start(eval_id: string, overrides: Partial<EvalStart> = {}): EvalStart {
  return {
    eval_id,
    tenant: 'acme',
    workflow: 'greet',
    profile: 'dev',
    dataset: 'cases.jsonl',
    started_at: '2026-01-01T00:00:00.000Z',
    repeat: 2,
    concurrency: 4,
    ...overrides,
  };
}

/** Case rows `from .. from+count-1`: every third one violated, every fourth one stopped. */
function rows(from: number, count: number): EvalCaseRow[] {
  return Array.from({ length: count }, (_, k) => {
    const seq = from + k;
    const violated = seq % 3 === 0;
    return {
      seq,
      case_id: `case-${Math.floor(seq / 2)}`,
      repeat: (seq % 2) + 1,
      run_id: `run-${seq}`,
      outcome: seq % 4 === 0 ? 'stopped' : violated ? 'certified_with_exceptions' : 'certified',
      passed: seq % 4 !== 0,
      ...(seq % 5 === 0 ? { expected_ok: seq % 10 === 0 } : {}),
      statuses: { 'greet/short': violated ? 'violated' : 'enforced', 'greet/a"b': 'enforced' },
      ladder: violated ? { retry: 1 } : {},
      tokens: 10 + seq,
      cost_usd: seq === 7 ? null : 0.001,
    };
  });
}

/**
 * The eval part of the store contract (registered inside `runStoreContract`): records, streamed case rows
 * with the append rules of events, finishing once, listings newest first, and case pages with filters.
 */
export function evalContract(options: { store: () => RunStore }): void {
  it('records an eval, streams its case rows idempotently, and finishes it once', async () => {
    const store = options.store();
    await rejectsWith(store.appendEvalCases({ eval_id: 'e1', cases: rows(0, 1) }), 'NC_STORE_UNKNOWN_EVAL');
    await store.createEval({ eval: start('e1') });
    await store.createEval({ eval: start('e1') });
    await rejectsWith(store.createEval({ eval: start('e1', { workflow: 'other' }) }), 'NC_STORE_CONFLICT');
    await rejectsWith(store.createEval({ eval: start('e2', { repeat: 0 }) }), 'NC_STORE_INPUT');
    expect(await store.getEval({ eval_id: 'e1' })).toEqual({
      ...start('e1'),
      status: 'running',
      case_count: 0,
    });

    await store.appendEvalCases({ eval_id: 'e1', cases: rows(0, 5) });
    await store.appendEvalCases({ eval_id: 'e1', cases: rows(3, 4) }); // overlap: stored rows skipped
    await store.appendEvalCases({ eval_id: 'e1', cases: [] });
    await rejectsWith(store.appendEvalCases({ eval_id: 'e1', cases: rows(9, 1) }), 'NC_STORE_SEQ');
    const changed = { ...rows(2, 1)[0]!, outcome: 'error' as const };
    await rejectsWith(
      store.appendEvalCases({ eval_id: 'e1', cases: [changed, ...rows(7, 1)] }),
      'NC_STORE_CONFLICT',
    );
    expect((await store.getEval({ eval_id: 'e1' }))?.case_count).toBe(7);
    const page = await store.listEvalCases({ eval_id: 'e1', limit: 1000 });
    expect(page).toEqual({ cases: rows(0, 7), total: 7 });

    const summary = { cases: 7, passed: 5, constraints: [{ key: 'greet.short', pass_rate: 0.5 }] };
    const end = {
      eval_id: 'e1',
      status: 'finished' as const,
      finished_at: '2026-01-01T00:01:00.000Z',
      summary,
    };
    await store.finishEval(end);
    await store.finishEval(end);
    await rejectsWith(store.finishEval({ ...end, status: 'cancelled' }), 'NC_STORE_CONFLICT');
    await rejectsWith(store.finishEval({ ...end, status: 'running' as never }), 'NC_STORE_INPUT');
    await rejectsWith(store.finishEval({ ...end, eval_id: 'nope' }), 'NC_STORE_UNKNOWN_EVAL');
    await rejectsWith(store.appendEvalCases({ eval_id: 'e1', cases: rows(7, 1) }), 'NC_STORE_CONFLICT');
    const finished = await store.getEval({ eval_id: 'e1' });
    expect(finished).toEqual({
      ...start('e1'),
      status: 'finished',
      finished_at: '2026-01-01T00:01:00.000Z',
      case_count: 7,
      summary,
    });
    (finished!.summary as { cases: number }).cases = 0;
    expect((await store.getEval({ eval_id: 'e1' }))?.summary).toEqual(summary);
    expect(await store.getEval({ eval_id: 'nope' })).toBeUndefined();
  });

  it('lists evals newest first by tenant and workflow, and pages case rows with filters', async () => {
    const store = options.store();
    const specs = [
      start('a', { started_at: '2026-01-01T00:01:00.000Z' }),
      start('b', { started_at: '2026-01-01T00:02:00.000Z', workflow: 'other' }),
      start('c', { started_at: '2026-01-01T00:03:00.000Z' }),
      start('d', { started_at: '2026-01-01T00:03:00.000Z', tenant: 'zeta' }),
    ];
    for (const spec of specs) await store.createEval({ eval: spec });
    const ids = async (filter: Parameters<RunStore['listEvals']>[0]) =>
      (await store.listEvals(filter)).map((e) => e.eval_id);
    expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({ tenant: 'acme' })).toEqual(['c', 'b', 'a']);
    expect(await ids({ tenant: 'acme', workflow: 'greet' })).toEqual(['c', 'a']);
    expect(await ids({ tenant: 'acme', limit: 1 })).toEqual(['c']);
    expect(await ids({ tenant: 'acme', before: '2026-01-01T00:03:00.000Z' })).toEqual(['b', 'a']);
    expect(await ids({ tenant: 'nobody' })).toEqual([]);
    await rejectsWith(store.listEvals({ limit: 0 }), 'NC_STORE_INPUT');
    await rejectsWith(
      store.listEvals({ after: { started_at: 'x' } as unknown as { started_at: string; eval_id: string } }),
      'NC_STORE_INPUT',
    );

    // Evals started at the same instant page with the `after` key, each exactly once.
    for (const eval_id of ['t1', 't2', 't3', 't4', 't5']) {
      await store.createEval({
        eval: start(eval_id, { tenant: 'tied', started_at: '2026-01-02T00:00:00.000Z' }),
      });
    }
    const walked: string[] = [];
    let after: { started_at: string; eval_id: string } | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await store.listEvals({
        tenant: 'tied',
        limit: 2,
        ...(after === undefined ? {} : { after }),
      });
      walked.push(...page.map((e) => e.eval_id));
      const last = page.at(-1);
      if (last === undefined) break;
      after = { started_at: last.started_at, eval_id: last.eval_id };
    }
    expect(walked).toEqual(['t5', 't4', 't3', 't2', 't1']);
    expect(
      await ids({ tenant: 'acme', after: { started_at: '2026-01-01T00:03:00.000Z', eval_id: 'c' } }),
    ).toEqual(['b', 'a']);

    for (let from = 0; from < 60; from += 20)
      await store.appendEvalCases({ eval_id: 'a', cases: rows(from, 20) });
    const all = rows(0, 60);
    const seqs = (page: { cases: EvalCaseRow[] }) => page.cases.map((c) => c.seq);
    expect(seqs(await store.listEvalCases({ eval_id: 'a' }))).toEqual(all.slice(0, 50).map((r) => r.seq));
    const second = await store.listEvalCases({ eval_id: 'a', limit: 25, offset: 50 });
    expect(second.total).toBe(60);
    expect(seqs(second)).toEqual(all.slice(50).map((r) => r.seq));
    const stopped = all.filter((r) => r.outcome === 'stopped');
    expect(await store.listEvalCases({ eval_id: 'a', outcome: 'stopped', limit: 1000 })).toEqual({
      cases: stopped,
      total: stopped.length,
    });
    const violated = all.filter((r) => r.statuses['greet/short'] === 'violated');
    const page = await store.listEvalCases({
      eval_id: 'a',
      constraint: { key: 'greet/short', status: 'violated' },
      limit: 5,
      offset: 2,
    });
    expect(page).toEqual({ cases: violated.slice(2, 7), total: violated.length });
    const both = all.filter((r) => r.outcome === 'stopped' && r.statuses['greet/short'] === 'violated');
    expect(
      (
        await store.listEvalCases({
          eval_id: 'a',
          outcome: 'stopped',
          constraint: { key: 'greet/short', status: 'violated' },
        })
      ).total,
    ).toBe(both.length);
    // A key that needs quoting in a JSON path is matched as text.
    expect(
      (await store.listEvalCases({ eval_id: 'a', constraint: { key: 'greet/a"b', status: 'enforced' } }))
        .total,
    ).toBe(60);
    expect(await store.listEvalCases({ eval_id: 'b' })).toEqual({ cases: [], total: 0 });
    expect(await store.listEvalCases({ eval_id: 'nope' })).toEqual({ cases: [], total: 0 });
    await rejectsWith(store.listEvalCases({ eval_id: 'a', offset: -1 }), 'NC_STORE_INPUT');
  });
}
