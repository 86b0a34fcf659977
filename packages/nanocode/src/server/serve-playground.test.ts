import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_CSP } from './serve-playground.js';
import { createTestApp } from './test-app.test-util.js';

async function builtPlayground(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nanocode-playground-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>pg</title><div id="root"></div>');
  await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

describe('the playground at /', () => {
  it('serves index.html and hashed assets without a key, with a strict CSP', async () => {
    const test = await createTestApp({ app: { playgroundDir: await builtPlayground() } });
    const page = await test.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(PLAYGROUND_CSP);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<div id="root">');
    const asset = await test.app.request('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves the API to its routes: keys still required, unknown paths still coded JSON 404s', async () => {
    const test = await createTestApp({ app: { playgroundDir: await builtPlayground() } });
    const unauthenticated = await test.app.request('/api/runs');
    expect(unauthenticated.status).toBe(401);
    expect(((await unauthenticated.json()) as { error: { code: string } }).error.code).toBe(
      'NC_API_UNAUTHENTICATED',
    );
    const missing = await test.app.request('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NC_API_NOT_FOUND');
    const traversal = await test.app.request('/assets/..%2f..%2fpackage.json');
    expect(traversal.status).toBe(404);
  });

  it('serves no UI when no playground directory is given', async () => {
    const test = await createTestApp();
    expect((await test.app.request('/')).status).toBe(404);
  });
});
