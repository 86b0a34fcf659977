export { canonicalJson } from './canonical-json.js';
export { digestJson, type Sha256Digest, sha256Hex } from './digest.js';
export {
  type AppendAtResult,
  createEventLog,
  type EventInput,
  type EventLog,
  type EventLogOptions,
} from './event-log.js';
export { headerDigest } from './header-digest.js';
export { type EventBody, eventHash, sealEvent } from './seal-event.js';
export {
  type ChainFailureReason,
  type ChainVerification,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.js';
