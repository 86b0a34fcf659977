import { NanocodeError } from '../spec/errors.js';
import { formatCheckpoint } from './checkpoint.js';
import { consistencyProof, inclusionProof, leafHash, rootHash } from './merkle.js';
import type { ProofCheck } from './merkle-verify.js';
import { signNote } from './note.js';
import { ed25519PrivateKey, ed25519RawPublicKey, formatVerifierKey, isValidKeyName } from './note-key.js';
import type { LogLeafStore } from './tlog-leaf-store.js';
import { verifyLogInclusion } from './tlog-verify.js';

/** Options for {@link createTransparencyLog}. */
export interface TransparencyLogOptions {
  /** The log's identity, e.g. `nanocode.example/log`; each tenant's tree has origin `<origin>/<tenant>`. */
  origin: string;
  /** Where leaf hashes are kept. */
  store: LogLeafStore;
  /** The log's own Ed25519 key (PKCS#8 PEM), distinct from any certificate-signing key. */
  signer: { name: string; privateKeyPem: string };
}

/** An inclusion proof for one leaf against the tree of `size` leaves whose root is `rootHash`. */
export interface LogInclusionProof {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  rootHash: Uint8Array;
}

/** A consistency proof between the tenant's trees of `size1` and `size2` leaves. */
export interface LogConsistencyProof {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: Uint8Array[];
}

/** A per-tenant RFC 6962 transparency log over certificate digests, with signed C2SP checkpoints. */
export interface TransparencyLog {
  /** The verifier key string auditors pin to check this log's checkpoints. */
  readonly verifierKey: string;
  /** The checkpoint origin line of a tenant's tree. */
  originFor(options: { tenant: string }): string;
  /** Appends a certificate digest (32 bytes, e.g. SHA-256 of the DSSE envelope) as a new leaf. */
  append(options: {
    tenant: string;
    certificateDigest: Uint8Array;
  }): Promise<{ index: number; leafHash: Uint8Array }>;
  /** Signs and returns a checkpoint note for the tenant's current tree. */
  checkpoint(options: { tenant: string }): Promise<string>;
  /** Proves leaf `index` is in the tenant's tree of `size` leaves (the current size when omitted). */
  proveInclusion(options: { tenant: string; index: number; size?: number }): Promise<LogInclusionProof>;
  /** Proves the tenant's tree of `size1` leaves is a prefix of its tree of `size2` leaves. */
  proveConsistency(options: { tenant: string; size1: number; size2: number }): Promise<LogConsistencyProof>;
  /** Checks a certificate digest against an inclusion proof and a checkpoint signed by this log. */
  verifyInclusionProof(options: {
    tenant: string;
    certificateDigest: Uint8Array;
    index: number;
    proof: readonly Uint8Array[];
    checkpoint: string;
  }): ProofCheck;
}

/** Creates a {@link TransparencyLog}. Throws `NC_EVIDENCE_*` errors for a bad origin, name or key. */
export function createTransparencyLog(options: TransparencyLogOptions): TransparencyLog {
  const { origin, store, signer } = options;
  if (!isValidKeyName(origin)) throw inputError(`invalid log origin ${JSON.stringify(origin)}`);
  if (!isValidKeyName(signer.name)) {
    throw new NanocodeError({ code: 'NC_EVIDENCE_NOTE_KEY', message: `invalid log key name ${signer.name}` });
  }
  const privateKey = ed25519PrivateKey(signer.privateKeyPem);
  const verifierKey = formatVerifierKey({ name: signer.name, publicKey: ed25519RawPublicKey(privateKey) });

  const originFor = ({ tenant }: { tenant: string }): string => {
    if (typeof tenant !== 'string' || tenant === '') throw inputError('tenant must be a non-empty string');
    // Percent-encoding keeps spaces, `+` and `/` out of the origin line for any tenant id.
    try {
      return `${origin}/${encodeURIComponent(tenant)}`;
    } catch (cause) {
      throw new NanocodeError({
        code: 'NC_EVIDENCE_LOG_INPUT',
        message: 'tenant is not well-formed Unicode',
        cause,
      });
    }
  };

  const leavesUpTo = async (tenant: string, size: number): Promise<Uint8Array[]> => {
    const current = await store.size({ tenant });
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw rangeError(`tree size ${size} is outside 0..${current} for tenant ${tenant}`);
    }
    return store.get({ tenant, start: 0, end: size });
  };

  return {
    verifierKey,
    originFor,
    async append({ tenant, certificateDigest }) {
      originFor({ tenant });
      if (!(certificateDigest instanceof Uint8Array) || certificateDigest.length !== 32) {
        throw inputError('a certificate digest is 32 bytes');
      }
      const hash = leafHash(certificateDigest);
      const index = await store.append({ tenant, leafHash: hash });
      return { index, leafHash: hash };
    },
    async checkpoint({ tenant }) {
      const logOrigin = originFor({ tenant });
      const size = await store.size({ tenant });
      const leaves = await store.get({ tenant, start: 0, end: size });
      const text = formatCheckpoint({ origin: logOrigin, size, rootHash: rootHash(leaves) });
      return signNote({ text, name: signer.name, privateKey });
    },
    async proveInclusion({ tenant, index, size }) {
      originFor({ tenant });
      const leaves = await leavesUpTo(tenant, size ?? (await store.size({ tenant })));
      const proof = inclusionProof({ index, leaves });
      return { index, size: leaves.length, leafHash: leaves[index]!, proof, rootHash: rootHash(leaves) };
    },
    async proveConsistency({ tenant, size1, size2 }) {
      originFor({ tenant });
      const leaves = await leavesUpTo(tenant, size2);
      const proof = consistencyProof({ size1, leaves });
      return { size1, size2, root1: rootHash(leaves.slice(0, size1)), root2: rootHash(leaves), proof };
    },
    verifyInclusionProof({ tenant, ...rest }) {
      return verifyLogInclusion({ ...rest, verifiers: [verifierKey], origin: originFor({ tenant }) });
    },
  };
}

function inputError(message: string): NanocodeError {
  return new NanocodeError({ code: 'NC_EVIDENCE_LOG_INPUT', message });
}

function rangeError(message: string): NanocodeError {
  return new NanocodeError({ code: 'NC_EVIDENCE_LOG_RANGE', message });
}
