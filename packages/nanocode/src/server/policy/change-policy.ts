import { canonicalJson } from '../../evidence/canonical-json.js';
import { NanocodeError } from '../../spec/errors.js';
import type {
  PolicyAction,
  PolicyActor,
  PolicyChange,
  PolicyDocument,
  RunStore,
  TenantPolicy,
} from '../../spec/store.js';
import { apiError } from '../api-error.js';
import type { PolicyIssue } from './check-policy.js';

/** Options of {@link changePolicy}. */
export interface ChangePolicyOptions {
  store: RunStore;
  tenant: string;
  actor: PolicyActor;
  action: PolicyAction;
  target: string;
  /** The request's `If-Match` header: the policy version the change was made against. */
  ifMatch: string | undefined;
  /** The new document set, made from the current policy; may throw an API error (e.g. not found). */
  edit: (current: TenantPolicy) => Record<string, PolicyDocument>;
  /** Every problem of a document set; the change is refused unless it is empty. */
  check: (documents: Record<string, PolicyDocument>) => PolicyIssue[];
  at: string;
}

/** What {@link changePolicy} did: the policy now current, and the audit entry (null for a no-op). */
export interface PolicyChangeResult {
  policy: TenantPolicy;
  change: PolicyChange | null;
}

/**
 * Applies one change to a tenant's policy: reads the current version, holds it against `If-Match`
 * (`NC_API_PRECONDITION_FAILED`), edits, checks the whole new set (`NC_API_BAD_REQUEST` listing every
 * problem with a pointer), and stores the next version with its audit entry. A change that leaves the
 * documents as they are stores nothing. Losing a race with a concurrent change is `NC_API_CONFLICT`.
 */
export async function changePolicy(options: ChangePolicyOptions): Promise<PolicyChangeResult> {
  const { store, tenant } = options;
  const current = await store.getPolicy({ tenant });
  const expected = parseIfMatch({ header: options.ifMatch });
  if (expected !== undefined && expected !== current.version) {
    throw apiError({
      code: 'NC_API_PRECONDITION_FAILED',
      message: `If-Match names policy version ${expected}; the current version is ${current.version}`,
      details: { version: current.version, digest: current.digest },
    });
  }
  const documents = options.edit(current);
  if (canonicalJson(documents) === canonicalJson(current.documents)) return { policy: current, change: null };
  const issues = options.check(documents);
  if (issues.length > 0) {
    const first = issues[0] as PolicyIssue;
    throw apiError({
      code: 'NC_API_BAD_REQUEST',
      message: `the policy would not resolve: profile ${first.profile}: ${first.message}${first.pointer ? ` (at ${first.pointer})` : ''}`,
      details: { errors: issues },
    });
  }
  try {
    return await store.updatePolicy({
      tenant,
      expected_version: current.version,
      documents,
      change: { actor: options.actor, at: options.at, action: options.action, target: options.target },
    });
  } catch (error) {
    if (error instanceof NanocodeError && error.code === 'NC_STORE_CONFLICT') {
      const now = await store.getPolicy({ tenant });
      throw apiError({
        code: 'NC_API_CONFLICT',
        message: `another change made policy version ${now.version} first; read it and retry`,
        details: { version: now.version, digest: now.digest },
      });
    }
    throw error;
  }
}

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`); undefined for none or `*`. */
export function parseIfMatch(options: { header: string | undefined }): number | undefined {
  const header = options.header?.trim();
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header);
  if (match?.[1] === undefined) {
    throw apiError({
      code: 'NC_API_BAD_REQUEST',
      message: 'If-Match must name a policy version, e.g. "3" (the ETag of GET /api/policy)',
      details: { issues: [{ in: 'header', path: 'if-match', code: 'invalid_format', message: header }] },
    });
  }
  return Number(match[1]);
}

/** The `ETag` of a policy version. */
export function policyEtag(options: { version: number }): string {
  return `"${options.version}"`;
}
