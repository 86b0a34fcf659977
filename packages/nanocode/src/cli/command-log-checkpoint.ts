import { resolve } from 'node:path';
import { checkpointSize } from './certify-run.js';
import type { CliIo } from './cli-io.js';
import { announceKey, openSigningLog } from './cli-log.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { withCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';

/** Options shared by the `nanocode log` subcommands. */
export interface LogCommandOptions {
  tenant: string;
  keyDir: string;
  storeUrl?: string;
  io: CliIo;
}

/** Signs, stores and prints a checkpoint of the tenant's current tree (a C2SP signed note). */
export async function runLogCheckpointCommand(options: LogCommandOptions): Promise<ExitCode> {
  const { io, tenant } = options;
  try {
    const keyDir = resolve(io.cwd, options.keyDir);
    const note = await withCliStore({
      cwd: io.cwd,
      ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
      use: async (store) => {
        const signing = await openSigningLog({ store, keyDir });
        if (signing.created) announceKey({ io, purpose: 'log', keyid: signing.keyid, dir: keyDir });
        const signed = await signing.log.checkpoint({ tenant });
        await store.putCheckpoint({ tenant, size: checkpointSize(signed), note: signed });
        return signed;
      },
    });
    io.stdout.write(note);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}
