/**
 * Storing and certifying a run is shared with the server: it lives in `compose/`. Re-exported here for
 * the CLI commands that sign checkpoints.
 */
export {
  type CreatedKey,
  certifyRun,
  ensureSigningKeys,
  type RunCertification,
} from '../compose/certify-run.js';
export { checkpointSize } from '../compose/signing-log.js';
