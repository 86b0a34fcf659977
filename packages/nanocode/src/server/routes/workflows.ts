import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { validateFiles } from '../../config/index.js';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import { findWorkflow, findWorkflows } from '../find-workflows.js';
import { requireRole } from '../middleware/require-role.js';
import { AnyJson, AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const WorkflowInfo = z
  .object({
    name: z.string(),
    file: z.string().openapi({ description: 'relative to the project folder' }),
    version: z.string().optional(),
    description: z.string().optional(),
    valid: z.boolean(),
  })
  .openapi('WorkflowInfo');

const ValidationSchema = z.object({ ok: z.boolean(), errors: z.array(AnyJson) }).openapi('ValidationReport');

const list = createRoute({
  method: 'get',
  path: '/api/workflows',
  tags: ['workflows'],
  summary: 'The workflows this server runs, from `workflows/` and `examples/*/` (roles: all).',
  responses: {
    200: {
      description: 'Workflows',
      content: { 'application/json': { schema: z.object({ workflows: z.array(WorkflowInfo) }) } },
    },
    ...errorResponses(...AUTH_ERRORS),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/workflows/{name}',
  tags: ['workflows'],
  summary: 'A workflow resolved under a profile, every default filled, with its digests (roles: all).',
  request: {
    params: z.object({ name: z.string().min(1).max(128) }),
    query: z.object({ profile: z.string().min(1).max(128).optional() }),
  },
  responses: {
    200: { description: 'The resolved configuration', content: { 'application/json': { schema: AnyJson } } },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

const source = createRoute({
  method: 'get',
  path: '/api/workflows/{name}/source',
  tags: ['workflows'],
  summary: "A workflow file's own text, comments included, as it is on the server (roles: all).",
  request: { params: z.object({ name: z.string().min(1).max(128) }) },
  responses: {
    200: {
      description: 'The file text',
      content: {
        'application/json': {
          schema: z
            .object({
              name: z.string(),
              file: z.string().openapi({ description: 'relative to the project folder' }),
              text: z.string(),
            })
            .openapi('WorkflowSource'),
        },
      },
    },
    ...errorResponses(404, ...AUTH_ERRORS),
  },
});

const validate = createRoute({
  method: 'post',
  path: '/api/workflows/validate',
  tags: ['workflows'],
  summary: 'Validate a workflow, profile or templates file sent as YAML or JSON text (roles: runner, admin).',
  middleware: [requireRole('runner', 'admin')] as const,
  request: {
    body: {
      required: true,
      content: { 'application/yaml': { schema: z.string() }, 'text/plain': { schema: z.string() } },
    },
  },
  responses: {
    200: {
      description: 'Valid, or every problem with its line and column',
      content: { 'application/json': { schema: ValidationSchema } },
    },
    ...errorResponses(400, 413, ...AUTH_ERRORS),
  },
});

/** The workflow routes: list, get (resolved), a file's own text, and validate a text. */
export function createWorkflowRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { context } = options;
  const app = createRouter();

  app.openapi(list, async (c) => {
    const { tenant } = c.get('principal');
    const workflows = [];
    for (const found of await findWorkflows({ projectDir: context.projectDir })) {
      const file = relative(context.projectDir, found.file);
      try {
        const { config } = await context.loadWorkflow({ name: found.name, tenant });
        const { version, description } = config.workflow;
        workflows.push({
          name: found.name,
          file,
          version,
          valid: true,
          ...(description ? { description } : {}),
        });
      } catch {
        workflows.push({ name: found.name, file, valid: false });
      }
    }
    return c.json({ workflows }, 200);
  });

  app.openapi(get, async (c) => {
    const { name } = c.req.valid('param');
    const { profile } = c.req.valid('query');
    const { config } = await context.loadWorkflow({
      name,
      tenant: c.get('principal').tenant,
      ...(profile === undefined ? {} : { profile }),
    });
    // Source paths are the server's files: callers get the configuration, not the server's layout.
    const { sources: _sources, ...resolved } = config;
    return c.json(resolved as never, 200);
  });

  app.openapi(source, async (c) => {
    const { name } = c.req.valid('param');
    const found = await findWorkflow({ projectDir: context.projectDir, name });
    if (found === undefined)
      throw apiError({ code: 'NC_API_NOT_FOUND', message: `no workflow named ${name}` });
    const text = await readFile(found.file, 'utf8');
    return c.json({ name, file: relative(context.projectDir, found.file), text }, 200);
  });

  app.openapi(validate, async (c) => {
    const text = await c.req.text();
    if (text.trim() === '') throw apiError({ code: 'NC_API_BAD_REQUEST', message: 'the body is empty' });
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-validate-'));
    const file = join(dir, 'body.yaml');
    try {
      await writeFile(file, text);
      const report = await validateFiles({
        files: [file],
        env: context.env,
        searchDirs: [context.projectDir, join(context.projectDir, 'examples')],
      });
      const errors = report.errors.map((error) => {
        const json = error.toJSON();
        const location = error.location;
        // The temporary file is the request body: say so, not where it was written.
        return location?.file === file ? { ...json, location: { ...location, file: 'body' } } : json;
      });
      return c.json({ ok: report.ok, errors }, 200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return app;
}
