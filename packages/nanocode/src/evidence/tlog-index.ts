/**
 * Public surface of the transparency log: RFC 9162 Merkle proofs, C2SP signed notes, checkpoints and
 * tlog proofs, and the per-tenant log itself.
 */
export {
  type Checkpoint,
  type FormatCheckpointOptions,
  formatCheckpoint,
  type OpenCheckpointOptions,
  openCheckpoint,
  parseCheckpoint,
} from './checkpoint.js';
export {
  type ConsistencyProofOptions,
  consistencyProof,
  emptyRootHash,
  type InclusionProofOptions,
  inclusionProof,
  leafHash,
  MERKLE_HASH_SIZE,
  nodeHash,
  rootHash,
} from './merkle.js';
export {
  type ProofCheck,
  type VerifyConsistencyOptions,
  type VerifyInclusionOptions,
  verifyConsistency,
  verifyInclusion,
} from './merkle-verify.js';
export {
  MAX_NOTE_SIGNATURES,
  type NoteCheck,
  type NoteSignature,
  type ParsedNote,
  parseNote,
  type SignNoteOptions,
  signNote,
  type VerifyNoteOptions,
  verifyNote,
} from './note.js';
export {
  formatVerifierKey,
  isValidKeyName,
  type NoteKeyOptions,
  type NoteVerifier,
  noteKeyId,
  parseVerifierKey,
} from './note-key.js';
export {
  createTransparencyLog,
  type LogConsistencyProof,
  type LogInclusionProof,
  type TransparencyLog,
  type TransparencyLogOptions,
} from './tlog.js';
export { createMemoryLeafStore, type LogLeafStore } from './tlog-leaf-store.js';
export {
  formatTlogProof,
  parseTlogProof,
  TLOG_PROOF_HEADER,
  type TlogProof,
  type VerifyTlogProofOptions,
  verifyTlogProof,
} from './tlog-proof.js';
export {
  type VerifyLogConsistencyOptions,
  type VerifyLogInclusionOptions,
  verifyLogConsistency,
  verifyLogInclusion,
} from './tlog-verify.js';
