import { certificateDigest } from './certificate.js';
import type { DsseEnvelope } from './dsse.js';
import { leafHash } from './merkle.js';
import { type ProofCheck, verifyInclusion } from './merkle-verify.js';
import { verifyTlogProof } from './tlog-proof.js';
import { verifyLogInclusion } from './tlog-verify.js';
import { type CertificateCheck, failed, passed, skipped } from './verify-certificate-report.js';

/** A signed checkpoint and the log keys to check it with. */
export interface CheckpointWithKeys {
  /** The signed C2SP checkpoint note the proof is against. */
  note: string;
  /** Trusted log verifier keys (C2SP signed-note verifier key strings). */
  verifiers: readonly string[];
  /** The origin the checkpoint must carry (the tenant's tree). */
  origin: string;
}

/**
 * A proof that the certificate (leaf data = {@link certificateDigest}) is in a transparency log: either a
 * C2SP tlog-proof text, or an index and audit path against a signed checkpoint or against a root the
 * caller already trusts. Hashes are lower-case hex or bytes.
 */
export type CertificateLogProof =
  | { tlogProof: string; verifiers: readonly string[]; origin: string }
  | { index: number; proof: ReadonlyArray<string | Uint8Array>; checkpoint: CheckpointWithKeys }
  | { index: number; proof: ReadonlyArray<string | Uint8Array>; size: number; root: string | Uint8Array };

/** Checks log inclusion when a proof is attached; without one the check is skipped. */
export function checkLogInclusion(options: {
  envelope: DsseEnvelope;
  logProof: CertificateLogProof | undefined;
}): CertificateCheck {
  const name = 'log_inclusion';
  const { logProof } = options;
  if (logProof === undefined) return skipped({ name, message: 'no log proof attached' });
  let result: ProofCheck;
  try {
    result = check(certificateDigest({ envelope: options.envelope }), logProof);
  } catch (error) {
    result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return result.ok
    ? passed({ name, message: 'the certificate is included in the log' })
    : failed({ name, reason: 'log_inclusion_failed', message: result.reason });
}

function check(digest: Uint8Array, logProof: CertificateLogProof): ProofCheck {
  if ('tlogProof' in logProof) {
    const { tlogProof, verifiers, origin } = logProof;
    return verifyTlogProof({ tlogProof, certificateDigest: digest, verifiers, origin });
  }
  const proof = logProof.proof.map(bytesOf);
  if ('checkpoint' in logProof) {
    const { note, verifiers, origin } = logProof.checkpoint;
    return verifyLogInclusion({
      checkpoint: note,
      verifiers,
      origin,
      certificateDigest: digest,
      index: logProof.index,
      proof,
    });
  }
  return verifyInclusion({
    index: logProof.index,
    size: logProof.size,
    leafHash: leafHash(digest),
    proof,
    root: bytesOf(logProof.root),
  });
}

function bytesOf(hash: string | Uint8Array): Uint8Array {
  if (hash instanceof Uint8Array) return hash;
  if (typeof hash !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(hash)) return new Uint8Array(0);
  return new Uint8Array(Buffer.from(hash, 'hex'));
}
