import type { CertificateLogProof } from '../evidence/index.js';
import { formatTlogProof, inclusionProof } from '../evidence/tlog-index.js';
import type { RunStore } from '../spec/store.js';
import { logOriginFor } from './cli-log.js';
import type { LoadedEvidence } from './load-evidence.js';

/** An inclusion proof for a log leaf against the latest stored (signed) checkpoint of its tenant. */
export interface StoredInclusionProof {
  index: number;
  proof: Uint8Array[];
  /** The signed checkpoint note the proof is against. */
  checkpoint: string;
}

/**
 * Proves leaf `index` of a tenant's log against the latest checkpoint in the store, using public data only
 * (leaves and the signed note). Undefined when no stored checkpoint covers the leaf yet.
 */
export async function storedInclusionProof(options: {
  store: RunStore;
  tenant: string;
  index: number;
}): Promise<StoredInclusionProof | undefined> {
  const { store, tenant, index } = options;
  const checkpoint = await store.getCheckpoint({ tenant });
  if (checkpoint === undefined || checkpoint.size <= index) return undefined;
  const leaves = await store.leaves.get({ tenant, start: 0, end: checkpoint.size });
  return { index, proof: inclusionProof({ index, leaves }), checkpoint: checkpoint.note };
}

/** The C2SP tlog-proof text of a stored proof; `extra` carries the certificate digest it proves. */
export function tlogProofText(options: {
  proof: StoredInclusionProof;
  certificateDigest: Uint8Array;
}): string {
  const { proof, certificateDigest } = options;
  return formatTlogProof({ extra: certificateDigest, ...proof });
}

/**
 * The log proof to attach when verifying evidence: the bundle's own tlog-proof, or one made from the store
 * for a stored run. Undefined when there is none, or no trusted log key to check it with.
 */
export async function evidenceLogProof(options: {
  evidence: LoadedEvidence;
  store: () => Promise<RunStore>;
  logVerifiers: readonly string[];
}): Promise<CertificateLogProof | undefined> {
  const { evidence, logVerifiers: verifiers } = options;
  if (verifiers.length === 0) return undefined;
  const tenant = evidence.header?.tenant;
  if (typeof tenant !== 'string' || tenant === '') return undefined;
  const origin = logOriginFor({ tenant });
  if (evidence.tlogProof !== undefined) return { tlogProof: evidence.tlogProof, verifiers, origin };
  if (evidence.source !== 'store' || evidence.log_index === undefined) return undefined;
  const stored = await storedInclusionProof({
    store: await options.store(),
    tenant,
    index: evidence.log_index,
  });
  if (stored === undefined) return undefined;
  const { index, proof, checkpoint } = stored;
  return { index, proof, checkpoint: { note: checkpoint, verifiers, origin } };
}
