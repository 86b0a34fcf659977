import { checkpointAt as signedCheckpointAt } from '../compose/signing-log.js';
import type { KeyPurpose } from '../evidence/trust-file.js';
import type { RunStore } from '../spec/store.js';
import type { CliIo } from './cli-io.js';
import { displayPath } from './report-error.js';

// The log and trust helpers are shared with the server; they live in compose/.
export { logVerifierKey, readTrust } from '../compose/read-trust.js';
export { LOG_ORIGIN, logOriginFor, openSigningLog } from '../compose/signing-log.js';

/**
 * The signed checkpoint of a tenant's tree at `size`: the stored one, else one signed now from the stored
 * leaves (and stored). Throws `NC_EVIDENCE_LOG_RANGE` for a size beyond the tree. A log key generated on
 * first use is announced on stderr.
 */
export async function checkpointAt(options: {
  store: RunStore;
  keyDir: string;
  tenant: string;
  size: number;
  io: CliIo;
}): Promise<string> {
  const { io, ...rest } = options;
  return signedCheckpointAt({
    ...rest,
    onLogKeyCreated: ({ keyid }) => announceKey({ io, purpose: 'log', keyid, dir: options.keyDir }),
  });
}

/** Tells the user on stderr that a key was generated because none was active (first use). */
export function announceKey(options: { io: CliIo; purpose: KeyPurpose; keyid: string; dir: string }): void {
  const { io } = options;
  const what = options.purpose === 'certificate' ? 'signing' : 'log';
  const where = displayPath({ file: options.dir, cwd: io.cwd });
  io.stderr.write(`created ${what} key ${options.keyid} in ${where} (first use)\n`);
}
