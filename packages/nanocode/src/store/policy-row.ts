import { canonicalJson } from '../evidence/canonical-json.js';
import { digestJson } from '../evidence/digest.js';
import { NanocodeError } from '../spec/errors.js';
import type {
  PolicyAction,
  PolicyChange,
  PolicyDocument,
  RunStore,
  TenantPolicy,
  UpdatePolicyOptions,
} from '../spec/store.js';
import { conflictError } from './store-errors.js';

/** The policy methods of a {@link RunStore}. */
export type PolicyMethods = Pick<
  RunStore,
  'getPolicy' | 'getPolicyVersion' | 'updatePolicy' | 'listPolicyChanges'
>;

/**
 * A `policy_versions` row as SQL stores it: one row per version, holding the whole document set (as
 * canonical JSON) and the audit entry of the change that made it.
 */
export interface PolicyRow {
  tenant: string;
  version: number;
  digest: string;
  documents: string;
  at: string;
  actor_key_id: string;
  actor_prefix: string;
  action: string;
  target: string;
  previous_digest: string;
}

/** The columns of an audit listing (everything but the documents). */
export type PolicyChangeRow = Omit<PolicyRow, 'documents'>;

/** `sha256:<hex>` of JCS of a document set: the digest a policy version is known by. */
export function policyDigest(documents: Record<string, PolicyDocument>): string {
  return digestJson(documents);
}

/** Version 0: the empty policy every tenant has before its first change. */
export function emptyPolicy(tenant: string): TenantPolicy {
  return { tenant, version: 0, digest: policyDigest({}), documents: {} };
}

/** The policy a stored row holds. */
export function policyFromRow(
  row: Pick<PolicyRow, 'tenant' | 'version' | 'digest' | 'documents' | 'at'>,
): TenantPolicy {
  return {
    tenant: row.tenant,
    version: Number(row.version),
    digest: row.digest,
    documents: JSON.parse(row.documents) as Record<string, PolicyDocument>,
    updated_at: row.at,
  };
}

/** The audit entry a stored row holds. */
export function changeFromRow(row: PolicyChangeRow): PolicyChange {
  return {
    tenant: row.tenant,
    version: Number(row.version),
    actor: { key_id: row.actor_key_id, key_prefix: row.actor_prefix },
    at: row.at,
    action: row.action as PolicyAction,
    target: row.target,
    previous_digest: row.previous_digest,
    new_digest: row.digest,
  };
}

/**
 * Checks an update and builds the row that stores it on top of `current` (the tenant's current
 * version). Throws `NC_STORE_INPUT` for a malformed update and `NC_STORE_CONFLICT` when `current` is not
 * the version the update expects.
 */
export function planPolicyUpdate(options: { update: UpdatePolicyOptions; current: TenantPolicy }): PolicyRow {
  const { update, current } = options;
  checkUpdate(update);
  if (update.expected_version !== current.version) {
    throw conflictError({
      what: `version ${update.expected_version + 1} of the policy of tenant ${update.tenant}`,
      details: { tenant: update.tenant, expected_version: update.expected_version, version: current.version },
    });
  }
  const documents = canonicalJson(update.documents);
  return {
    tenant: update.tenant,
    version: current.version + 1,
    digest: policyDigest(update.documents),
    documents,
    at: update.change.at,
    actor_key_id: update.change.actor.key_id,
    actor_prefix: update.change.actor.key_prefix,
    action: update.change.action,
    target: update.change.target,
    previous_digest: current.digest,
  };
}

/** The result `updatePolicy` returns for a stored row. */
export function updateResult(row: PolicyRow): { policy: TenantPolicy; change: PolicyChange } {
  return { policy: policyFromRow(row), change: changeFromRow(row) };
}

const ACTIONS: readonly PolicyAction[] = ['profile.put', 'profile.delete', 'waiver.put', 'waiver.delete'];

function checkUpdate(update: UpdatePolicyOptions): void {
  const problem = updateProblem(update);
  if (problem !== undefined) {
    throw new NanocodeError({ code: 'NC_STORE_INPUT', message: `policy update: ${problem}` });
  }
}

function updateProblem(update: UpdatePolicyOptions): string | undefined {
  if (typeof update.tenant !== 'string' || update.tenant === '') return 'tenant must be a non-empty string';
  if (!Number.isSafeInteger(update.expected_version) || update.expected_version < 0) {
    return 'expected_version must be a non-negative integer';
  }
  if (!isPlainObject(update.documents)) return 'documents must be an object of profile documents';
  for (const [name, document] of Object.entries(update.documents)) {
    if (name === '' || !isPlainObject(document)) return `document ${JSON.stringify(name)} must be an object`;
  }
  const { change } = update;
  if (!ACTIONS.includes(change.action)) return `unknown action ${JSON.stringify(change.action)}`;
  if (typeof change.target !== 'string' || change.target === '') return 'target must be a non-empty string';
  if (typeof change.at !== 'string' || Number.isNaN(Date.parse(change.at))) return 'at must be an ISO time';
  if (typeof change.actor?.key_id !== 'string' || typeof change.actor.key_prefix !== 'string') {
    return 'actor must name a key id and prefix';
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Resolves the `before_version` filter of an audit listing; `NC_STORE_INPUT` when it is not an integer. */
export function beforeVersion(options: { before_version: number | undefined }): number {
  const { before_version } = options;
  if (before_version === undefined) return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(before_version)) {
    throw new NanocodeError({
      code: 'NC_STORE_INPUT',
      message: `before_version ${JSON.stringify(before_version)} is not an integer`,
    });
  }
  return before_version;
}
