import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import { requireRole } from '../middleware/require-role.js';
import { policyEtag } from '../policy/change-policy.js';
import { effectiveProfiles } from '../policy/effective-profiles.js';
import {
  PolicyIssueSchema,
  PolicyVersionSchema,
  ProfileDocumentSchema,
  ProfileNameParam,
} from '../policy/policy-schemas.js';
import { createTenantPolicies } from '../policy/tenant-policies.js';
import { AnyJson, AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const ProfileSourceSchema = z
  .enum(['api', 'file', 'builtin'])
  .openapi({ description: 'api: managed through this API (overlays a file of the same name)' });

const ProfileInfo = z
  .object({
    name: z.string(),
    source: ProfileSourceSchema,
    file: z
      .string()
      .nullable()
      .openapi({ description: 'relative to the project; null for API-managed and built-in profiles' }),
    description: z.string().optional(),
    extends: z.string().optional(),
    tenant: z.string().optional(),
    adapters_allowed: z.array(z.string()).optional(),
    waivers: z.number().int().openapi({ description: 'waivers in the resolved profile' }),
    valid: z.boolean(),
  })
  .openapi('ProfileInfo');

const list = createRoute({
  method: 'get',
  path: '/api/profiles',
  tags: ['profiles'],
  summary:
    "The tenant's effective profiles: the project's files (`profiles/`, `examples/profiles/`) with the tenant's API-managed profiles overlaid, and the built-in default, with the policy version they resolve under (roles: all). The ETag is the policy version.",
  responses: {
    200: {
      description: 'Profiles',
      headers: { ETag: { schema: { type: 'string' } } },
      content: {
        'application/json': {
          schema: z.object({ policy: PolicyVersionSchema, profiles: z.array(ProfileInfo) }),
        },
      },
    },
    ...errorResponses(...AUTH_ERRORS),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/profiles/{name}',
  tags: ['profiles'],
  summary:
    'One effective profile: where it comes from, the document as written, the resolved profile and any problems (roles: admin, auditor).',
  middleware: [requireRole('admin', 'auditor')] as const,
  request: { params: ProfileNameParam },
  responses: {
    200: {
      description: 'The profile',
      headers: { ETag: { schema: { type: 'string' } } },
      content: {
        'application/json': {
          schema: z
            .object({
              name: z.string(),
              source: ProfileSourceSchema,
              file: z.string().nullable(),
              document: ProfileDocumentSchema,
              resolved: AnyJson.nullable(),
              errors: z.array(PolicyIssueSchema),
              policy: PolicyVersionSchema,
            })
            .openapi('EffectiveProfile'),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

/** The version block every policy-aware response carries. */
export function policyVersionOf(policy: { version: number; digest: string }) {
  return {
    version: policy.version,
    digest: policy.digest,
    source: policy.version === 0 ? ('files' as const) : ('api' as const),
  };
}

/** The profile routes: the profiles a tenant's runs may name, and one of them in full. */
export function createProfileRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { projectDir, env, store } = options.context;
  const app = createRouter();
  const policies = createTenantPolicies({ store });
  const effective = (tenant: string) => effectiveProfiles({ policies, tenant, projectDir, env });

  app.openapi(list, async (c) => {
    const { policy, names, get: profileOf } = await effective(c.get('principal').tenant);
    const profiles = names.map((name) => {
      const found = profileOf(name);
      const value = found?.document ?? {};
      const profile = found?.profile;
      return {
        name,
        source: found?.source ?? 'builtin',
        file: found?.file ?? null,
        ...(typeof value.description === 'string' ? { description: value.description } : {}),
        ...(typeof value.extends === 'string' ? { extends: value.extends } : {}),
        ...(profile === undefined
          ? {}
          : { tenant: profile.tenant, adapters_allowed: profile.adapters.allow }),
        waivers: profile?.waivers.length ?? 0,
        valid: found !== undefined && found.errors.length === 0,
      };
    });
    c.header('ETag', policyEtag(policy));
    return c.json({ policy: policyVersionOf(policy), profiles }, 200);
  });

  app.openapi(get, async (c) => {
    const { name } = c.req.valid('param');
    const { policy, get: profileOf } = await effective(c.get('principal').tenant);
    const found = profileOf(name);
    if (found === undefined)
      throw apiError({ code: 'NC_API_NOT_FOUND', message: `no profile named ${name}` });
    c.header('ETag', policyEtag(policy));
    return c.json(
      {
        name,
        source: found.source,
        file: found.file,
        document: found.document,
        resolved: found.profile ?? null,
        errors: found.errors,
        policy: policyVersionOf(policy),
      },
      200,
    );
  });
  return app;
}
