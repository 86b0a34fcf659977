import { CONSISTENCY_PROOF_SPEC, type ConsistencyProofFile } from '../evidence/consistency-proof-file.js';
import { NanocodeError } from '../spec/errors.js';

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
