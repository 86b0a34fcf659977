import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHeader } from '../../store/contract/store-fixtures.test-util.js';
import { createGate, createTestApp, REPO_ROOT } from '../test-app.test-util.js';

const SUPPORT_INPUTS = JSON.parse(
  readFileSync(join(REPO_ROOT, 'examples/support-answer/inputs.json'), 'utf8'),
) as Record<string, unknown>;

interface RunBody {
  run_id: string;
  outcome: string;
  output?: unknown;
  certificate: { keyid: string; log_index: number } | null;
}

describe('runs routes', () => {
  it('runs a workflow synchronously: 200 with outcome, output and certificate', async () => {
    const t = await createTestApp();
    const response = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { workflow: 'support-answer', profile: 'dev', inputs: SUPPORT_INPUTS },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as RunBody;
    expect(body.outcome).toBe('certified');
    expect(body.output).toBeDefined();
    expect(body.certificate).toEqual({ keyid: expect.stringMatching(/^[0-9a-f]{64}$/), log_index: 0 });
    const stored = await t.store.getRun({ run_id: body.run_id });
    expect(stored?.summary.tenant).toBe('tenant-a');
  });

  it('answers 404 for an unknown workflow, and for names that try to leave the project', async () => {
    const t = await createTestApp();
    for (const workflow of ['no-such-workflow', '../etc/passwd', '..']) {
      const response = await t.call({ path: '/api/runs', key: t.keys.runnerA, json: { workflow } });
      expect(response.status, workflow).toBe(404);
    }
  });

  it('lists, gets and hides runs per tenant: another tenant gets 404, never the run', async () => {
    const t = await createTestApp();
    const created = (await (
      await t.call({ path: '/api/runs', key: t.keys.runnerA, json: { workflow: 'constraint-playground' } })
    ).json()) as RunBody;
    const list = (await (await t.call({ path: '/api/runs', key: t.keys.auditorA })).json()) as {
      runs: Array<{ run_id: string }>;
    };
    expect(list.runs.map((r) => r.run_id)).toEqual([created.run_id]);
    const filtered = (await (
      await t.call({ path: '/api/runs?workflow=support-answer&limit=5', key: t.keys.auditorA })
    ).json()) as { runs: unknown[] };
    expect(filtered.runs).toEqual([]);
    const got = await t.call({ path: `/api/runs/${created.run_id}`, key: t.keys.auditorA });
    expect(await got.json()).toMatchObject({
      summary: { run_id: created.run_id, tenant: 'tenant-a' },
      certificate: { log_index: 0 },
    });
    const otherList = (await (await t.call({ path: '/api/runs', key: t.keys.runnerB })).json()) as {
      runs: unknown[];
    };
    expect(otherList.runs).toEqual([]);
    for (const path of [
      `/api/runs/${created.run_id}`,
      `/api/runs/${created.run_id}/events`,
      `/api/runs/${created.run_id}/certificate`,
      `/api/log/inclusion/${created.run_id}`,
    ]) {
      const response = await t.call({ path, key: t.keys.runnerB });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NC_API_NOT_FOUND' } });
    }
    const cancel = await t.call({
      path: `/api/runs/${created.run_id}/cancel`,
      method: 'POST',
      key: t.keys.runnerB,
    });
    expect(cancel.status).toBe(404);
    const bad = await t.call({ path: '/api/runs?limit=0', key: t.keys.auditorA });
    expect(bad.status).toBe(400);
  });

  it('filters the listing by time, status and a constraint final status; a half constraint filter is a 400', async () => {
    const t = await createTestApp();
    const run = async (inputs: Record<string, unknown>): Promise<string> =>
      (
        (await (
          await t.call({
            path: '/api/runs',
            key: t.keys.runnerA,
            json: { workflow: 'constraint-playground', inputs },
          })
        ).json()) as RunBody
      ).run_id;
    const ok = await run({ product: 'Nanocode' });
    const refused = await run({ product: 'x'.repeat(80) });
    const ids = async (query: string): Promise<string[]> => {
      const response = await t.call({ path: `/api/runs?${query}`, key: t.keys.auditorA });
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { runs: Array<{ run_id: string }> }).runs.map((r) => r.run_id);
    };
    expect(await ids('constraint=sane-input&constraint_status=violated')).toEqual([refused]);
    expect(await ids('constraint=sane-input&constraint_status=enforced&step=%24input')).toEqual([ok]);
    expect(await ids('constraint=sane-input&constraint_status=enforced&step=playground')).toEqual([]);
    expect(await ids('status=finished')).toEqual([refused, ok]);
    expect(await ids('status=running')).toEqual([]);
    expect(await ids('since=2999-01-01T00:00:00Z')).toEqual([]);
    expect(await ids('since=2000-01-01T00:00:00Z')).toEqual([refused, ok]);
    for (const query of ['constraint=sane-input', 'constraint_status=violated', 'step=playground']) {
      const bad = await t.call({ path: `/api/runs?${query}`, key: t.keys.auditorA });
      expect(bad.status, query).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'NC_API_BAD_REQUEST' } });
    }
  });

  it('pages the listing with next_cursor: runs sharing a start time, and a live one, each exactly once', async () => {
    const gate = createGate();
    const t = await createTestApp({ wrap: gate.wrap });
    const tied = '2020-01-05T00:00:00.000Z'; // before the live run's start, whatever the clock
    for (const run_id of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      await t.store.createRun({ header: makeHeader({ run_id, tenant: 'tenant-a' }), started_at: tied });
    }
    await t.store.createRun({ header: makeHeader({ run_id: 'x', tenant: 'tenant-b' }), started_at: tied });
    // A run in progress (held at the gate) is listed with the stored ones, in the same order.
    const { run_id: live } = (await (
      await t.call({
        path: '/api/runs',
        key: t.keys.runnerA,
        json: { workflow: 'constraint-playground', mode: 'async' },
      })
    ).json()) as { run_id: string };
    interface Page {
      runs: Array<{ run_id: string }>;
      next_cursor?: string;
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const query = cursor === undefined ? 'limit=2' : `limit=2&cursor=${cursor}`;
      const response = await t.call({ path: `/api/runs?${query}`, key: t.keys.auditorA });
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      pages.push(page.runs.map((r) => r.run_id));
      cursor = page.next_cursor;
      if (cursor === undefined) break;
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    // Six runs in pages of two: three full pages, then an empty one that carries no cursor.
    expect(pages).toEqual([[live, 'r5'], ['r4', 'r3'], ['r2', 'r1'], []]);
    const first = (await (await t.call({ path: '/api/runs?limit=2', key: t.keys.auditorA })).json()) as Page;
    expect(JSON.parse(Buffer.from(first.next_cursor!, 'base64url').toString('utf8'))).toEqual({
      started_at: tied,
      run_id: 'r5',
    });
    // A page that is not full has no next_cursor; `before` still pages by time.
    const rest = (await (
      await t.call({ path: '/api/runs?before=2020-01-06T00:00:00Z', key: t.keys.auditorA })
    ).json()) as Page;
    expect(rest.runs.map((r) => r.run_id)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(rest.next_cursor).toBeUndefined();
    gate.open();
    expect(await t.runs.drain({ timeoutMs: 30_000 })).toBe(true);
  });

  it('answers a malformed cursor with 400 NC_API_BAD_REQUEST naming the parameter', async () => {
    const t = await createTestApp();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    for (const cursor of [
      'not base64!',
      Buffer.from('not json').toString('base64url'),
      encode(['2026-01-05T00:00:00.000Z', 'r1']),
      encode({ started_at: '2026-01-05T00:00:00.000Z', eval_id: 'r1' }),
      encode({ started_at: '2026-01-05T00:00:00.000Z', run_id: 7 }),
      encode({ started_at: 'yesterday', run_id: 'r1' }),
      encode({ started_at: '2026-01-05T00:00:00.000Z', run_id: 'r1', extra: true }),
      'A'.repeat(2000),
    ]) {
      const response = await t.call({
        path: `/api/runs?cursor=${encodeURIComponent(cursor)}`,
        key: t.keys.auditorA,
      });
      expect(response.status, cursor).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'NC_API_BAD_REQUEST', details: { issues: [{ in: 'query', path: 'cursor' }] } },
      });
    }
  });

  it('runs asynchronously: 202 with Location, then the run is stored and certified', async () => {
    const gate = createGate();
    const t = await createTestApp({ wrap: gate.wrap });
    const response = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { workflow: 'constraint-playground', mode: 'async' },
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { run_id: string; status: string };
    expect(response.headers.get('location')).toBe(`/api/runs/${body.run_id}`);
    const running = await t.call({ path: `/api/runs/${body.run_id}`, key: t.keys.auditorA });
    expect(await running.json()).toMatchObject({ summary: { outcome: 'running' }, certificate: null });
    gate.open();
    expect(await t.runs.drain({ timeoutMs: 30_000 })).toBe(true);
    const done = await t.call({ path: `/api/runs/${body.run_id}`, key: t.keys.auditorA });
    expect(await done.json()).toMatchObject({ summary: { outcome: expect.stringMatching(/^certified/) } });
  });

  it('cancels an async run: it ends stopped, and is certified', async () => {
    const gate = createGate();
    const t = await createTestApp({ wrap: gate.wrap });
    const { run_id } = (await (
      await t.call({
        path: '/api/runs',
        key: t.keys.runnerA,
        json: { workflow: 'constraint-playground', mode: 'async' },
      })
    ).json()) as { run_id: string };
    const forbidden = await t.call({
      path: `/api/runs/${run_id}/cancel`,
      method: 'POST',
      key: t.keys.auditorA,
    });
    expect(forbidden.status).toBe(403);
    const cancel = await t.call({ path: `/api/runs/${run_id}/cancel`, method: 'POST', key: t.keys.runnerA });
    expect(await cancel.json()).toEqual({ run_id, status: 'cancelling' });
    gate.open();
    expect(await t.runs.drain({ timeoutMs: 30_000 })).toBe(true);
    const stored = await t.store.getRun({ run_id });
    expect(stored?.summary.outcome).toBe('stopped');
    const completed = stored?.events.at(-1);
    expect(completed?.type).toBe('run.completed');
    expect(completed?.data).toMatchObject({ outcome: 'stopped' });
    expect(stored?.certificate).toBeDefined();
    const again = await t.call({ path: `/api/runs/${run_id}/cancel`, method: 'POST', key: t.keys.runnerA });
    expect(await again.json()).toEqual({ run_id, status: 'finished', outcome: 'stopped' });
  });

  it('streams a live run over SSE: events so far, then live ones, ending after run.completed', async () => {
    const gate = createGate();
    const t = await createTestApp({ wrap: gate.wrap });
    const { run_id } = (await (
      await t.call({
        path: '/api/runs',
        key: t.keys.runnerA,
        json: { workflow: 'constraint-playground', mode: 'async' },
      })
    ).json()) as { run_id: string };
    const stream = await t.call({ path: `/api/runs/${run_id}/events`, key: t.keys.auditorA });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    gate.open();
    const text = await stream.text();
    const types = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.completed');
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i));
    await t.runs.drain({ timeoutMs: 30_000 });
    // A finished run replays its stored events; Last-Event-ID skips those already seen.
    const replay = await t.call({
      path: `/api/runs/${run_id}/events`,
      key: t.keys.auditorA,
      headers: { 'last-event-id': '2' },
    });
    const replayIds = [...(await replay.text()).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(replayIds[0]).toBe(3);
    expect(replayIds.at(-1)).toBe(ids.at(-1));
  });

  it('honours Idempotency-Key: the same body replays the first response, another body is a 409', async () => {
    const t = await createTestApp();
    const headers = { 'idempotency-key': 'key-1' };
    const json = { workflow: 'constraint-playground' };
    const first = (await (
      await t.call({ path: '/api/runs', key: t.keys.runnerA, json, headers })
    ).json()) as RunBody;
    const second = (await (
      await t.call({ path: '/api/runs', key: t.keys.runnerA, json, headers })
    ).json()) as RunBody;
    expect(second.run_id).toBe(first.run_id);
    expect(await t.store.listRuns({ tenant: 'tenant-a' })).toHaveLength(1);
    const conflict = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { ...json, inputs: { product: 'Other' } },
      headers,
    });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: 'NC_API_CONFLICT' } });
    // Keys are per tenant: another tenant's same key is a new request.
    const other = (await (
      await t.call({ path: '/api/runs', key: t.keys.runnerB, json, headers })
    ).json()) as RunBody;
    expect(other.run_id).not.toBe(first.run_id);
  });
});
