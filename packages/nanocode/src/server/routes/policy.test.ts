import { describe, expect, it } from 'vitest';
import { readTrust } from '../../compose/read-trust.js';
import { digestJson } from '../../evidence/digest.js';
import { parseStatement, verifyCertificate } from '../../evidence/index.js';
import type { RunPredicate } from '../../spec/certificate.js';
import type { PolicyChange, RunStore, TenantPolicy } from '../../spec/store.js';
import { hashApiKey } from '../middleware/authenticate.js';
import { createTestApp, type TestApp } from '../test-app.test-util.js';

const STRICT = {
  extends: 'dev',
  description: 'Stricter than dev.',
  budget: { attempts: 4 },
  waivers: [
    {
      constraint: 'playground.tone',
      reason: 'Tone is being recalibrated.',
      granted_by: 'risk-office',
      expires: '2099-01-01',
    },
  ],
};

interface ChangeBody {
  target: string;
  changed: boolean;
  policy: { version: number; digest: string; source: string };
  change: PolicyChange | null;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Adds an admin and an auditor key for tenant B (the shared test app has only a runner there). */
async function addTenantBKeys(t: TestApp): Promise<{ adminB: string; auditorB: string }> {
  const keys = { adminB: 'nck_test_adminB_x', auditorB: 'nck_test_auditorB_x' };
  for (const [name, role] of [
    ['adminB', 'admin'],
    ['auditorB', 'auditor'],
  ] as const) {
    await t.store.putApiKey({
      key: {
        id: `key-${name}`,
        tenant: 'tenant-b',
        role,
        hash: hashApiKey({ key: keys[name] }),
        prefix: keys[name].slice(0, 8),
        created_at: '2026-01-01T00:00:00.000Z',
      },
    });
  }
  return keys;
}

async function certificateOf(t: TestApp, runId: string) {
  const bundle = await json<{ envelope: { payload: string }; header: unknown; events: unknown[] }>(
    await t.call({ path: `/api/runs/${runId}/certificate`, key: t.keys.auditorA }),
  );
  const trust = await readTrust({ keyDir: t.keyDir });
  const report = verifyCertificate({ bundle, keys: trust.certificate });
  const parsed = parseStatement(new Uint8Array(Buffer.from(bundle.envelope.payload, 'base64')));
  if (!parsed.ok) throw new Error(parsed.message);
  return { report, predicate: parsed.statement.predicate as unknown as RunPredicate };
}

describe('policy routes', () => {
  it('lets admins write and admins and auditors read; runners and other keys are refused', async () => {
    const t = await createTestApp();
    const put = (key: string | undefined) =>
      t.call({ path: '/api/profiles/strict', method: 'PUT', json: STRICT, ...(key ? { key } : {}) });
    expect((await put(undefined)).status).toBe(401);
    expect((await put(t.keys.revokedA)).status).toBe(401);
    for (const key of [t.keys.runnerA, t.keys.auditorA, t.keys.runnerB]) {
      const refused = await put(key);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'NC_API_FORBIDDEN' } });
    }
    const waiver = { reason: 'r', granted_by: 'g', expires: '2099-01-01' };
    for (const [method, path, body] of [
      ['PUT', '/api/profiles/dev/waivers/playground.tone', waiver],
      ['DELETE', '/api/profiles/dev/waivers/playground.tone', undefined],
      ['DELETE', '/api/profiles/dev', undefined],
    ] as const) {
      const response = await t.call({ path, method, key: t.keys.auditorA, ...(body ? { json: body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await t.store.getPolicy({ tenant: 'tenant-a' })).version).toBe(0);

    expect((await put(t.keys.adminA)).status).toBe(200);
    for (const path of [
      '/api/policy',
      '/api/policy/audit',
      '/api/policy/versions/1',
      '/api/profiles/strict',
    ]) {
      expect((await t.call({ path, key: t.keys.auditorA })).status, path).toBe(200);
      expect((await t.call({ path, key: t.keys.adminA })).status, path).toBe(200);
      expect((await t.call({ path, key: t.keys.runnerA })).status, path).toBe(403);
    }
    // The listing stays open to every role: runners pick a profile from it.
    expect((await t.call({ path: '/api/profiles', key: t.keys.runnerA })).status).toBe(200);
  });

  it('versions every change and keeps an audit trail whose digests chain', async () => {
    const t = await createTestApp();
    const first = await t.call({
      path: '/api/profiles/strict',
      method: 'PUT',
      key: t.keys.adminA,
      json: STRICT,
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    const documents1 = { strict: { kind: 'profile', ...STRICT, name: 'strict' } };
    expect(await json<ChangeBody>(first)).toEqual({
      target: 'strict',
      changed: true,
      policy: { version: 1, digest: digestJson(documents1), source: 'api' },
      change: {
        tenant: 'tenant-a',
        version: 1,
        actor: { key_id: 'key-adminA', key_prefix: t.keys.adminA.slice(0, 8) },
        at: expect.any(String),
        action: 'profile.put',
        target: 'strict',
        previous_digest: digestJson({}),
        new_digest: digestJson(documents1),
      },
    });
    // The same document again changes nothing and records nothing.
    const again = await json<ChangeBody>(
      await t.call({ path: '/api/profiles/strict', method: 'PUT', key: t.keys.adminA, json: STRICT }),
    );
    expect(again).toMatchObject({ changed: false, change: null, policy: { version: 1 } });

    const waiver = { reason: 'Links are checked by hand.', granted_by: 'docs-team', expires: '2099-06-30' };
    const waived = await t.call({
      path: '/api/profiles/dev/waivers/playground.links-ok',
      method: 'PUT',
      key: t.keys.adminA,
      json: waiver,
      headers: { 'if-match': '"1"' },
    });
    expect(waived.status).toBe(200);
    expect(await json<ChangeBody>(waived)).toMatchObject({
      target: 'dev/waivers/playground.links-ok',
      policy: { version: 2 },
      change: { action: 'waiver.put' },
    });
    // The file profile `dev` was copied into the policy with the waiver added.
    const dev = await json<{
      source: string;
      document: Record<string, unknown>;
      resolved: { waivers: unknown[] };
    }>(await t.call({ path: '/api/profiles/dev', key: t.keys.auditorA }));
    expect(dev.source).toBe('api');
    expect(dev.document).toMatchObject({ name: 'dev', adapters: { allow: expect.any(Array) } });
    expect(dev.resolved.waivers).toEqual([
      { constraint: 'playground.links-ok', ...waiver, expires: '2099-06-30T00:00:00.000Z' },
    ]);

    const stale = await t.call({
      path: '/api/profiles/dev/waivers/playground.links-ok',
      method: 'DELETE',
      key: t.keys.adminA,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({
      error: { code: 'NC_API_PRECONDITION_FAILED', details: { version: 2 } },
    });
    const removed = await t.call({
      path: '/api/profiles/dev/waivers/playground.links-ok',
      method: 'DELETE',
      key: t.keys.adminA,
      headers: { 'if-match': '2' },
    });
    expect(removed.status).toBe(200);
    expect(
      (
        await t.call({
          path: '/api/profiles/dev/waivers/playground.links-ok',
          method: 'DELETE',
          key: t.keys.adminA,
        })
      ).status,
    ).toBe(404);
    expect((await t.call({ path: '/api/profiles/dev', method: 'DELETE', key: t.keys.adminA })).status).toBe(
      200,
    );
    // `dev` is a file profile again: it cannot be deleted through the API.
    const fileOnly = await t.call({ path: '/api/profiles/dev', method: 'DELETE', key: t.keys.adminA });
    expect(fileOnly.status).toBe(404);
    const listed = await json<{
      policy: { version: number };
      profiles: Array<{ name: string; source: string }>;
    }>(await t.call({ path: '/api/profiles', key: t.keys.runnerA }));
    expect(listed.policy.version).toBe(4);
    expect(listed.profiles.find((p) => p.name === 'dev')?.source).toBe('file');
    expect(listed.profiles.find((p) => p.name === 'strict')?.source).toBe('api');
    expect(listed.profiles.find((p) => p.name === 'default')?.source).toBe('builtin');

    const audit = await json<{ changes: PolicyChange[]; next_before?: number }>(
      await t.call({ path: '/api/policy/audit', key: t.keys.auditorA }),
    );
    expect(audit.changes.map((c) => [c.version, c.action, c.target])).toEqual([
      [4, 'profile.delete', 'dev'],
      [3, 'waiver.delete', 'dev/waivers/playground.links-ok'],
      [2, 'waiver.put', 'dev/waivers/playground.links-ok'],
      [1, 'profile.put', 'strict'],
    ]);
    for (let i = 0; i + 1 < audit.changes.length; i++) {
      expect(audit.changes[i]?.previous_digest).toBe(audit.changes[i + 1]?.new_digest);
    }
    expect(JSON.stringify(audit)).not.toContain(t.keys.adminA);
    const policy = await json<TenantPolicy>(await t.call({ path: '/api/policy', key: t.keys.auditorA }));
    expect(policy).toMatchObject({ version: 4, digest: audit.changes[0]?.new_digest, documents: documents1 });
    const v2 = await json<TenantPolicy>(
      await t.call({ path: '/api/policy/versions/2', key: t.keys.auditorA }),
    );
    expect(Object.keys(v2.documents).sort()).toEqual(['dev', 'strict']);
    expect(digestJson(v2.documents)).toBe(audit.changes[2]?.new_digest);
    expect((await t.call({ path: '/api/policy/versions/9', key: t.keys.auditorA })).status).toBe(404);

    const page1 = await json<{ changes: PolicyChange[]; next_before?: number }>(
      await t.call({ path: '/api/policy/audit?limit=3', key: t.keys.auditorA }),
    );
    expect(page1.changes.map((c) => c.version)).toEqual([4, 3, 2]);
    expect(page1.next_before).toBe(2);
    const page2 = await json<{ changes: PolicyChange[]; next_before?: number }>(
      await t.call({ path: '/api/policy/audit?limit=3&before=2', key: t.keys.auditorA }),
    );
    expect(page2.changes.map((c) => c.version)).toEqual([1]);
    expect(page2.next_before).toBeUndefined();
  });

  it('refuses bad documents with coded 4xx errors pointing at the problem, storing nothing', async () => {
    const t = await createTestApp();
    const put = (name: string, body: string | unknown) =>
      t.call({
        path: `/api/profiles/${name}`,
        method: 'PUT',
        key: t.keys.adminA,
        ...(typeof body === 'string'
          ? { body, headers: { 'content-type': 'application/json' } }
          : { json: body }),
      });
    const cases: Array<[string, string | unknown, string, string?]> = [
      [
        'strict',
        { ...STRICT, waivers: [{ constraint: 'x', granted_by: 'g', expires: '2099-01-01' }] },
        'NC_CFG_MISSING_KEY',
        '/waivers/0',
      ],
      [
        'strict',
        { ...STRICT, waivers: [{ ...STRICT.waivers[0], expires: 'soon' }] },
        'NC_CFG_INVALID_WAIVER',
        '/waivers/0/expires',
      ],
      ['strict', { ...STRICT, budgte: {} }, 'NC_CFG_UNKNOWN_KEY', '/budgte'],
      ['strict', { ...STRICT, extends: 'nope' }, 'NC_CFG_UNKNOWN_PROFILE', '/extends'],
      ['strict', { ...STRICT, extends: 'strict' }, 'NC_CFG_PROFILE_CYCLE'],
      [
        'strict',
        { providers: { openai: { api_key: 'sk-live-123' } } },
        'NC_CFG_SECRET_LITERAL',
        '/providers/openai/api_key',
      ],
      ['strict', { ...STRICT, name: 'other' }, 'NC_CFG_INVALID_VALUE', '/name'],
      ['strict', { ...STRICT, kind: 'workflow' }, 'NC_CFG_INVALID_VALUE', '/kind'],
    ];
    for (const [name, body, code, pointer] of cases) {
      const response = await put(name, body);
      const text = await response.text();
      expect(response.status, text).toBe(400);
      const error = (
        JSON.parse(text) as {
          error: { code: string; details: { errors: Array<{ code: string; pointer: string }> } };
        }
      ).error;
      expect(error.code).toBe('NC_API_BAD_REQUEST');
      expect(error.details.errors, text).toContainEqual(
        expect.objectContaining({ code, ...(pointer === undefined ? {} : { pointer }) }),
      );
      expect(text).not.toContain('sk-live-123');
    }
    for (const [name, body] of [
      ['strict', '[1, 2]'],
      ['strict', '"text"'],
      ['strict', '{"broken": '],
      ['Not a name!', {}],
      ['strict', ''],
    ] as const) {
      const response = await put(name, body);
      expect(response.status, `${name} ${String(body)}`).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'NC_API_BAD_REQUEST' } });
    }
    const waiverCases = [
      {},
      { reason: 'r', granted_by: 'g' },
      { reason: 'r', granted_by: 'g', expires: 'x' },
      { reason: 'r', granted_by: 'g', expires: '2099-01-01', extra: 1 },
    ];
    for (const body of waiverCases) {
      const response = await t.call({
        path: '/api/profiles/dev/waivers/playground.tone',
        method: 'PUT',
        key: t.keys.adminA,
        json: body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (
        await t.call({
          path: '/api/profiles/nobody/waivers/x',
          method: 'PUT',
          key: t.keys.adminA,
          json: { reason: 'r', granted_by: 'g', expires: '2099-01-01' },
        })
      ).status,
    ).toBe(404);
    expect((await t.call({ path: '/api/policy/audit?limit=0', key: t.keys.adminA })).status).toBe(400);
    expect((await t.call({ path: '/api/policy/versions/x', key: t.keys.adminA })).status).toBe(400);
    const badMatch = await t.call({
      path: '/api/profiles/strict',
      method: 'PUT',
      key: t.keys.adminA,
      json: STRICT,
      headers: { 'if-match': 'yesterday' },
    });
    expect(badMatch.status).toBe(400);
    expect((await t.store.getPolicy({ tenant: 'tenant-a' })).version).toBe(0);
    expect(await t.store.listPolicyChanges({ tenant: 'tenant-a' })).toEqual([]);
    // Deleting a parent that an API profile extends would leave it unresolvable.
    expect((await put('base', { budget: { attempts: 2 } })).status).toBe(200);
    expect((await put('child', { extends: 'base' })).status).toBe(200);
    const orphan = await t.call({ path: '/api/profiles/base', method: 'DELETE', key: t.keys.adminA });
    expect(orphan.status).toBe(400);
    expect(await orphan.json()).toMatchObject({
      error: {
        details: {
          errors: [
            expect.objectContaining({
              profile: 'child',
              code: 'NC_CFG_UNKNOWN_PROFILE',
              pointer: '/extends',
            }),
          ],
        },
      },
    });
  });

  it('lets one of two concurrent changes win; the other gets a conflict', async () => {
    let waiting: Array<() => void> = [];
    let reads = 0;
    const t = await createTestApp({
      wrap: (context) => {
        const store: RunStore = {
          ...context.store,
          // The first two reads wait for each other, so both changes start from the same version.
          getPolicy: async (options) => {
            reads += 1;
            if (reads <= 2) {
              await new Promise<void>((resolve) => {
                waiting.push(resolve);
                if (waiting.length === 2) {
                  for (const wake of waiting) wake();
                  waiting = [];
                }
              });
            }
            return context.store.getPolicy(options);
          },
        };
        return { ...context, store };
      },
    });
    const responses = await Promise.all(
      ['one', 'two'].map((name) =>
        t.call({
          path: `/api/profiles/${name}`,
          method: 'PUT',
          key: t.keys.adminA,
          json: { budget: { attempts: 2 } },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = responses.find((r) => r.status === 409) as Response;
    expect(await lost.json()).toMatchObject({ error: { code: 'NC_API_CONFLICT', details: { version: 1 } } });
    expect((await t.store.listPolicyChanges({ tenant: 'tenant-a' })).map((c) => c.version)).toEqual([1]);
  });

  it("keeps each tenant's policy to itself", async () => {
    const t = await createTestApp();
    const { adminB, auditorB } = await addTenantBKeys(t);
    expect(
      (await t.call({ path: '/api/profiles/strict', method: 'PUT', key: t.keys.adminA, json: STRICT }))
        .status,
    ).toBe(200);
    const policyB = await json<TenantPolicy>(await t.call({ path: '/api/policy', key: auditorB }));
    expect(policyB).toMatchObject({ tenant: 'tenant-b', version: 0, documents: {}, source: 'files' });
    expect(
      await json<{ changes: unknown[] }>(await t.call({ path: '/api/policy/audit', key: auditorB })),
    ).toEqual({ changes: [] });
    expect((await t.call({ path: '/api/profiles/strict', key: auditorB })).status).toBe(404);
    expect((await t.call({ path: '/api/policy/versions/1', key: auditorB })).status).toBe(404);
    const listB = await json<{ profiles: Array<{ name: string }> }>(
      await t.call({ path: '/api/profiles', key: t.keys.runnerB }),
    );
    expect(listB.profiles.map((p) => p.name)).not.toContain('strict');
    // B cannot delete or change A's profile; its own change starts B's versions at 1.
    expect((await t.call({ path: '/api/profiles/strict', method: 'DELETE', key: adminB })).status).toBe(404);
    const own = await json<ChangeBody>(
      await t.call({
        path: '/api/profiles/lenient',
        method: 'PUT',
        key: adminB,
        json: { budget: { attempts: 9 } },
      }),
    );
    expect(own.policy.version).toBe(1);
    expect((await t.store.getPolicy({ tenant: 'tenant-a' })).version).toBe(1);
    // B's runs cannot name A's profile, through the API or the governed endpoint.
    const run = await t.call({
      path: '/api/runs',
      key: t.keys.runnerB,
      json: { workflow: 'constraint-playground', profile: 'strict' },
    });
    expect(run.status).toBe(400);
    const model = await t.call({
      path: '/v1/chat/completions',
      key: t.keys.runnerB,
      json: {
        model: 'constraint-playground@strict',
        messages: [{ role: 'user', content: JSON.stringify({ product: 'Nanocode' }) }],
      },
    });
    expect(model.status).toBe(404);
  });

  it('runs under the new policy version, and the certificate names it and verifies', async () => {
    const t = await createTestApp();
    const before = await json<{ run_id: string }>(
      await t.call({
        path: '/api/runs',
        key: t.keys.runnerA,
        json: { workflow: 'constraint-playground', profile: 'dev' },
      }),
    );
    const first = await certificateOf(t, before.run_id);
    expect(first.report.ok).toBe(true);
    expect(first.predicate.policy).toEqual({ source: 'files' });
    expect(first.predicate.constraints.find((c) => c.id === 'tone')?.status).toBe('violated');

    await t.call({ path: '/api/profiles/strict', method: 'PUT', key: t.keys.adminA, json: STRICT });
    const changed = await json<ChangeBody>(
      await t.call({
        path: '/api/profiles/strict/waivers/playground.links-ok',
        method: 'PUT',
        key: t.keys.adminA,
        json: { reason: 'Checked by hand.', granted_by: 'docs-team', expires: '2099-01-01' },
      }),
    );
    expect(changed.policy.version).toBe(2);

    const after = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { workflow: 'constraint-playground', profile: 'strict' },
    });
    expect(after.status).toBe(200);
    const { run_id } = await json<{ run_id: string }>(after);
    const second = await certificateOf(t, run_id);
    expect(second.report).toMatchObject({ ok: true });
    expect(second.predicate.policy).toEqual({ source: 'api', version: 2, digest: changed.policy.digest });
    expect(second.predicate.profile.name).toBe('strict');
    expect(second.predicate.constraints.find((c) => c.id === 'tone')).toMatchObject({
      status: 'waived',
      waiver: { reason: 'Tone is being recalibrated.', granted_by: 'risk-office' },
    });
    expect(second.predicate.budget.limits.attempts).toBe(3);

    // The governed endpoint resolves `workflow@profile` through the same overlay.
    const governed = await t.call({
      path: '/v1/chat/completions',
      key: t.keys.runnerA,
      json: {
        model: 'constraint-playground@strict',
        messages: [{ role: 'user', content: JSON.stringify({ product: 'Nanocode' }) }],
      },
    });
    expect(governed.status).toBe(200);
    const governedRun = governed.headers.get('x-nanocode-run-id') as string;
    const third = await certificateOf(t, governedRun);
    expect(third.report.ok).toBe(true);
    expect(third.predicate.policy).toEqual({ source: 'api', version: 2, digest: changed.policy.digest });

    // A forged policy version in the signed predicate no longer matches the events.
    const bundle = await json<{ envelope: { payload: string }; header: unknown; events: unknown[] }>(
      await t.call({ path: `/api/runs/${run_id}/certificate`, key: t.keys.auditorA }),
    );
    const events = structuredClone(bundle.events) as Array<{ data: { policy?: { version: number } } }>;
    (events[0]?.data.policy as { version: number }).version = 1;
    const trust = await readTrust({ keyDir: t.keyDir });
    expect(verifyCertificate({ bundle: { ...bundle, events }, keys: trust.certificate }).ok).toBe(false);
  });
});
