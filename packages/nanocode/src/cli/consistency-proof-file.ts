import { NanocodeError } from '../spec/errors.js';

/** The `spec` of a consistency proof file written by `nanocode log prove-consistency`. */
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

/** Parses a consistency proof file; throws `NC_CLI_BUNDLE` when it is not one. */
export function parseConsistencyProofFile(options: { text: string; file: string }): ConsistencyProofFile {
  let value: Partial<ConsistencyProofFile> | null = null;
  try {
    value = JSON.parse(options.text) as Partial<ConsistencyProofFile>;
  } catch {
    // reported below
  }
  if (
    value?.spec !== CONSISTENCY_PROOF_SPEC ||
    typeof value.older !== 'string' ||
    typeof value.newer !== 'string' ||
    !Array.isArray(value.proof) ||
    !value.proof.every((hash) => typeof hash === 'string')
  ) {
    throw new NanocodeError({
      code: 'NC_CLI_BUNDLE',
      message: `${options.file} is neither a c2sp.org/tlog-proof@v1 nor a ${CONSISTENCY_PROOF_SPEC} file.`,
    });
  }
  return value as ConsistencyProofFile;
}
