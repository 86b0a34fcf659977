import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { certificateDigest } from '../evidence/certificate.js';
import { EXPORT_FORMATS } from '../evidence/exports/index.js';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import { readTrust } from './cli-log.js';
import { requireEnvelope } from './command-cert-verify.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { BUNDLE_FILES, type LoadedEvidence, loadEvidence } from './load-evidence.js';
import { type LazyStore, lazyCliStore } from './open-cli-store.js';
import { displayPath, reportError } from './report-error.js';
import { evidenceLogProof, storedInclusionProof, tlogProofText } from './stored-inclusion-proof.js';

/** Every format `cert export` writes: the evidence exports, and the signed in-toto Test Result view. */
export const CERT_EXPORT_FORMATS = [...EXPORT_FORMATS, 'test-result'] as const;
/** A `cert export` format. */
export type CertExportFormat = (typeof CERT_EXPORT_FORMATS)[number];

/** Options of `nanocode cert export`. */
export interface CertExportOptions {
  ref: string;
  format: CertExportFormat;
  /** A file (or, for `bundle`, a directory); stdout when absent, `./<run_id>.bundle` for a bundle. */
  out?: string;
  keyDir: string;
  storeUrl?: string;
  io: CliIo;
}

/**
 * Exports a run's evidence. `bundle` writes a directory an offline verifier needs (certificate.json,
 * events.jsonl, header.json, and log-proof.tlog when the certificate is in the log); the other formats
 * are single documents generated from the stored events, stamped with the verification result.
 */
export async function runCertExportCommand(options: CertExportOptions): Promise<ExitCode> {
  const { io } = options;
  const store = lazyCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const evidence = await loadEvidence({ ref: options.ref, io, store: store.get });
    const envelope = requireEnvelope({ evidence });
    if (options.format === 'test-result') {
      const document = await testResultEnvelope({ evidence, keyDir: resolve(io.cwd, options.keyDir) });
      await writeDocument({ io, document, ...(options.out === undefined ? {} : { out: options.out }) });
      return EXIT_CODES.ok;
    }
    if (options.format === 'bundle') {
      const dir = resolveUserPath({ io, file: options.out ?? `${evidence.header.run_id}.bundle` });
      await writeBundle({ dir, evidence, envelope, store });
      io.stderr.write(`wrote bundle ${displayPath({ file: resolve(io.cwd, dir), cwd: io.cwd })}\n`);
      return EXIT_CODES.ok;
    }
    const verification = await reportVerification({
      evidence,
      envelope,
      store,
      keyDir: resolve(io.cwd, options.keyDir),
    });
    const exports = await import('../evidence/exports/index.js');
    const input = {
      header: evidence.header,
      events: evidence.events,
      ...(verification ? { verification } : {}),
    };
    const document = {
      otlp: exports.toOtlpJsonLines,
      junit: exports.toJunitXml,
      sarif: exports.toSarif,
      html: exports.toHtmlReport,
    }[options.format](input);
    await writeDocument({ io, document, ...(options.out === undefined ? {} : { out: options.out }) });
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store.close();
  }
}

async function writeBundle(options: {
  dir: string;
  evidence: LoadedEvidence;
  envelope: NonNullable<LoadedEvidence['envelope']>;
  store: LazyStore;
}): Promise<void> {
  const { dir, evidence, envelope } = options;
  const { toBundleFiles } = await import('../evidence/exports/index.js');
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {
    ...toBundleFiles({ envelope, header: evidence.header, events: evidence.events }),
  };
  let tlogProof = evidence.tlogProof;
  if (tlogProof === undefined && evidence.source === 'store' && evidence.log_index !== undefined) {
    const proof = await storedInclusionProof({
      store: await options.store.get(),
      tenant: evidence.header.tenant,
      index: evidence.log_index,
    });
    if (proof) tlogProof = tlogProofText({ proof, certificateDigest: certificateDigest({ envelope }) });
  }
  if (tlogProof !== undefined) files[BUNDLE_FILES.logProof] = tlogProof;
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

/** The certificate's verification result for the report, when a trust file is there to verify with. */
async function reportVerification(options: {
  evidence: LoadedEvidence;
  envelope: NonNullable<LoadedEvidence['envelope']>;
  store: LazyStore;
  keyDir: string;
}): Promise<{ ok: boolean; message: string } | undefined> {
  const { evidence, envelope } = options;
  const trust = await readTrust({ keyDir: options.keyDir });
  if (!trust.found) return undefined;
  const { verifyCertificate } = await import('../evidence/verify-certificate.js');
  const logProof = await evidenceLogProof({
    evidence,
    store: options.store.get,
    logVerifiers: trust.logVerifiers,
  });
  const report = verifyCertificate({
    bundle: { envelope, header: evidence.header, events: evidence.events },
    keys: trust.certificate,
    ...(logProof === undefined ? {} : { logProof }),
  });
  return { ok: report.ok, message: report.message };
}

/** Writes a single-document export to `out`, or to stdout without one. */
async function writeDocument(options: { io: CliIo; document: string; out?: string }): Promise<void> {
  if (options.out === undefined) options.io.stdout.write(options.document);
  else await writeFile(resolveUserPath({ io: options.io, file: options.out }), options.document);
}

/**
 * The in-toto Test Result view of a run (enforced → passed; waived, unchecked or soft-violated →
 * warned; failed → failed) as a second statement, signed with the active certificate key.
 */
async function testResultEnvelope(options: { evidence: LoadedEvidence; keyDir: string }): Promise<string> {
  const { createCertificate } = await import('../evidence/certificate.js');
  const { loadActiveSigner } = await import('../evidence/key-store.js');
  const signer = await loadActiveSigner({ dir: options.keyDir, purpose: 'certificate' });
  const { header, events } = options.evidence;
  const certificate = await createCertificate({ result: { header, events }, signer, testResultView: true });
  return `${JSON.stringify(certificate.testResult?.envelope, null, 2)}\n`;
}

/** Registers `nanocode cert export <run-id> --format <format>` on the `cert` command. */
export function registerCertExportCommand(options: { cert: Command; context: CommandContext }): void {
  const { context } = options;
  options.cert
    .command('export')
    .description(
      'Export a run as an evidence bundle, OTLP JSON lines, JUnit XML, SARIF, an HTML report, or a signed in-toto Test Result.',
    )
    .argument('<run-id|bundle>', 'a stored run id, an exported bundle directory, or a bundle.json file')
    .addOption(
      new Option('--format <format>', 'the export format').choices(CERT_EXPORT_FORMATS).makeOptionMandatory(),
    )
    .option(
      '--out <path>',
      'the file to write (a directory for bundle; default: stdout, or ./<run_id>.bundle)',
    )
    .option('--keys <dir>', 'the key directory whose trust.json verifies the certificate', DEFAULT_KEY_DIR)
    .option('--store <url>', 'the run store (default: .nanocode/nanocode.db)')
    .action(
      async (
        ref: string,
        flags: { format: CertExportFormat; out?: string; keys: string; store?: string },
      ) => {
        context.setExitCode(
          await runCertExportCommand({
            ref,
            format: flags.format,
            keyDir: flags.keys,
            io: context.io,
            ...(flags.out === undefined ? {} : { out: flags.out }),
            ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
          }),
        );
      },
    );
}
