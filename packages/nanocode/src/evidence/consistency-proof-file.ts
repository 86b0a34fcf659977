/** The `spec` of a consistency proof file (`nanocode log prove-consistency`, `GET /api/log/consistency`). */
export const CONSISTENCY_PROOF_SPEC = 'nanocode.log-consistency-proof/v1';

/**
 * A consistency proof that travels as one JSON file: two signed checkpoints of the same tree and the
 * RFC 9162 proof that the older is a prefix of the newer. Hashes are standard base64.
 */
export interface ConsistencyProofFile {
  spec: typeof CONSISTENCY_PROOF_SPEC;
  /** The signed checkpoint of the older tree. */
  older: string;
  /** The signed checkpoint of the newer tree. */
  newer: string;
  proof: string[];
}
