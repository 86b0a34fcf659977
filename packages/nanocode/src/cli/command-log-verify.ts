import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { certificateDigest } from '../evidence/certificate.js';
import {
  parseTlogProof,
  TLOG_PROOF_HEADER,
  verifyLogConsistency,
  verifyTlogProof,
} from '../evidence/tlog-index.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import { LOG_ORIGIN, logOriginFor, readTrust } from './cli-log.js';
import { requireEnvelope } from './command-cert-verify.js';
import { parseConsistencyProofFile } from './consistency-proof-file.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { loadEvidence } from './load-evidence.js';
import { lazyCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';

/** Options of `nanocode log verify`. */
export interface LogVerifyOptions {
  proofFile: string;
  /** The run (or bundle) whose certificate an inclusion proof must cover; else the proof's `extra`. */
  certificate?: string;
  /** Pins the tenant's tree; else any tree of this log (the checkpoint's own origin). */
  tenant?: string;
  keyDir: string;
  storeUrl?: string;
  json: boolean;
  io: CliIo;
}

/**
 * Checks an inclusion proof (c2sp.org/tlog-proof@v1) or a consistency proof file offline, against the
 * signed checkpoints in it and the log keys of the trust file. Exits 0 when it holds, 1 when not.
 */
export async function runLogVerifyCommand(options: LogVerifyOptions): Promise<ExitCode> {
  const { io } = options;
  const store = lazyCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const text = await readFile(resolveUserPath({ io, file: options.proofFile }), 'utf8').catch(
      (cause: unknown) => {
        throw new NanocodeError({
          code: 'NC_CLI_BUNDLE',
          message: `Cannot read ${options.proofFile}.`,
          cause,
        });
      },
    );
    const { logVerifiers: verifiers } = await readTrust({ keyDir: resolve(io.cwd, options.keyDir) });
    if (verifiers.length === 0) io.stderr.write('no trusted log keys in the trust file (--keys <dir>)\n');
    let result: { kind: string; ok: boolean; message: string };
    if (text.startsWith(`${TLOG_PROOF_HEADER}\n`)) {
      const parsed = parseTlogProof(text);
      const origin = expectedOrigin({
        tenant: options.tenant,
        note: parsed.ok ? parsed.proof.checkpoint : '',
      });
      let digest = parsed.ok ? parsed.proof.extra : undefined;
      if (options.certificate !== undefined) {
        const evidence = await loadEvidence({ ref: options.certificate, io, store: store.get });
        digest = certificateDigest({ envelope: requireEnvelope({ evidence }) });
      }
      if (digest === undefined)
        throw new NanocodeError({
          code: 'NC_CLI_BUNDLE',
          message: 'The proof names no certificate digest; pass --certificate.',
        });
      const check = verifyTlogProof({ tlogProof: text, certificateDigest: digest, verifiers, origin });
      const hex = Buffer.from(digest).toString('hex');
      const where = parsed.ok ? `leaf ${parsed.proof.index} of ${origin}` : origin;
      result = {
        kind: 'inclusion',
        ok: check.ok,
        message: check.ok ? `certificate sha256:${hex} is ${where} (signed checkpoint)` : check.reason,
      };
    } else {
      const file = parseConsistencyProofFile({ text, file: options.proofFile });
      const origin = expectedOrigin({ tenant: options.tenant, note: file.newer });
      const proof = file.proof.map((hash) => new Uint8Array(Buffer.from(hash, 'base64')));
      const check = verifyLogConsistency({ older: file.older, newer: file.newer, verifiers, origin, proof });
      const sizes = `${file.older.split('\n')[1]} → ${file.newer.split('\n')[1]}`;
      result = {
        kind: 'consistency',
        ok: check.ok,
        message: check.ok ? `tree ${sizes} of ${origin} only grew (signed checkpoints)` : check.reason,
      };
    }
    if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else
      io.stdout.write(
        `${result.ok ? '✓' : '✗'} ${result.kind}: ${result.message}\n${result.ok ? 'valid' : 'invalid'}\n`,
      );
    return result.ok ? EXIT_CODES.ok : EXIT_CODES.error;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store.close();
  }
}

/** The origin to accept: the pinned tenant's, else the checkpoint's own when it is a tree of this log. */
function expectedOrigin(options: { tenant: string | undefined; note: string }): string {
  if (options.tenant !== undefined) return logOriginFor({ tenant: options.tenant });
  const origin = options.note.split('\n')[0] ?? '';
  return origin.startsWith(`${LOG_ORIGIN}/`) ? origin : logOriginFor({ tenant: 'default' });
}
