import type { Command } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { CommandContext } from './command-context.js';
import { runLogCheckpointCommand } from './command-log-checkpoint.js';
import { runLogProveConsistencyCommand } from './command-log-prove-consistency.js';
import { runLogProveInclusionCommand } from './command-log-prove-inclusion.js';
import { runLogVerifyCommand } from './command-log-verify.js';

interface CommonFlags {
  keys: string;
  store?: string;
}

function common(command: Command): Command {
  return command
    .option('--keys <dir>', 'the key directory (log key and trust.json)', DEFAULT_KEY_DIR)
    .option('--store <url>', 'the run store (default: .nanocode/nanocode.db)');
}

function storeOf(flags: CommonFlags): { storeUrl?: string } {
  return flags.store === undefined ? {} : { storeUrl: flags.store };
}

function integer(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** Registers `nanocode log checkpoint|prove-inclusion|prove-consistency|verify` on the program. */
export function registerLogCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  const { io } = context;
  const log = options.program
    .command('log')
    .description('The transparency log of certificates (per tenant).');

  common(log.command('checkpoint').description("Sign, store and print a checkpoint of a tenant's log."))
    .option('--tenant <tenant>', 'the tenant', 'default')
    .action(async (flags: CommonFlags & { tenant: string }) => {
      const code = await runLogCheckpointCommand({
        tenant: flags.tenant,
        keyDir: flags.keys,
        io,
        ...storeOf(flags),
      });
      context.setExitCode(code);
    });

  common(
    log.command('prove-inclusion').description("Print a tlog-proof that a run's certificate is in the log."),
  )
    .argument('<run-id>', 'a stored run id')
    .option('--out <file>', 'write the proof to a file instead of stdout')
    .action(async (runId: string, flags: CommonFlags & { out?: string }) => {
      const out = flags.out === undefined ? {} : { out: flags.out };
      context.setExitCode(
        await runLogProveInclusionCommand({ runId, keyDir: flags.keys, io, ...out, ...storeOf(flags) }),
      );
    });

  common(
    log.command('prove-consistency').description('Prove that the log of size M extends the log of size N.'),
  )
    .requiredOption('--from <N>', 'the older tree size', integer)
    .requiredOption('--to <M>', 'the newer tree size', integer)
    .option('--tenant <tenant>', 'the tenant', 'default')
    .option('--out <file>', 'write the proof to a file instead of stdout')
    .action(async (flags: CommonFlags & { from: number; to: number; tenant: string; out?: string }) => {
      const { from, to, tenant } = flags;
      const out = flags.out === undefined ? {} : { out: flags.out };
      const code = await runLogProveConsistencyCommand({
        from,
        to,
        tenant,
        keyDir: flags.keys,
        io,
        ...out,
        ...storeOf(flags),
      });
      context.setExitCode(code);
    });

  common(
    log.command('verify').description('Check an inclusion or consistency proof offline; exit 0 if it holds.'),
  )
    .argument('<proof-file>', 'a tlog-proof (prove-inclusion) or a consistency proof (prove-consistency)')
    .option(
      '--certificate <run-id|bundle>',
      'the certificate an inclusion proof must cover (default: its extra line)',
    )
    .option('--tenant <tenant>', "pin the tenant's tree (default: the checkpoint's own)")
    .option('--json', 'print the result as JSON', false)
    .action(
      async (
        proofFile: string,
        flags: CommonFlags & { certificate?: string; tenant?: string; json: boolean },
      ) => {
        const code = await runLogVerifyCommand({
          proofFile,
          keyDir: flags.keys,
          json: flags.json,
          io,
          ...(flags.certificate === undefined ? {} : { certificate: flags.certificate }),
          ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }),
          ...storeOf(flags),
        });
        context.setExitCode(code);
      },
    );
}
