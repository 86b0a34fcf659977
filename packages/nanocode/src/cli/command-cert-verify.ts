import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { CertificateCheck, VerifyReport } from '../evidence/verify-certificate.js';
import { NanocodeError } from '../spec/errors.js';
import type { TrustedKey } from '../spec/signer.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import { readTrust } from './cli-log.js';
import { collectOption } from './collect-option.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { type LoadedEvidence, loadEvidence } from './load-evidence.js';
import { lazyCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';
import { evidenceLogProof } from './stored-inclusion-proof.js';

/** Options of `nanocode cert verify`. */
export interface CertVerifyOptions {
  /** A run id, a bundle directory or a `bundle.json` file. */
  ref: string;
  /** Public key files (SPKI PEM) to trust instead of the trust file's certificate keys. */
  keyFiles: string[];
  keyDir: string;
  storeUrl?: string;
  json: boolean;
  io: CliIo;
}

/**
 * Verifies a certificate offline and prints every check. Exits 0 when it is valid and 1 when it is not
 * (or cannot be found or read): scripts need only the exit code.
 */
export async function runCertVerifyCommand(options: CertVerifyOptions): Promise<ExitCode> {
  const { io } = options;
  const store = lazyCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const { verifyCertificate } = await import('../evidence/verify-certificate.js');
    const evidence = await loadEvidence({ ref: options.ref, io, store: store.get });
    const envelope = requireEnvelope({ evidence });
    const trust = await readTrust({ keyDir: resolve(io.cwd, options.keyDir) });
    const keys =
      options.keyFiles.length > 0 ? await readKeyFiles({ io, files: options.keyFiles }) : trust.certificate;
    if (keys.length === 0)
      io.stderr.write('no trusted certificate keys: pass --key <pub.pem> or --keys <dir>\n');
    const logProof = await evidenceLogProof({ evidence, store: store.get, logVerifiers: trust.logVerifiers });
    const report = verifyCertificate({
      bundle: { envelope, header: evidence.header, events: evidence.events },
      keys,
      ...(logProof === undefined ? {} : { logProof }),
    });
    printReport({ io, report, evidence, json: options.json });
    return report.ok ? EXIT_CODES.ok : EXIT_CODES.error;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store.close();
  }
}

/** The envelope of loaded evidence; a stored run without a certificate is not found. */
export function requireEnvelope(options: {
  evidence: LoadedEvidence;
}): NonNullable<LoadedEvidence['envelope']> {
  const { evidence } = options;
  if (evidence.envelope === undefined || evidence.envelope === null) {
    throw new NanocodeError({
      code: 'NC_CLI_NOT_FOUND',
      message: `${evidence.ref} has no certificate.`,
      hint: 'runs stored with `nanocode run` are certified unless run with --no-store',
    });
  }
  return evidence.envelope;
}

async function readKeyFiles(options: { io: CliIo; files: string[] }): Promise<TrustedKey[]> {
  const { publicKeyId } = await import('../evidence/ed25519-signer.js');
  const keys: TrustedKey[] = [];
  for (const file of options.files) {
    let pem: string;
    try {
      pem = await readFile(resolveUserPath({ io: options.io, file }), 'utf8');
    } catch (cause) {
      throw new NanocodeError({
        code: 'NC_EVIDENCE_KEY_INVALID',
        message: `Cannot read the key file ${file}.`,
        cause,
      });
    }
    keys.push({ keyid: publicKeyId(pem), public_key_pem: pem });
  }
  return keys;
}

function printReport(options: {
  io: CliIo;
  report: VerifyReport;
  evidence: LoadedEvidence;
  json: boolean;
}): void {
  const { io, report, evidence } = options;
  const runId = evidence.header?.run_id ?? null;
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ run_id: runId, source: evidence.source, ...report }, null, 2)}\n`);
    return;
  }
  io.stdout.write(
    `certificate of run ${String(runId)} (${evidence.source === 'store' ? 'store' : evidence.ref})\n`,
  );
  for (const check of report.checks) io.stdout.write(`  ${formatCheck(check)}\n`);
  if (report.ok) {
    io.stdout.write(`valid: signed by ${report.keyids.join(', ')}\n`);
  } else {
    const at = report.seq === undefined ? '' : ` at seq ${report.seq}`;
    io.stdout.write(`invalid: ${report.reason ?? 'unknown'}${at}\n`);
  }
}

/** One check as a line: `✓ name: message`, `✗ name: reason at seq N: message`, `- name: skipped (why)`. */
export function formatCheck(check: CertificateCheck): string {
  if (check.ok) return `✓ ${check.name}: ${check.message}`;
  if (check.skipped) return `- ${check.name}: skipped (${check.message})`;
  const at = check.seq === undefined ? '' : ` at seq ${check.seq}`;
  return `✗ ${check.name}: ${check.reason}${at}: ${check.message}`;
}

/** Registers `nanocode cert verify <run-id|bundle>` on the `cert` command. */
export function registerCertVerifyCommand(options: { cert: Command; context: CommandContext }): void {
  const { context } = options;
  options.cert
    .command('verify')
    .description('Verify a run certificate offline; exit 0 when valid, 1 when not.')
    .argument('<run-id|bundle>', 'a stored run id, an exported bundle directory, or a bundle.json file')
    .option(
      '--key <pub.pem>',
      'trust this public key (SPKI PEM) instead of the trust file; repeatable',
      collectOption,
      [],
    )
    .option('--keys <dir>', 'the key directory whose trust.json is pinned', DEFAULT_KEY_DIR)
    .option('--store <url>', 'the run store (default: .nanocode/nanocode.db)')
    .option('--json', 'print the verification report as JSON', false)
    .action(async (ref: string, flags: { key: string[]; keys: string; store?: string; json: boolean }) => {
      context.setExitCode(
        await runCertVerifyCommand({
          ref,
          keyFiles: flags.key,
          keyDir: flags.keys,
          json: flags.json,
          io: context.io,
          ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
        }),
      );
    });
}
