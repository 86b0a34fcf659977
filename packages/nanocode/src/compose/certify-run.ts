import { certificateDigest, createCertificate, ensureKey } from '../evidence/index.js';
import type { KeyPurpose } from '../evidence/trust-file.js';
import type { RunResult } from '../spec/run.js';
import type { RunStore } from '../spec/store.js';
import { createEvidenceSigning, type EvidenceSigning } from './signing-log.js';

/** A key generated because none was active yet (first use). */
export interface CreatedKey {
  purpose: KeyPurpose;
  keyid: string;
}

/** Where a run's certificate went: the key that signed it and its index in the tenant's log. */
export interface RunCertification {
  keyid: string;
  log_index: number;
  /** Keys generated because none was active yet (first use). */
  createdKeys: CreatedKey[];
}

/**
 * Stores a finished run (header, events, and its salts apart), signs its certificate with the active
 * certificate key, appends the certificate digest to the tenant's transparency log, and stores a signed
 * checkpoint of the grown tree. Keys are created on first use. Every outcome is certified, errors included.
 * A process that certifies many runs passes one `signing` (see `createEvidenceSigning`): it keeps the keys
 * and each tenant's tree in memory; without it, the keys and the tree are read afresh for this run.
 */
export async function certifyRun(options: {
  store: RunStore;
  keyDir: string;
  result: RunResult;
  signing?: EvidenceSigning;
}): Promise<RunCertification> {
  const { store, keyDir, result } = options;
  const signing = options.signing ?? createEvidenceSigning({ store, keyDir });
  const { header, events } = result;
  const started_at = events[0]?.ts ?? new Date(0).toISOString();
  await store.createRun({ header, started_at });
  await store.appendEvents({ run_id: header.run_id, events });
  await store.putSalts({ run_id: header.run_id, salts: result.salts });

  const createdKeys: CreatedKey[] = [];
  const certKey = await signing.certificateSigner();
  if (certKey.created) createdKeys.push({ purpose: 'certificate', keyid: certKey.signer.keyid });
  const certificate = await createCertificate({ result: { header, events }, signer: certKey.signer });

  const appended = await signing.appendCertificate({
    tenant: header.tenant,
    certificateDigest: certificateDigest({ envelope: certificate.envelope }),
  });
  if (appended.created) createdKeys.push({ purpose: 'log', keyid: appended.keyid });
  // Certificate before checkpoint: a crash in between leaves a stored certificate whose leaf is simply
  // covered by the next checkpoint.
  await store.putCertificate({
    run_id: header.run_id,
    envelope: certificate.envelope,
    log_index: appended.index,
  });
  await store.putCheckpoint({ tenant: header.tenant, size: appended.size, note: appended.checkpoint });
  return { keyid: certKey.signer.keyid, log_index: appended.index, createdKeys };
}

/**
 * Makes sure the certificate and log keys exist before a run starts, generating them on first use. A key
 * is valid from its creation, so one made after the run finished could not have signed it.
 */
export async function ensureSigningKeys(options: { keyDir: string }): Promise<CreatedKey[]> {
  const created: CreatedKey[] = [];
  for (const purpose of ['certificate', 'log'] as const) {
    const key = await ensureKey({ dir: options.keyDir, purpose });
    if (key.created) created.push({ purpose, keyid: key.signer.keyid });
  }
  return created;
}
