import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, REPO_ROOT } from '../test-app.test-util.js';

describe('GET /api/workflows/{name}/source', () => {
  it("answers the workflow file's own text, comments included, to any role", async () => {
    const t = await createTestApp();
    const response = await t.call({ path: '/api/workflows/support-answer/source', key: t.keys.auditorA });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { name: string; file: string; text: string };
    expect(body.name).toBe('support-answer');
    expect(body.file).toBe(join('examples', 'support-answer', 'workflow.yaml'));
    expect(body.text).toBe(await readFile(join(REPO_ROOT, 'examples/support-answer/workflow.yaml'), 'utf8'));
    expect(body.text).toContain('# Demo only');
  });

  it('answers 404 for an unknown name or one that would leave the project', async () => {
    const t = await createTestApp();
    for (const name of ['no-such-workflow', '..%2F..%2Fetc%2Fpasswd', '.hidden']) {
      const response = await t.call({ path: `/api/workflows/${name}/source`, key: t.keys.runnerA });
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NC_API_NOT_FOUND');
    }
  });

  it('needs an API key, and is in the OpenAPI document', async () => {
    const t = await createTestApp();
    expect((await t.call({ path: '/api/workflows/support-answer/source' })).status).toBe(401);
    const document = (await (await t.call({ path: '/openapi.json' })).json()) as {
      paths: Record<string, object>;
    };
    expect(Object.keys(document.paths)).toContain('/api/workflows/{name}/source');
  });
});
