import type { Command } from 'commander';
import { parseStatement } from '../evidence/in-toto-statement.js';
import type { RunPredicate } from '../spec/certificate.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { requireEnvelope } from './command-cert-verify.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { formatPredicate } from './format-predicate.js';
import { loadEvidence } from './load-evidence.js';
import { lazyCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';

/** Options of `nanocode cert show`. */
export interface CertShowOptions {
  ref: string;
  storeUrl?: string;
  json: boolean;
  io: CliIo;
}

/**
 * Prints what a certificate claims: its predicate summarised, or with `--json` the whole in-toto
 * statement. It does not verify anything; `cert verify` does.
 */
export async function runCertShowCommand(options: CertShowOptions): Promise<ExitCode> {
  const { io } = options;
  const store = lazyCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const evidence = await loadEvidence({ ref: options.ref, io, store: store.get });
    const envelope = requireEnvelope({ evidence });
    const parsed = parseStatement(new Uint8Array(Buffer.from(String(envelope.payload), 'base64')));
    if (!parsed.ok) {
      throw new NanocodeError({
        code: 'NC_CLI_BUNDLE',
        message: `The certificate payload is unreadable: ${parsed.message}`,
      });
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(parsed.statement, null, 2)}\n`);
    } else {
      const keyids = Array.isArray(envelope.signatures)
        ? envelope.signatures.map((s) => s.keyid ?? '(no keyid)')
        : [];
      const predicate = parsed.statement.predicate as unknown as RunPredicate;
      for (const line of formatPredicate({ predicate, keyids })) io.stdout.write(`${line}\n`);
      io.stdout.write('(not verified here: run `nanocode cert verify` to check it)\n');
    }
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store.close();
  }
}

/** Registers `nanocode cert show <run-id|bundle>` on the `cert` command. */
export function registerCertShowCommand(options: { cert: Command; context: CommandContext }): void {
  const { context } = options;
  options.cert
    .command('show')
    .description('Show what a run certificate states: outcome, constraints, recovery, budget and models.')
    .argument('<run-id|bundle>', 'a stored run id, an exported bundle directory, or a bundle.json file')
    .option('--store <url>', 'the run store (default: .nanocode/nanocode.db)')
    .option('--json', 'print the in-toto statement as JSON', false)
    .action(async (ref: string, flags: { store?: string; json: boolean }) => {
      context.setExitCode(
        await runCertShowCommand({
          ref,
          json: flags.json,
          io: context.io,
          ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
        }),
      );
    });
}
