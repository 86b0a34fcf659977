import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.test-util.js';

async function certifiedRun(t: TestApp): Promise<string> {
  const response = await t.call({
    path: '/api/runs',
    key: t.keys.runnerA,
    json: { workflow: 'constraint-playground' },
  });
  return ((await response.json()) as { run_id: string }).run_id;
}

describe('certificate and log routes', () => {
  it('exports a certificate in every format, and the bundle verifies (a tampered one does not)', async () => {
    const t = await createTestApp();
    const runId = await certifiedRun(t);
    const bundleResponse = await t.call({ path: `/api/runs/${runId}/certificate`, key: t.keys.auditorA });
    const bundle = (await bundleResponse.json()) as {
      envelope: unknown;
      events: Array<{ data: unknown }>;
      log_proof: string;
    };
    expect(bundle.log_proof).toMatch(/^c2sp.org\/tlog-proof@v1\n/);
    const verified = await t.call({ path: '/api/certificates/verify', key: t.keys.auditorA, json: bundle });
    expect(await verified.json()).toMatchObject({ ok: true });
    const tampered = structuredClone(bundle);
    (tampered.events[0] as { data: Record<string, unknown> }).data.run_id = 'forged';
    const rejected = await t.call({ path: '/api/certificates/verify', key: t.keys.auditorA, json: tampered });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ ok: false });
    const expected = {
      otlp: ['application/x-ndjson', runId],
      junit: ['application/xml', '<testsuites'],
      sarif: ['application/sarif+json', '"version":"2.1.0"'],
      html: ['text/html', '<html'],
    } as const;
    for (const [format, [type, snippet]] of Object.entries(expected)) {
      const response = await t.call({
        path: `/api/runs/${runId}/certificate?format=${format}`,
        key: t.keys.auditorA,
      });
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type'), format).toContain(type);
      expect((await response.text()).replace(/\s/g, ''), format).toContain(snippet.replace(/\s/g, ''));
    }
    const bad = await t.call({ path: `/api/runs/${runId}/certificate?format=pdf`, key: t.keys.auditorA });
    expect(bad.status).toBe(400);
  });

  it('serves the checkpoint, inclusion proofs and consistency proofs of the tenant log only', async () => {
    const t = await createTestApp();
    const first = await certifiedRun(t);
    await certifiedRun(t);
    const checkpoint = (await (
      await t.call({ path: '/api/log/checkpoint', key: t.keys.auditorA })
    ).json()) as {
      size: number;
      note: string;
    };
    expect(checkpoint).toMatchObject({ tenant: 'tenant-a', size: 2 });
    expect(checkpoint.note).toContain('nanocode.local/log/tenant-a\n2\n');
    const inclusion = await t.call({ path: `/api/log/inclusion/${first}`, key: t.keys.auditorA });
    expect(await inclusion.json()).toMatchObject({ run_id: first, index: 0, proof: [expect.any(String)] });
    const consistency = await t.call({ path: '/api/log/consistency?from=1&to=2', key: t.keys.auditorA });
    expect(await consistency.json()).toMatchObject({
      spec: 'nanocode.log-consistency-proof/v1',
      proof: [expect.any(String)],
    });
    for (const query of ['from=2&to=1', 'from=1&to=3', 'from=0&to=1', 'from=x&to=1']) {
      const response = await t.call({ path: `/api/log/consistency?${query}`, key: t.keys.auditorA });
      expect(response.status, query).toBe(400);
    }
    const other = (await (await t.call({ path: '/api/log/checkpoint', key: t.keys.runnerB })).json()) as {
      size: number;
    };
    expect(other.size).toBe(0);
  });
});

describe('workflow, profile and adapter routes', () => {
  it('lists the example workflows and gets one resolved, without server paths', async () => {
    const t = await createTestApp();
    const list = (await (await t.call({ path: '/api/workflows', key: t.keys.auditorA })).json()) as {
      workflows: Array<{ name: string; file: string; valid: boolean }>;
    };
    expect(list.workflows.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'audience-switcher',
        'constraint-playground',
        'idea-to-risks',
        'support-answer',
      ]),
    );
    expect(list.workflows.find((w) => w.name === 'support-answer')).toMatchObject({
      file: 'examples/support-answer/workflow.yaml',
      valid: true,
    });
    const got = await t.call({ path: '/api/workflows/support-answer?profile=dev', key: t.keys.auditorA });
    const body = (await got.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ workflow: { name: 'support-answer' }, profile: { name: 'dev' } });
    expect(body.digest).toMatch(/^sha256:/);
    expect(body.sources).toBeUndefined();
    expect((await t.call({ path: '/api/workflows/nope', key: t.keys.auditorA })).status).toBe(404);
  });

  it('validates YAML text: ok for a good workflow, located errors for a bad one', async () => {
    const t = await createTestApp();
    const good =
      'name: tiny\nversion: 1\nsteps:\n  answer:\n    model: [scripted:x]\n    prompt: { user: "hi" }\n';
    const ok = await t.call({ path: '/api/workflows/validate', key: t.keys.runnerA, body: good });
    expect(await ok.json()).toEqual({ ok: true, errors: [] });
    const bad = await t.call({
      path: '/api/workflows/validate',
      key: t.keys.runnerA,
      body: `${good}    severty: hard\n`,
    });
    const report = (await bad.json()) as {
      ok: boolean;
      errors: Array<{ code: string; location: { file: string; line: number } }>;
    };
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({
      code: 'NC_CFG_UNKNOWN_KEY',
      location: { file: 'body', line: 7 },
    });
    expect((await t.call({ path: '/api/workflows/validate', key: t.keys.auditorA, body: good })).status).toBe(
      403,
    );
  });

  it('lists profiles with the built-in default', async () => {
    const t = await createTestApp();
    const body = (await (await t.call({ path: '/api/profiles', key: t.keys.auditorA })).json()) as {
      profiles: Array<{ name: string; file: string | null; valid: boolean }>;
    };
    expect(body.profiles.map((p) => p.name)).toEqual(expect.arrayContaining(['default', 'dev', 'prod']));
    expect(body.profiles.find((p) => p.name === 'default')?.file).toBeNull();
    expect(body.profiles.find((p) => p.name === 'dev')).toMatchObject({
      file: 'examples/profiles/dev.yaml',
      valid: true,
    });
  });

  it('checks adapters offline: scripted adapters resolve, simulated', async () => {
    const t = await createTestApp();
    const response = await t.call({
      path: '/api/adapters/health?workflow=support-answer',
      key: t.keys.auditorA,
    });
    const body = (await response.json()) as { ok: boolean; adapters: Array<{ ref: string; ok: boolean }> };
    expect(body.ok).toBe(true);
    expect(body.adapters.map((a) => a.ref)).toEqual(
      expect.arrayContaining(['scripted:primary', 'scripted:backup']),
    );
    expect((await t.call({ path: '/api/adapters/health', key: t.keys.auditorA })).status).toBe(400);
  });
});
