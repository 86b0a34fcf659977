export { canonicalJson } from './canonical-json.js';
export {
  type Certificate,
  type CertificateBundle,
  type CertificateBundleOptions,
  type CertifiedRun,
  type CreateCertificateOptions,
  certificateBundle,
  certificateDigest,
  createCertificate,
  runSubject,
} from './certificate.js';
export { digestJson, type Sha256Digest, sha256Hex } from './digest.js';
export { type DsseEnvelope, pae, type SignEnvelopeOptions, signEnvelope } from './dsse.js';
export {
  createEd25519Signer,
  type Ed25519KeyPair,
  type Ed25519SignerOptions,
  generateEd25519KeyPair,
  publicKeyId,
} from './ed25519-signer.js';
export {
  type AppendAtResult,
  createEventLog,
  type EventInput,
  type EventLog,
  type EventLogOptions,
} from './event-log.js';
export { headerDigest } from './header-digest.js';
export {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  type InTotoStatement,
  parseStatement,
  type ResourceDescriptor,
  type SignStatementOptions,
  type StatementParse,
  signStatement,
} from './in-toto-statement.js';
export {
  DEFAULT_KEY_DIR,
  ensureKey,
  generateKey,
  type KeyStoreOptions,
  listKeys,
  loadActiveSigner,
  rotateKey,
  type StoredKey,
  TRUST_FILE_NAME,
} from './key-store.js';
export {
  buildPredicate,
  derivePredicate,
  type PredicateDerivation,
  type PredicateSource,
} from './predicate-from-events.js';
export type { SummaryIssue } from './predicate-issue.js';
export {
  type CommitValueOptions,
  type CreateSaltsOptions,
  commitValue,
  createSalts,
  cryptoRandom,
  type VerifyCommitmentOptions,
  verifyCommitment,
} from './redaction.js';
export { type EventBody, eventHash, sealEvent } from './seal-event.js';
export { type TestResultPredicateOptions, testResultPredicate } from './test-result.js';
export {
  type KeyPurpose,
  type ReadTrustFileOptions,
  readTrustFile,
  type TrustEntry,
  type TrustFile,
  trustedKeys,
  type WriteTrustFileOptions,
  writeTrustFile,
} from './trust-file.js';
export {
  CERTIFICATE_CHECKS,
  type CertFailureReason,
  type CertificateCheck,
  type CertificateCheckName,
  type CertificateLogProof,
  type CheckpointWithKeys,
  type VerifyCertificateOptions,
  type VerifyReport,
  verifyCertificate,
} from './verify-certificate.js';
export {
  type ChainFailureReason,
  type ChainVerification,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.js';
export {
  type EnvelopeFailureReason,
  type EnvelopeVerification,
  type SignatureCheck,
  type SignatureStatus,
  type VerifyEnvelopeOptions,
  verifyEnvelope,
} from './verify-envelope.js';
