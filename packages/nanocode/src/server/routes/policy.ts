import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DEFAULT_PROFILE, type ProfileSource } from '../../config/resolve-profile.js';
import type { PolicyAction, PolicyDocument, TenantPolicy } from '../../spec/store.js';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import { requireRole } from '../middleware/require-role.js';
import { changePolicy, type PolicyChangeResult, policyEtag } from '../policy/change-policy.js';
import { checkPolicy } from '../policy/check-policy.js';
import {
  IfMatchHeader,
  PolicyChangeResultSchema,
  PolicyChangeSchema,
  ProfileDocumentSchema,
  ProfileNameParam,
  TenantPolicySchema,
  WaiverBodySchema,
} from '../policy/policy-schemas.js';
import { loadProjectProfiles } from '../policy/project-profiles.js';
import { AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';
import { policyVersionOf } from './profiles.js';

const admin = requireRole('admin');
const readers = requireRole('admin', 'auditor');

const changed = {
  200: {
    description: 'The change, and the policy version now current (also the ETag)',
    headers: { ETag: { schema: { type: 'string' as const } } },
    content: { 'application/json': { schema: PolicyChangeResultSchema } },
  },
  ...errorResponses(400, 404, 409, 412, 413, ...AUTH_ERRORS),
};

const WaiverParams = ProfileNameParam.extend({
  constraint: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'constraint', in: 'path' }, example: 'answer.tone' }),
});

const putProfile = createRoute({
  method: 'put',
  path: '/api/profiles/{name}',
  tags: ['policy'],
  summary:
    "Create or replace an API-managed profile of the tenant's policy; it overlays a file profile of the same name. Validated as a profile file is (extends, waivers, budgets, environment-reference rules); a new policy version is recorded in the audit trail (roles: admin).",
  middleware: [admin] as const,
  request: {
    params: ProfileNameParam,
    headers: IfMatchHeader,
    body: { required: true, content: { 'application/json': { schema: ProfileDocumentSchema } } },
  },
  responses: changed,
});

const deleteProfile = createRoute({
  method: 'delete',
  path: '/api/profiles/{name}',
  tags: ['policy'],
  summary:
    'Remove an API-managed profile (a file profile of the same name applies again); profiles from files cannot be removed here (roles: admin).',
  middleware: [admin] as const,
  request: { params: ProfileNameParam, headers: IfMatchHeader },
  responses: changed,
});

const putWaiver = createRoute({
  method: 'put',
  path: '/api/profiles/{name}/waivers/{constraint}',
  tags: ['policy'],
  summary:
    'Add or replace the waiver of a constraint (`<id>` or `<step>.<id>`, per `workflow` scope) on a profile. A profile that only exists as a file is copied into the policy first (roles: admin).',
  middleware: [admin] as const,
  request: {
    params: WaiverParams,
    headers: IfMatchHeader,
    body: { required: true, content: { 'application/json': { schema: WaiverBodySchema } } },
  },
  responses: changed,
});

const deleteWaiver = createRoute({
  method: 'delete',
  path: '/api/profiles/{name}/waivers/{constraint}',
  tags: ['policy'],
  summary:
    'Remove the waiver of a constraint (in the `workflow` scope given, or unscoped) from an API-managed profile (roles: admin).',
  middleware: [admin] as const,
  request: {
    params: WaiverParams,
    headers: IfMatchHeader,
    query: z.object({ workflow: z.string().min(1).max(128).optional() }),
  },
  responses: changed,
});

const getPolicy = createRoute({
  method: 'get',
  path: '/api/policy',
  tags: ['policy'],
  summary:
    "The tenant's current API-managed policy: version, digest and documents; the ETag is the version (roles: admin, auditor).",
  middleware: [readers] as const,
  responses: {
    200: {
      description: 'The policy',
      headers: { ETag: { schema: { type: 'string' } } },
      content: { 'application/json': { schema: TenantPolicySchema } },
    },
    ...errorResponses(...AUTH_ERRORS),
  },
});

