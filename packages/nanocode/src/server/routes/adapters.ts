import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createAdapterResolver } from '../../compose/create-adapter-resolver.js';
import { modelReferences } from '../../config/check-adapters.js';
import { createRouter } from '../create-router.js';
import { AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

/** `${NAME}` references in provider settings. */
const REFERENCE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const AdapterHealth = z
  .object({
    ref: z.string(),
    target: z.string(),
    ok: z.boolean(),
    simulated: z.boolean().optional(),
    missing_env: z.array(z.string()).openapi({ description: 'environment variables named but not set' }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi('AdapterHealth');

const health = createRoute({
  method: 'get',
  path: '/api/adapters/health',
  tags: ['adapters'],
  summary:
    "Offline check of a workflow's adapters: each reference resolves and its environment variables are set; no call is made (roles: all).",
  request: {
    query: z.object({
      workflow: z.string().min(1).max(128),
      profile: z.string().min(1).max(128).optional(),
    }),
  },
  responses: {
    200: {
      description: 'One row per adapter reference',
      content: {
        'application/json': {
          schema: z.object({ ok: z.boolean(), profile: z.string(), adapters: z.array(AdapterHealth) }),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

/** The adapter routes: offline health of a workflow's adapters under a profile. */
export function createAdapterRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { context } = options;
  const app = createRouter();
  app.openapi(health, async (c) => {
    const { workflow, profile } = c.req.valid('query');
    const { config } = await context.loadWorkflow({
      name: workflow,
      tenant: c.get('principal').tenant,
      ...(profile === undefined ? {} : { profile }),
    });
    const resolver = createAdapterResolver({ config, env: context.env });
    const refs = [...new Set(modelReferences(config.workflow).map((r) => r.ref))];
    const adapters = refs.map((ref) => {
      const models = config.profile.models;
      const target = !ref.includes(':') && Object.hasOwn(models, ref) ? (models[ref]?.ref ?? ref) : ref;
      const provider = config.profile.providers[target.split(':')[0] ?? ''];
      const settings = [provider?.base_url, provider?.api_key, ...Object.values(provider?.headers ?? {})];
      const named = settings.flatMap((value) =>
        [...(value ?? '').matchAll(REFERENCE)].map((m) => m[1] ?? ''),
      );
      const missing_env = [...new Set(named)].filter((name) => context.env[name] === undefined);
      const base = { ref, target, missing_env };
      if (missing_env.length > 0) return { ...base, ok: false };
      try {
        const adapter = resolver(ref);
        if (adapter === undefined) {
          return { ...base, ok: false, error: { code: 'unresolved', message: `no adapter for ${ref}` } };
        }
        return { ...base, ok: true, ...(adapter.simulated === true ? { simulated: true } : {}) };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const message = error instanceof Error ? error.message : String(error);
        return { ...base, ok: false, error: { code: typeof code === 'string' ? code : 'error', message } };
      }
    });
    return c.json({ ok: adapters.every((a) => a.ok), profile: config.profile.name, adapters }, 200);
  });
  return app;
}
