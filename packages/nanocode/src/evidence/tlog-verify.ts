import { openCheckpoint } from './checkpoint.js';
import { leafHash } from './merkle.js';
import { type ProofCheck, verifyConsistency, verifyInclusion } from './merkle-verify.js';

/**
 * Offline checks an auditor runs with nothing but the log's verifier key: a certificate is in a
 * signed checkpoint, and a later checkpoint extends an earlier one.
 */

/** Options for {@link verifyLogInclusion}. */
export interface VerifyLogInclusionOptions {
  /** The signed checkpoint note the proof was made against. */
  checkpoint: string;
  /** Trusted log verifier keys. */
  verifiers: readonly string[];
  /** The origin expected on the checkpoint (the tenant's tree, see `TransparencyLog.originFor`). */
  origin: string;
  /** The certificate digest that was appended (the leaf data, not its hash). */
  certificateDigest: Uint8Array;
  /** The leaf index the log returned on append. */
  index: number;
  /** Inclusion proof hashes for `index` in the checkpoint's tree. */
  proof: readonly Uint8Array[];
}

/** Checks the checkpoint signature and origin, then the inclusion of `certificateDigest` at `index`. */
export function verifyLogInclusion(options: VerifyLogInclusionOptions): ProofCheck {
  const { verifiers, origin } = options;
  const opened = openCheckpoint({ note: options.checkpoint, verifiers, origin });
  if (!opened.ok) return opened;
  if (!(options.certificateDigest instanceof Uint8Array))
    return { ok: false, reason: 'digest must be bytes' };
  return verifyInclusion({
    index: options.index,
    size: opened.checkpoint.size,
    leafHash: leafHash(options.certificateDigest),
    proof: options.proof,
    root: opened.checkpoint.rootHash,
  });
}

/** Options for {@link verifyLogConsistency}. */
export interface VerifyLogConsistencyOptions {
  /** The older signed checkpoint. */
  older: string;
  /** The newer signed checkpoint. */
  newer: string;
  /** Trusted log verifier keys. */
  verifiers: readonly string[];
  /** The origin both checkpoints must carry. */
  origin: string;
  /** Consistency proof hashes from the older tree size to the newer one. */
  proof: readonly Uint8Array[];
}

/** Checks both checkpoints, then that the older tree is a prefix of the newer one (nothing dropped or rewritten). */
export function verifyLogConsistency(options: VerifyLogConsistencyOptions): ProofCheck {
  const { verifiers, origin } = options;
  const older = openCheckpoint({ note: options.older, verifiers, origin });
  if (!older.ok) return { ok: false, reason: `older checkpoint: ${older.reason}` };
  const newer = openCheckpoint({ note: options.newer, verifiers, origin });
  if (!newer.ok) return { ok: false, reason: `newer checkpoint: ${newer.reason}` };
  return verifyConsistency({
    size1: older.checkpoint.size,
    size2: newer.checkpoint.size,
    root1: older.checkpoint.rootHash,
    root2: newer.checkpoint.rootHash,
    proof: options.proof,
  });
}
