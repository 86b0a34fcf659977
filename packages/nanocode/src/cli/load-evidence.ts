import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DsseEnvelope } from '../evidence/dsse.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import type { RunStore } from '../spec/store.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';

/** The files of an exported bundle directory; `log-proof.tlog` and `workflow.yaml` are optional. */
export const BUNDLE_FILES = {
  certificate: 'certificate.json',
  events: 'events.jsonl',
  header: 'header.json',
  logProof: 'log-proof.tlog',
  workflow: 'workflow.yaml',
} as const;

/**
 * A run's evidence, from the store or from a bundle. Fields are typed as the verifier would like them, but
 * a bundle is untrusted input: nothing here is checked until `verifyCertificate` runs.
 */
export interface LoadedEvidence {
  source: 'store' | 'bundle-dir' | 'bundle-file';
  /** The path the bundle was read from, or the run id. */
  ref: string;
  header: RunHeader;
  events: RunEvent[];
  envelope: DsseEnvelope | undefined;
  /** The certificate's index in the tenant's log (stored runs). */
  log_index?: number;
  /** A C2SP tlog-proof that travels with a bundle. */
  tlogProof?: string;
  /** The bundle directory's `workflow.yaml`, when present. */
  workflowFile?: string;
}

/**
 * Loads evidence from `ref`: an exported bundle directory, a `bundle.json` file (the certificate bundle
 * JSON), or else a run id looked up in the store. Throws `NC_CLI_NOT_FOUND` or `NC_CLI_BUNDLE`.
 */
export async function loadEvidence(options: {
  ref: string;
  io: CliIo;
  /** Opened only when `ref` is not a path; the caller closes it. */
  store: () => Promise<RunStore>;
}): Promise<LoadedEvidence> {
  const path = resolveUserPath({ io: options.io, file: options.ref });
  const kind = await stat(path).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    () => undefined,
  );
  if (kind === 'dir') return loadBundleDir({ dir: path, ref: options.ref });
  if (kind === 'file') return loadBundleFile({ file: path, ref: options.ref });
  const run = await (await options.store()).getRun({ run_id: options.ref });
  if (run === undefined) {
    throw new NanocodeError({
      code: 'NC_CLI_NOT_FOUND',
      message: `No stored run has id ${options.ref}, and there is no file or directory of that name.`,
      hint: 'use the store the run was written to (--store)',
    });
  }
  return {
    source: 'store',
    ref: options.ref,
    header: run.header,
    events: run.events,
    envelope: run.certificate as DsseEnvelope | undefined,
    ...(run.log_index === undefined ? {} : { log_index: run.log_index }),
  };
}

async function loadBundleDir(options: { dir: string; ref: string }): Promise<LoadedEvidence> {
  const { dir, ref } = options;
  const envelope = parseJson(await readText(join(dir, BUNDLE_FILES.certificate)), BUNDLE_FILES.certificate);
  const header = parseJson(await readText(join(dir, BUNDLE_FILES.header)), BUNDLE_FILES.header);
  const lines = (await readText(join(dir, BUNDLE_FILES.events))).split('\n').filter((l) => l.trim() !== '');
  const events = lines.map((line, i) => parseJson(line, `${BUNDLE_FILES.events} line ${i + 1}`));
  const tlogProof = await readFile(join(dir, BUNDLE_FILES.logProof), 'utf8').catch(() => undefined);
  const workflowFile = join(dir, BUNDLE_FILES.workflow);
  const hasWorkflow = await stat(workflowFile).then(
    (s) => s.isFile(),
    () => false,
  );
  return {
    source: 'bundle-dir',
    ref,
    header: header as RunHeader,
    events: events as RunEvent[],
    envelope: envelope as DsseEnvelope,
    ...(tlogProof === undefined ? {} : { tlogProof }),
    ...(hasWorkflow ? { workflowFile } : {}),
  };
}

async function loadBundleFile(options: { file: string; ref: string }): Promise<LoadedEvidence> {
  const bundle = parseJson(await readText(options.file), options.ref) as Record<string, unknown>;
  if (typeof bundle !== 'object' || bundle === null) throw bundleError(`${options.ref} is not a JSON object`);
  return {
    source: 'bundle-file',
    ref: options.ref,
    header: bundle.header as RunHeader,
    events: (Array.isArray(bundle.events) ? bundle.events : []) as RunEvent[],
    envelope: bundle.envelope as DsseEnvelope,
    ...(typeof bundle.log_proof === 'string' ? { tlogProof: bundle.log_proof } : {}),
  };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw bundleError(`Cannot read ${file}.`, cause);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw bundleError(`${what} is not JSON.`, cause);
  }
}

function bundleError(message: string, cause?: unknown): NanocodeError {
  return new NanocodeError({ code: 'NC_CLI_BUNDLE', message, ...(cause === undefined ? {} : { cause }) });
}
