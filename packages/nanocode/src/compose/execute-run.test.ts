import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { verifyCertificate } from '../evidence/index.js';
import type { RunEvent } from '../spec/events.js';
import { createMemoryStore } from '../store/index.js';
import { executeRun, requireCertified } from './execute-run.js';
import { readTrust } from './read-trust.js';

const PLAYGROUND = fileURLToPath(
  new URL('../../../../examples/constraint-playground/workflow.yaml', import.meta.url),
);

describe('executeRun', () => {
  it('runs without evidence: nothing stored, no certificate, events streamed', async () => {
    const config = await loadConfig({ workflowFile: PLAYGROUND });
    const seen: RunEvent[] = [];
    const executed = await executeRun({ config, inputs: {}, env: {}, onEvent: (e) => seen.push(e) });
    expect(executed.certification).toBeNull();
    expect(executed.result.outcome).not.toBe('error');
    expect(seen.map((e) => e.type)).toEqual(executed.result.events.map((e) => e.type));
  });

  it('stores and certifies under the given tenant, with the config digest of what ran', async () => {
    const config = await loadConfig({ workflowFile: PLAYGROUND });
    const store = createMemoryStore();
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-exec-'));
    const created: string[] = [];
    const executed = await executeRun({
      config,
      inputs: {},
      env: {},
      tenant: 'acme',
      run_id: 'run-acme-1',
      evidence: { store, keyDir },
      onKeyCreated: (key) => created.push(key.purpose),
    });
    expect(created).toEqual(['certificate', 'log']);
    expect(executed.certification).toMatchObject({ log_index: 0 });
    const stored = await store.getRun({ run_id: 'run-acme-1' });
    expect(stored?.summary.tenant).toBe('acme');
    expect(stored?.header.config_digest).not.toBe(config.digest);
    expect(await store.leaves.size({ tenant: 'acme' })).toBe(1);
    expect(await store.leaves.size({ tenant: 'default' })).toBe(0);
    const trust = await readTrust({ keyDir });
    const report = verifyCertificate({
      bundle: { envelope: stored?.certificate, header: stored?.header, events: stored?.events },
      keys: trust.certificate,
    });
    expect(report.ok).toBe(true);
  });

  it('returns a store failure as certifyError, with the run result kept', async () => {
    const config = await loadConfig({ workflowFile: PLAYGROUND });
    const store = createMemoryStore();
    await store.close();
    const broken = { ...store, createRun: () => Promise.reject(new Error('disk full')) };
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-exec-'));
    const executed = await executeRun({ config, inputs: {}, env: {}, evidence: { store: broken, keyDir } });
    expect(executed.certification).toBeNull();
    expect(String(executed.certifyError)).toContain('disk full');
    expect(executed.result.events.length).toBeGreaterThan(0);
  });
});

describe('requireCertified', () => {
  it('hands out the certificate reference, and throws when the run could not be certified', () => {
    const result = { run_id: 'r1' } as Parameters<typeof requireCertified>[0]['result'];
    const certification = { keyid: 'k', log_index: 3 } as NonNullable<
      Parameters<typeof requireCertified>[0]['certification']
    >;
    expect(requireCertified({ result, certification })).toEqual({
      result,
      certificate: { keyid: 'k', log_index: 3 },
    });
    expect(requireCertified({ result, certification: null })).toEqual({ result, certificate: null });
    const failure = new Error('disk full');
    expect(() => requireCertified({ result, certification: null, certifyError: failure })).toThrow(failure);
  });
});
