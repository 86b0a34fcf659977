import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONSISTENCY_PROOF_SPEC, type ConsistencyProofFile } from '../evidence/consistency-proof-file.js';
import { NanocodeError } from '../spec/errors.js';
import { resolveUserPath } from './cli-io.js';
import { checkpointAt, openSigningLog } from './cli-log.js';
import type { LogCommandOptions } from './command-log-checkpoint.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { withCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';

/**
 * Proves that the tenant's tree of `from` leaves is a prefix of its tree of `to` leaves, with both signed
 * checkpoints (stored ones, or signed now), as one JSON file for `nanocode log verify`.
 */
export async function runLogProveConsistencyCommand(
  options: LogCommandOptions & { from: number; to: number; out?: string },
): Promise<ExitCode> {
  const { io, tenant, from, to } = options;
  try {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || from > to) {
      throw new NanocodeError({
        code: 'NC_CLI_USAGE',
        message: `--from ${from} --to ${to}: need 1 <= from <= to`,
      });
    }
    const keyDir = resolve(io.cwd, options.keyDir);
    const file = await withCliStore({
      cwd: io.cwd,
      ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
      use: async (store): Promise<ConsistencyProofFile> => {
        const older = await checkpointAt({ store, keyDir, tenant, size: from, io });
        const newer = await checkpointAt({ store, keyDir, tenant, size: to, io });
        const { log } = await openSigningLog({ store, keyDir });
        const proof = await log.proveConsistency({ tenant, size1: from, size2: to });
        const base64 = proof.proof.map((hash) => Buffer.from(hash).toString('base64'));
        return { spec: CONSISTENCY_PROOF_SPEC, older, newer, proof: base64 };
      },
    });
    const text = `${JSON.stringify(file, null, 2)}\n`;
    if (options.out === undefined) io.stdout.write(text);
    else await writeFile(resolveUserPath({ io, file: options.out }), text);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}
