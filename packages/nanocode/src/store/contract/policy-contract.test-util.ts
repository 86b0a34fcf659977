import { expect, it } from 'vitest';
import { digestJson } from '../../evidence/digest.js';
import type { ErrorCode } from '../../spec/error-codes.js';
import type { PolicyDocument, RunStore, UpdatePolicyOptions } from '../../spec/store.js';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toThrow(expect.objectContaining({ name: 'NanocodeError', code }));
}

const ACTOR = { key_id: 'key-admin', key_prefix: 'nck_adm' };

function update(options: {
  tenant?: string;
  expected_version: number;
  documents: Record<string, PolicyDocument>;
  target?: string;
  minute?: number;
}): UpdatePolicyOptions {
  return {
    tenant: options.tenant ?? 'acme',
    expected_version: options.expected_version,
    documents: options.documents,
    change: {
      actor: ACTOR,
      at: new Date(Date.UTC(2026, 0, 1, 0, options.minute ?? 0)).toISOString(),
      action: 'profile.put',
      target: options.target ?? 'prod',
    },
  };
}

/**
 * The policy part of the store contract (registered inside `runStoreContract`): versions from 1, digests
 * the store computes, a chained append-only audit trail, conflicts for stale or concurrent updates, and
 * tenant isolation.
 */
export function policyContract(options: { store: () => RunStore }): void {
  it('versions a tenant policy from 1 with a chained audit trail', async () => {
    const store = options.store();
    const empty = digestJson({});
    expect(await store.getPolicy({ tenant: 'acme' })).toEqual({
      tenant: 'acme',
      version: 0,
      digest: empty,
      documents: {},
    });
    expect(await store.listPolicyChanges({ tenant: 'acme' })).toEqual([]);

    const v1docs = { prod: { kind: 'profile', name: 'prod', budget: { attempts: 3 } } };
    const first = await store.updatePolicy(update({ expected_version: 0, documents: v1docs, minute: 1 }));
    expect(first.policy).toEqual({
      tenant: 'acme',
      version: 1,
      digest: digestJson(v1docs),
      documents: v1docs,
      updated_at: '2026-01-01T00:01:00.000Z',
    });
    expect(first.change).toEqual({
      tenant: 'acme',
      version: 1,
      actor: ACTOR,
      at: '2026-01-01T00:01:00.000Z',
      action: 'profile.put',
      target: 'prod',
      previous_digest: empty,
      new_digest: digestJson(v1docs),
    });

    const v2docs = { ...v1docs, dev: { kind: 'profile', name: 'dev', description: 'é ☃' } };
    const second = await store.updatePolicy({
      ...update({ expected_version: 1, documents: v2docs, minute: 2 }),
      change: { actor: ACTOR, at: '2026-01-01T00:02:00.000Z', action: 'waiver.put', target: 'dev/waivers/x' },
    });
    expect(second.policy.version).toBe(2);
    expect(second.change).toMatchObject({ previous_digest: first.change.new_digest, action: 'waiver.put' });
    expect(await store.getPolicy({ tenant: 'acme' })).toEqual(second.policy);
    expect(await store.getPolicyVersion({ tenant: 'acme', version: 1 })).toEqual(first.policy);
    expect(await store.getPolicyVersion({ tenant: 'acme', version: 0 })).toMatchObject({ version: 0 });
    expect(await store.getPolicyVersion({ tenant: 'acme', version: 3 })).toBeUndefined();
    expect(await store.getPolicyVersion({ tenant: 'acme', version: 1.5 })).toBeUndefined();

    const trail = await store.listPolicyChanges({ tenant: 'acme' });
    expect(trail).toEqual([second.change, first.change]);
    expect(await store.listPolicyChanges({ tenant: 'acme', limit: 1 })).toEqual([second.change]);
    expect(await store.listPolicyChanges({ tenant: 'acme', before_version: 2 })).toEqual([first.change]);
    // What a caller gets is a copy.
    (second.policy.documents.prod as { name: string }).name = 'changed';
    expect((await store.getPolicy({ tenant: 'acme' })).documents.prod).toEqual(v1docs.prod);
  });

  it('refuses a stale or losing update without writing anything, and keeps tenants apart', async () => {
    const store = options.store();
    await store.updatePolicy(update({ expected_version: 0, documents: { a: { name: 'a' } } }));
    await rejectsWith(
      store.updatePolicy(update({ expected_version: 0, documents: { b: { name: 'b' } } })),
      'NC_STORE_CONFLICT',
    );
    await rejectsWith(
      store.updatePolicy(update({ expected_version: 5, documents: { b: { name: 'b' } } })),
      'NC_STORE_CONFLICT',
    );
    // Two writers against the same version: exactly one wins.
    const results = await Promise.allSettled(
      ['x', 'y', 'z'].map((name) =>
        store.updatePolicy(update({ expected_version: 1, documents: { [name]: { name } }, target: name })),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'NC_STORE_CONFLICT' });
    }
    const trail = await store.listPolicyChanges({ tenant: 'acme' });
    expect(trail.map((c) => c.version)).toEqual([2, 1]);
    expect(trail[0]?.previous_digest).toBe(trail[1]?.new_digest);

    expect(await store.getPolicy({ tenant: 'other' })).toMatchObject({ version: 0, documents: {} });
    expect(await store.listPolicyChanges({ tenant: 'other' })).toEqual([]);
    await store.updatePolicy(update({ tenant: 'other', expected_version: 0, documents: {} }));
    expect((await store.getPolicy({ tenant: 'acme' })).version).toBe(2);
    expect((await store.getPolicy({ tenant: 'other' })).version).toBe(1);

    for (const bad of [
      update({ expected_version: -1, documents: {} }),
      update({ expected_version: 2, documents: [] as unknown as Record<string, PolicyDocument> }),
      update({ expected_version: 2, documents: { a: 'text' as unknown as PolicyDocument } }),
      { ...update({ expected_version: 2, documents: {} }), tenant: '' },
    ]) {
      await rejectsWith(store.updatePolicy(bad), 'NC_STORE_INPUT');
    }
    await rejectsWith(store.listPolicyChanges({ tenant: 'acme', limit: 0 }), 'NC_STORE_INPUT');
    expect((await store.getPolicy({ tenant: 'acme' })).version).toBe(2);
  });
}
