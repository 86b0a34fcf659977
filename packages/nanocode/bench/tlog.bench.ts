import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certifyRun } from '../src/compose/certify-run.js';
import {
  checkpointSize,
  createEvidenceSigning,
  LOG_ORIGIN,
  logOriginFor,
} from '../src/compose/signing-log.js';
import { resolveConfig } from '../src/config/index.js';
import { certificateDigest, createCertificate, ensureKey } from '../src/evidence/index.js';
import { createCompactRange } from '../src/evidence/merkle-compact-range.js';
import { createTransparencyLog, leafHash, rootHash } from '../src/evidence/tlog-index.js';
import { runWorkflow } from '../src/runner/index.js';
import type { RunResult } from '../src/spec/run.js';
import type { RunStore } from '../src/spec/store.js';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store.js';
import { constantAdapter } from './constant-adapter.js';
import { type Measurement, measureAll } from './measure.js';

const EXISTING_LEAVES = 10_000;
const TENANT = 'bench';

/**
 * How `certifyRun` stored and logged a run before the log was kept per process (reconstructed from the
 * public pieces): both keys looked up in the trust file, the log key read and parsed, and the checkpoint's
 * root recomputed over every leaf of the tenant (O(n) per run).
 */
async function certifyRunBefore(options: { store: RunStore; keyDir: string; result: RunResult }) {
  const { store, keyDir, result } = options;
  const { header, events } = result;
  await store.createRun({ header, started_at: events[0]?.ts ?? new Date(0).toISOString() });
  await store.appendEvents({ run_id: header.run_id, events });
  await store.putSalts({ run_id: header.run_id, salts: result.salts });
  const { signer } = await ensureKey({ dir: keyDir, purpose: 'certificate' });
  const certificate = await createCertificate({ result: { header, events }, signer });
  const logKey = await ensureKey({ dir: keyDir, purpose: 'log' });
  const privateKeyPem = await readFile(join(keyDir, `${logKey.signer.keyid}.key`), 'utf8');
  const log = createTransparencyLog({
    origin: LOG_ORIGIN,
    store: store.leaves,
    signer: { name: LOG_ORIGIN, privateKeyPem },
  });
  const { index } = await log.append({
    tenant: header.tenant,
    certificateDigest: certificateDigest({ envelope: certificate.envelope }),
  });
  await store.putCertificate({ run_id: header.run_id, envelope: certificate.envelope, log_index: index });
  const note = await log.checkpoint({ tenant: header.tenant });
  await store.putCheckpoint({ tenant: header.tenant, size: checkpointSize(note), note });
}

/** `count` finished runs of a one-step workflow on a constant model, under the bench tenant. */
async function results(count: number): Promise<RunResult[]> {
  const config = resolveConfig({
    workflow: {
      name: 'bench-tlog',
      version: 1,
      steps: {
        a: {
          model: ['bench:constant'],
          prompt: { user: 'Hi' },
          constraints: [{ id: 'short', kind: 'max_length', value: 200 }],
        },
      },
    },
    profiles: [{ name: 'bench', tenant: TENANT }],
    profile: 'bench',
  });
  const adapter = constantAdapter({ text: 'Hello.' });
  const out: RunResult[] = [];
  for (let i = 0; i < count; i += 1)
    out.push(await runWorkflow({ config, inputs: {}, adapters: () => adapter }));
  return out;
}

/**
 * Storing, certifying and logging one run on SQLite with 10,000 leaves already in the tenant's log: the
 * per-run path of before (keys from the trust file, the log reopened, the root over all leaves) against
 * now (one `createEvidenceSigning` per process: a compact range, O(log n) per append). Also the checkpoint
 * root alone: compact range vs full recomputation.
 */
export async function benchTlog(): Promise<{
  certify: { rows: Measurement[]; baseline: Measurement };
  root: { rows: Measurement[]; baseline: Measurement };
}> {
  const dir = mkdtempSync(join(tmpdir(), 'nanocode-bench-tlog-'));
  const keyDir = join(dir, 'keys');
  const store = createSqliteStore({ path: join(dir, 'nanocode.db') });
  try {
    const leaves = Array.from({ length: EXISTING_LEAVES }, (_, i) =>
      leafHash(new Uint8Array(32).fill(i % 251)),
    );
    for (const leaf of leaves) await store.leaves.append({ tenant: TENANT, leafHash: leaf });
    const batches = 10;
    const batchSize = 10;
    const warmup = 10;
    const perContender = warmup + batches * batchSize;
    const pool = await results(perContender * 2);
    const signing = createEvidenceSigning({ store, keyDir });
    const certify = await measureAll({
      batches,
      batchSize,
      warmup,
      contenders: [
        {
          name: `before: reopen log, root over ~${EXISTING_LEAVES / 1000}k leaves`,
          fn: () => certifyRunBefore({ store, keyDir, result: pool.pop() as RunResult }),
        },
        {
          name: 'now: per-process log, compact range',
          fn: () => certifyRun({ store, keyDir, result: pool.pop() as RunResult, signing }),
        },
      ],
    });
    // The checkpoint root alone, at 10k leaves.
    const range = createCompactRange({ leaves });
    const extra = leafHash(new Uint8Array(32).fill(7));
    const root = await measureAll({
      batches: 10,
      batchSize: 5,
      warmup: 5,
      contenders: [
        { name: `full recomputation over ${EXISTING_LEAVES} leaves`, fn: async () => rootHash(leaves) },
        {
          name: 'compact range: append one leaf + root',
          fn: async () => {
            const copy = range.clone();
            copy.append(extra);
            return copy.root();
          },
        },
      ],
    });
    // Both paths wrote to one log: its stored checkpoint must still be the root of every stored leaf.
    const size = await store.leaves.size({ tenant: TENANT });
    const stored = await store.getCheckpoint({ tenant: TENANT });
    const all = await store.leaves.get({ tenant: TENANT, start: 0, end: size });
    const expected = Buffer.from(rootHash(all)).toString('base64');
    if (
      stored?.size !== size ||
      !stored.note.includes(`${logOriginFor({ tenant: TENANT })}\n${size}\n${expected}\n`)
    ) {
      throw new Error('bench tlog: the last checkpoint is not the root of the stored leaves');
    }
    return {
      // Ratios read "how many times slower than the compact range".
      certify: { rows: certify, baseline: certify[1] as Measurement },
      root: { rows: root, baseline: root[1] as Measurement },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