const getVersion = createRoute({
  method: 'get',
  path: '/api/policy/versions/{version}',
  tags: ['policy'],
  summary: 'The policy as it was at a version, e.g. the one a certificate names (roles: admin, auditor).',
  middleware: [readers] as const,
  request: {
    params: z.object({
      version: z.coerce
        .number()
        .int()
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .openapi({ param: { name: 'version', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The policy version',
      content: { 'application/json': { schema: TenantPolicySchema } },
    },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

const audit = createRoute({
  method: 'get',
  path: '/api/policy/audit',
  tags: ['policy'],
  summary:
    "The tenant's append-only policy audit trail, newest first: who (key id and prefix), when, what, and the previous and new digests; page with `before` = the `next_before` of the previous page (roles: admin, auditor).",
  middleware: [readers] as const,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Audit entries',
      content: {
        'application/json': {
          schema: z.object({
            changes: z.array(PolicyChangeSchema),
            next_before: z.number().int().optional(),
          }),
        },
      },
    },
    ...errorResponses(400, ...AUTH_ERRORS),
  },
});

/**
 * The policy routes: admins change the tenant's API-managed profiles and waivers (each change a new
 * version with an audit entry); admins and auditors read the policy, any version of it, and the audit trail.
 */
export function createPolicyRoutes(options: {
  context: ServerContext;
  now: () => Date;
}): OpenAPIHono<ServerEnv> {
  const { store, projectDir, env } = options.context;
  const app = createRouter();

  const apply = async (
    c: Context<ServerEnv>,
    change: {
      action: PolicyAction;
      target: string;
      ifMatch: string | undefined;
      /** The new documents, from the current policy and the project's profile files (read once per change). */
      edit: (
        current: TenantPolicy,
        files: ReadonlyMap<string, ProfileSource>,
      ) => Record<string, PolicyDocument>;
    },
  ): Promise<PolicyChangeResult> => {
    const principal = c.get('principal');
    const files = await loadProjectProfiles({ projectDir });
    const result = await changePolicy({
      store,
      tenant: principal.tenant,
      actor: { key_id: principal.key_id, key_prefix: principal.key_prefix },
      at: options.now().toISOString(),
      check: (documents) => checkPolicy({ documents, files, env, projectDir }),
      ...change,
      edit: (current) => change.edit(current, files),
    });
    c.header('ETag', policyEtag(result.policy));
    if (result.change !== null) {
      options.context.logger.info(
        {
          tenant: principal.tenant,
          key_id: principal.key_id,
          action: change.action,
          target: change.target,
          version: result.policy.version,
        },
        'policy changed',
      );
    }
    return result;
  };
  const answer = (target: string, result: PolicyChangeResult) => ({
    target,
    changed: result.change !== null,
    policy: policyVersionOf(result.policy),
    change: result.change,
  });

  app.openapi(putProfile, async (c) => {
    const { name } = c.req.valid('param');
    const body = c.req.valid('json');
    // `name` may be left out; a different one is reported by the check, at /name.
    const document = { kind: 'profile', ...body, name: body.name ?? name };
    if (document.name !== name) {
      throw apiError({
        code: 'NC_API_BAD_REQUEST',
        message: `the document names profile ${JSON.stringify(document.name)}, the path ${name}`,
        details: {
          errors: [
            {
              profile: name,
              code: 'NC_CFG_INVALID_VALUE',
              message: 'name differs from the path',
              file: '',
              pointer: '/name',
            },
          ],
        },
      });
    }
    const result = await apply(c, {
      action: 'profile.put',
      target: name,
      ifMatch: c.req.valid('header')['if-match'],
      edit: (current) => ({ ...current.documents, [name]: document }),
    });
    return c.json(answer(name, result), 200);
  });

  app.openapi(deleteProfile, async (c) => {
    const { name } = c.req.valid('param');
    const result = await apply(c, {
      action: 'profile.delete',
      target: name,
      ifMatch: c.req.valid('header')['if-match'],
      edit: (current) => {
        if (current.documents[name] === undefined) throw notManaged({ name });
        const { [name]: _removed, ...rest } = current.documents;
        return rest;
      },
    });
    return c.json(answer(name, result), 200);
  });

  app.openapi(putWaiver, async (c) => {
    const { name, constraint } = c.req.valid('param');
    const waiver = { constraint, ...c.req.valid('json') };
    const target = `${name}/waivers/${constraint}`;
    const result = await apply(c, {
      action: 'waiver.put',
      target,
      ifMatch: c.req.valid('header')['if-match'],
      edit: (current, files) => {
        const base =
          current.documents[name] ?? fileDocument({ name, value: files.get(name)?.document.value });
        const waivers = waiversOf(base).filter((w) => !sameScope(w, waiver));
        return { ...current.documents, [name]: { ...base, waivers: [...waivers, waiver] } };
      },
    });
    return c.json(answer(target, result), 200);
  });

  app.openapi(deleteWaiver, async (c) => {
    const { name, constraint } = c.req.valid('param');
    const { workflow } = c.req.valid('query');
    const target = `${name}/waivers/${constraint}`;
    const result = await apply(c, {
      action: 'waiver.delete',
      target,
      ifMatch: c.req.valid('header')['if-match'],
      edit: (current) => {
        const document = current.documents[name];
        if (document === undefined) throw notManaged({ name });
        const scope = { constraint, ...(workflow === undefined ? {} : { workflow }) };
        const waivers = waiversOf(document);
        const kept = waivers.filter((w) => !sameScope(w, scope));
        if (kept.length === waivers.length) {
          throw apiError({
            code: 'NC_API_NOT_FOUND',
            message: `profile ${name} has no waiver for ${constraint}${workflow === undefined ? '' : ` in workflow ${workflow}`}`,
          });
        }
        return { ...current.documents, [name]: { ...document, waivers: kept } };
      },
    });
    return c.json(answer(target, result), 200);
  });

  app.openapi(getPolicy, async (c) => {
    const policy = await store.getPolicy({ tenant: c.get('principal').tenant });
    c.header('ETag', policyEtag(policy));
    return c.json(policyBody(policy), 200);
  });

  app.openapi(getVersion, async (c) => {
    const { version } = c.req.valid('param');
    const policy = await store.getPolicyVersion({ tenant: c.get('principal').tenant, version });
    if (policy === undefined)
      throw apiError({ code: 'NC_API_NOT_FOUND', message: `no policy version ${version}` });
    return c.json(policyBody(policy), 200);
  });

  app.openapi(audit, async (c) => {
    const { limit, before } = c.req.valid('query');
    const changes = await store.listPolicyChanges({
      tenant: c.get('principal').tenant,
      ...(limit === undefined ? {} : { limit }),
      ...(before === undefined ? {} : { before_version: before }),
    });
    const last = changes.at(-1);
    const more = last !== undefined && last.version > 1 && changes.length === (limit ?? 50);
    return c.json({ changes, ...(more ? { next_before: last.version } : {}) }, 200);
  });

  return app;
}

function policyBody(policy: TenantPolicy) {
  return { ...policy, source: policy.version === 0 ? ('files' as const) : ('api' as const) };
}

/** A file profile's document, copied so a waiver can be added to it; the built-in default is empty. */
function fileDocument(options: { name: string; value: unknown }): PolicyDocument {
  const { name, value } = options;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return structuredClone(value as PolicyDocument);
  }
  if (name === DEFAULT_PROFILE) return { kind: 'profile', name };
  throw apiError({ code: 'NC_API_NOT_FOUND', message: `no profile named ${name}` });
}

function waiversOf(document: PolicyDocument): Array<Record<string, unknown>> {
  return Array.isArray(document.waivers) ? (document.waivers as Array<Record<string, unknown>>) : [];
}

/** Two waivers cover the same scope: the same constraint, and the same workflow (or neither has one). */
function sameScope(
  a: Record<string, unknown>,
  b: { constraint: string; workflow?: string | undefined },
): boolean {
  return a.constraint === b.constraint && (a.workflow ?? undefined) === (b.workflow ?? undefined);
}

function notManaged(options: { name: string }) {
  return apiError({
    code: 'NC_API_NOT_FOUND',
    message: `profile ${options.name} is not managed through the API (a profile file cannot be changed here)`,
  });
}
