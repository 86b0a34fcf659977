import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ServerEnv } from './server-env.js';

/**
 * The Content-Security-Policy of playground pages: scripts, styles and API calls from this origin only.
 * Inline style attributes are allowed because React sets them; inline scripts are not.
 */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Where the built playground is: `NANOCODE_PLAYGROUND_DIR` when set, else the `dist/` folder of the
 * `@nanocode/playground` package when it is installed and built; undefined when neither holds an
 * `index.html` (the API still works; `nanocode serve` says the UI is missing).
 */
export function findPlaygroundDir(options: { env: Record<string, string | undefined> }): string | undefined {
  const override = options.env.NANOCODE_PLAYGROUND_DIR;
  if (override !== undefined && override !== '') {
    return existsSync(join(override, 'index.html')) ? override : undefined;
  }
  try {
    const manifest = createRequire(import.meta.url).resolve('@nanocode/playground/package.json');
    const dir = join(dirname(manifest), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the playground's static files at `/` (after every API route, so `/api`, `/v1` and the
 * rest keep their handlers). Files need no API key: they hold no data; the pages call the API,
 * which checks the key.
 */
export function servePlayground(options: { app: OpenAPIHono<ServerEnv>; dir: string }): void {
  const { app, dir } = options;
  const files = serveStatic<ServerEnv>({ root: dir });
  const page: MiddlewareHandler<ServerEnv> = (c, next) => {
    c.header('Content-Security-Policy', PLAYGROUND_CSP);
    // Hashed assets never change; index.html must be re-read so a new build is picked up.
    c.header(
      'Cache-Control',
      c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return files(c, next);
  };
  app.get('/', page);
  app.get('/index.html', page);
  app.get('/assets/*', page);
}
