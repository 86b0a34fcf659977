import { readTrust } from '../compose/read-trust.js';
import { logOriginFor } from '../compose/signing-log.js';
import {
  type CertificateLogProof,
  certificateDigest,
  type DsseEnvelope,
  type VerifyReport,
  verifyCertificate,
} from '../evidence/index.js';
import { formatTlogProof, inclusionProof } from '../evidence/tlog-index.js';
import type { RunStore, StoredRun } from '../spec/store.js';
import { apiError } from './api-error.js';

/** A stored, certified run of the caller's tenant, or `NC_API_NOT_FOUND` (also for other tenants' runs). */
export async function certifiedRun(options: {
  store: RunStore;
  run_id: string;
  tenant: string;
}): Promise<StoredRun & { certificate: DsseEnvelope }> {
  const run = await options.store.getRun({ run_id: options.run_id });
  if (run === undefined || run.summary.tenant !== options.tenant || run.certificate === undefined) {
    throw apiError({ code: 'NC_API_NOT_FOUND', message: `no certificate for run ${options.run_id}` });
  }
  return run as StoredRun & { certificate: DsseEnvelope };
}

/** An inclusion proof of a stored run's certificate against the tenant's latest stored checkpoint. */
export async function storedInclusion(options: {
  store: RunStore;
  run: StoredRun & { certificate: DsseEnvelope };
}): Promise<{ index: number; proof: Uint8Array[]; checkpoint: string; tlogProof: string } | undefined> {
  const { store, run } = options;
  const tenant = run.summary.tenant;
  const index = run.log_index;
  const checkpoint = await store.getCheckpoint({ tenant });
  if (index === undefined || checkpoint === undefined || checkpoint.size <= index) return undefined;
  const leaves = await store.leaves.get({ tenant, start: 0, end: checkpoint.size });
  const proof = inclusionProof({ index, leaves });
  const tlogProof = formatTlogProof({
    extra: certificateDigest({ envelope: run.certificate }),
    index,
    proof,
    checkpoint: checkpoint.note,
  });
  return { index, proof, checkpoint: checkpoint.note, tlogProof };
}

/**
 * Verifies a bundle against the trust file of `keyDir` (certificate keys and log keys). A `log_proof`
 * (C2SP tlog-proof text) is checked too when the trust file has log keys. Never throws for bad bundles.
 */
export async function verifyBundle(options: {
  keyDir: string;
  bundle: { envelope: unknown; header: unknown; events: unknown[]; log_proof?: string | undefined };
}): Promise<VerifyReport> {
  const trust = await readTrust({ keyDir: options.keyDir });
  const { bundle } = options;
  const tenant = (bundle.header as { tenant?: unknown } | null)?.tenant;
  const logProof: CertificateLogProof | undefined =
    bundle.log_proof !== undefined && trust.logVerifiers.length > 0 && typeof tenant === 'string'
      ? { tlogProof: bundle.log_proof, verifiers: trust.logVerifiers, origin: logOriginFor({ tenant }) }
      : undefined;
  return verifyCertificate({
    bundle: { envelope: bundle.envelope, header: bundle.header, events: bundle.events },
    keys: trust.certificate,
    ...(logProof === undefined ? {} : { logProof }),
  });
}
