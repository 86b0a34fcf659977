import { writeFile } from 'node:fs/promises';
import { certificateDigest } from '../evidence/certificate.js';
import { NanocodeError } from '../spec/errors.js';
import { resolveUserPath } from './cli-io.js';
import { requireEnvelope } from './command-cert-verify.js';
import type { LogCommandOptions } from './command-log-checkpoint.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { loadEvidence } from './load-evidence.js';
import { withCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';
import { storedInclusionProof, tlogProofText } from './stored-inclusion-proof.js';

/**
 * Prints (or writes to `out`) a C2SP tlog-proof that a stored run's certificate is in its tenant's log:
 * the index, the audit path and the latest signed checkpoint, with the certificate digest as `extra`.
 */
export async function runLogProveInclusionCommand(
  options: Omit<LogCommandOptions, 'tenant'> & { runId: string; out?: string },
): Promise<ExitCode> {
  const { io } = options;
  try {
    const text = await withCliStore({
      cwd: io.cwd,
      ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
      use: async (store) => {
        const evidence = await loadEvidence({ ref: options.runId, io, store: async () => store });
        const envelope = requireEnvelope({ evidence });
        const index = evidence.log_index;
        const proof =
          index === undefined
            ? undefined
            : await storedInclusionProof({ store, tenant: evidence.header.tenant, index });
        if (proof === undefined) {
          throw new NanocodeError({
            code: 'NC_CLI_NOT_FOUND',
            message: `Run ${options.runId} is not in a signed checkpoint of its log yet.`,
            hint: 'run `nanocode log checkpoint` first',
          });
        }
        return tlogProofText({ proof, certificateDigest: certificateDigest({ envelope }) });
      },
    });
    if (options.out === undefined) io.stdout.write(text);
    else await writeFile(resolveUserPath({ io, file: options.out }), text);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}
