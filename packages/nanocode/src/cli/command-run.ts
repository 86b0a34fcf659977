import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ExecutedRun } from '../compose/execute-run.js';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { RunEvent } from '../spec/events.js';
import type { RunStore } from '../spec/store.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath, useColor } from './cli-io.js';
import { announceKey } from './cli-log.js';
import { collectOption } from './collect-option.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode, exitCodeForOutcome } from './exit-codes.js';
import { openCliStore } from './open-cli-store.js';
import { parseInputs } from './parse-inputs.js';
import { readDotenv } from './read-dotenv.js';
import { errorToJson, reportError } from './report-error.js';
import { createTimelinePrinter, formatResult } from './timeline-printer.js';

/** Options of `nanocode run`. */
export interface RunCommandOptions {
  workflowFile: string;
  profile?: string;
  /** `--input key=value` flags, in order. */
  inputs: string[];
  inputFile?: string;
  json: boolean;
  io: CliIo;
  signal?: AbortSignal;
  /** Store the run and certify it (sign, append to the log). `--no-store` turns it off. */
  certify: boolean;
  /** The store URL (`--store`); the SQLite file under `.nanocode/` when absent. */
  storeUrl?: string;
  /** The key directory (`--keys`), relative to the working directory. */
  keyDir: string;
}

function writeJson(options: { io: CliIo; document: Record<string, unknown> }): void {
  options.io.stdout.write(`${JSON.stringify(options.document, null, 2)}\n`);
}

/**
 * Runs a workflow: loads and resolves the config, runs it with a live timeline (or one JSON document
 * with `--json`) and returns the exit code that tells the outcome. Failures before the run starts
 * (bad flags, bad config) are reported on stderr; with `--json` stdout still gets a parseable document.
 */
export async function runRunCommand(options: RunCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const failEarly = (error: unknown): ExitCode => {
    const code = reportError({ error, io });
    if (options.json) {
      writeJson({
        io,
        document: { run_id: null, outcome: 'error', output: null, events: [], error: errorToJson({ error }) },
      });
    }
    return code;
  };
  let inputs: Record<string, unknown>;
  let config: ResolvedConfig;
  let env: Record<string, string | undefined> = io.env;
  try {
    // Loaded on use: `--help` and usage errors stay fast and never depend on the engine loading.
    const { loadConfig } = await import('../config/index.js');
    inputs = await parseInputs({
      pairs: options.inputs,
      cwd: io.cwd,
      ...(options.inputFile === undefined ? {} : { file: options.inputFile }),
    });
    // The project's `.env` fills variables the environment does not set (as `nanocode serve` does).
    env = { ...(await readDotenv({ dir: io.cwd })), ...io.env };
    config = await loadConfig({
      workflowFile: resolveUserPath({ io, file: options.workflowFile }),
      env,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
  } catch (error) {
    return failEarly(error);
  }

  const printer = createTimelinePrinter({ color: useColor(io) });
  const onEvent = (event: RunEvent): void => {
    if (options.json) return;
    for (const line of printer.format(event)) io.stdout.write(`${line}\n`);
  };
  const keyDir = resolve(io.cwd, options.keyDir);
  let store: RunStore | undefined;
  let executed: ExecutedRun;
  try {
    if (options.certify) {
      store = await openCliStore({
        cwd: io.cwd,
        ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
      });
    }
    const { executeRun } = await import('../compose/execute-run.js');
    executed = await executeRun({
      config,
      inputs,
      env,
      onEvent,
      onKeyCreated: (key) => announceKey({ io, ...key, dir: keyDir }),
      ...(store === undefined ? {} : { evidence: { store, keyDir } }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    // The runner reports failures as an `error` outcome; a throw here is a bug, a programmer error, or
    // a store or key directory that cannot be opened.
    await store?.close();
    return failEarly(error);
  }
  await store?.close();
  const { result, certification } = executed;
  const certifyFailed = executed.certifyError !== undefined;
  if (certifyFailed) reportError({ error: executed.certifyError, io });
  if (options.json) {
    writeJson({
      io,
      document: {
        run_id: result.run_id,
        outcome: result.outcome,
        output: result.output ?? null,
        events: result.events,
        ...(result.error ? { error: result.error } : {}),
        certificate: certification
          ? { keyid: certification.keyid, log_index: certification.log_index }
          : null,
      },
    });
  } else {
    if (certification) {
      io.stdout.write(`certificate: ${result.run_id} (verify: nanocode cert verify ${result.run_id})\n`);
    }
    if (result.output !== undefined) io.stdout.write(`\n${formatResult({ output: result.output })}\n`);
  }
  // A run that could not be stored or certified did not keep its promise of evidence: that is an error.
  if (certifyFailed) return EXIT_CODES.error;
  return result.error
    ? exitCodeForOutcome({ outcome: result.outcome, error: result.error })
    : exitCodeForOutcome({ outcome: result.outcome });
}

/** Registers `nanocode run <workflow>` on the program. */
export function registerRunCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('run')
    .description('Run a workflow and print its timeline and result.')
    .argument('<workflow>', 'workflow file (YAML or JSON)')
    .option(
      '--input <key=value>',
      'a run input; repeatable; JSON objects, arrays, numbers and booleans are parsed',
      collectOption,
      [],
    )
    .option('--input-file <file>', 'run inputs as a JSON or YAML object; --input values override it')
    .option('--profile <name>', 'the profile to run under')
    .option(
      '--json',
      'print one JSON document { run_id, outcome, output, events, error?, certificate } and nothing else',
      false,
    )
    .option('--store <url>', 'the run store: a SQLite file path or memory: (default: .nanocode/nanocode.db)')
    .option('--no-store', 'do not store the run, and so issue no certificate')
    .option('--keys <dir>', 'the key directory that signs certificates and checkpoints', DEFAULT_KEY_DIR)
    .action(
      async (
        workflowFile: string,
        flags: {
          input: string[];
          inputFile?: string;
          profile?: string;
          json: boolean;
          store: string | boolean;
          keys: string;
        },
      ) => {
        context.setExitCode(
          await runRunCommand({
            workflowFile,
            inputs: flags.input,
            json: flags.json,
            io: context.io,
            certify: flags.store !== false,
            keyDir: flags.keys,
            ...(typeof flags.store === 'string' ? { storeUrl: flags.store } : {}),
            ...(flags.inputFile === undefined ? {} : { inputFile: flags.inputFile }),
            ...(flags.profile === undefined ? {} : { profile: flags.profile }),
            ...(context.signal === undefined ? {} : { signal: context.signal }),
          }),
        );
      },
    );
}
