import { join, relative } from 'node:path';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DEFAULT_PROFILE } from '../../config/index.js';
import { loadProfileCatalog, resolveProfile } from '../../config/resolve-profile.js';
import type { SourceDocument } from '../../config/source-document.js';
import { createRouter } from '../create-router.js';
import { AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const ProfileInfo = z
  .object({
    name: z.string(),
    file: z
      .string()
      .nullable()
      .openapi({ description: 'relative to the project; null for the built-in default' }),
    description: z.string().optional(),
    extends: z.string().optional(),
    tenant: z.string().optional(),
    adapters_allowed: z.array(z.string()).optional(),
    valid: z.boolean(),
  })
  .openapi('ProfileInfo');

const list = createRoute({
  method: 'get',
  path: '/api/profiles',
  tags: ['profiles'],
  summary:
    'The profiles of the project (`profiles/`, `examples/profiles/`) and the built-in default (roles: all).',
  responses: {
    200: {
      description: 'Profiles',
      content: { 'application/json': { schema: z.object({ profiles: z.array(ProfileInfo) }) } },
    },
    ...errorResponses(...AUTH_ERRORS),
  },
});

/** The profile routes: the profiles a run may name. */
export function createProfileRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { projectDir, env } = options.context;
  const app = createRouter();
  app.openapi(list, async (c) => {
    const documents = new Map<string, SourceDocument>();
    const { catalog } = await loadProfileCatalog({
      dirs: [projectDir, join(projectDir, 'examples')],
      documents,
    });
    const names = [...new Set([DEFAULT_PROFILE, ...catalog.keys()])].sort();
    const profiles = names.map((name) => {
      const source = catalog.get(name);
      const value = (source?.document.value ?? {}) as { description?: unknown; extends?: unknown };
      const resolved = resolveProfile({ name, catalog, env });
      const profile = resolved.profile;
      return {
        name,
        file: source === undefined ? null : relative(projectDir, source.document.file),
        ...(typeof value.description === 'string' ? { description: value.description } : {}),
        ...(typeof value.extends === 'string' ? { extends: value.extends } : {}),
        ...(profile === undefined
          ? {}
          : { tenant: profile.tenant, adapters_allowed: profile.adapters.allow }),
        valid: resolved.errors.length === 0,
      };
    });
    return c.json({ profiles }, 200);
  });
  return app;
}
