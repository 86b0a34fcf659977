import { afterAll, describe, expect, it } from 'vitest';
import type { RunStore } from '../spec/store.js';
import { createPostgresStore } from '../store/postgres/create-postgres-store.js';
import { startPgProxy } from '../store/postgres/pg-proxy.test-util.js';
import {
  TEST_PG_URL,
  testSchemas,
  unreachableReason,
} from '../store/postgres/postgres-test-server.test-util.js';
import { storeIoError } from '../store/store-errors.js';
import { createTestApp } from './test-app.test-util.js';

const reason = await unreachableReason();
const schemas = testSchemas();
afterAll(() => schemas.dropAll());

/** The test app over `store`, authenticating with the test keys its own memory store holds. */
function appOver(store: (keys: RunStore) => RunStore) {
  return createTestApp({ wrap: (context) => ({ ...context, store: store(context.store) }) });
}

describe('handleError', () => {
  it('answers a store I/O failure with 503 NC_API_UNAVAILABLE, naming the operation but not the driver error', async () => {
    const t = await appOver((keys) => ({
      ...keys,
      listRuns: async () => {
        throw storeIoError({
          operation: 'listRuns',
          driver_code: '57P01',
          message: 'terminating connection due to administrator command',
        });
      },
    }));
    const response = await t.call({ path: '/api/runs', key: t.keys.auditorA });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body).toEqual({
      error: {
        code: 'NC_API_UNAVAILABLE',
        message: expect.stringMatching(/^the store is unavailable; retry later \(request .+\)$/),
        details: { operation: 'listRuns' },
      },
    });
    expect(JSON.stringify(body)).not.toContain('57P01');
    // Other errors keep their answers: a store bug is still a 500.
    const broken = await appOver((keys) => ({
      ...keys,
      listRuns: async () => {
        throw new Error('a bug');
      },
    }));
    const internal = await broken.call({ path: '/api/runs', key: broken.keys.auditorA });
    expect(internal.status).toBe(500);
    expect(await internal.json()).toMatchObject({ error: { code: 'NC_API_INTERNAL' } });
  });

  it.skipIf(reason !== undefined && process.env.CI !== 'true')(
    'answers 503 with a coded body, and keeps serving, when the PostgreSQL server goes away',
    async () => {
      const proxy = await startPgProxy({ url: TEST_PG_URL });
      const pgStore = await createPostgresStore({ url: proxy.url, schema: schemas.next() });
      const t = await appOver((keys) => ({
        ...pgStore,
        findApiKey: (options) => keys.findApiKey(options),
      }));
      const before = await t.call({ path: '/api/runs', key: t.keys.auditorA });
      expect(before.status).toBe(200);
      await proxy.cut();
      for (const path of ['/api/runs', '/api/runs/some-run', '/api/evals']) {
        const response = await t.call({ path, key: t.keys.auditorA });
        expect(response.status, path).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/json');
        expect(await response.json(), path).toMatchObject({ error: { code: 'NC_API_UNAVAILABLE' } });
      }
      expect((await t.call({ path: '/readyz' })).status).toBe(503);
      expect((await t.call({ path: '/healthz' })).status).toBe(200);
      await pgStore.close();
    },
  );
});
