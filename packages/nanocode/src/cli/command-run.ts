import type { Command } from 'commander';
import type { RunEvent } from '../spec/events.js';
import type { RunResult } from '../spec/run.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath, useColor } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { type ExitCode, exitCodeForOutcome } from './exit-codes.js';
import { parseInputs } from './parse-inputs.js';
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
  try {
    // Loaded on use: `--help` and usage errors stay fast and never depend on the engine loading.
    const { loadConfig } = await import('../config/index.js');
    inputs = await parseInputs({
      pairs: options.inputs,
      cwd: io.cwd,
      ...(options.inputFile === undefined ? {} : { file: options.inputFile }),
    });
    config = await loadConfig({
      workflowFile: resolveUserPath({ io, file: options.workflowFile }),
      env: io.env,
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
  let result: RunResult;
  try {
    const { runWorkflow } = await import('../runner/index.js');
    const { createAdapterResolver } = await import('../adapters/resolve-adapters.js');
    result = await runWorkflow({
      config,
      inputs,
      adapters: createAdapterResolver({ config, env: io.env }),
      onEvent,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    // The runner reports failures as an `error` outcome; a throw here is a bug or a programmer error.
    return failEarly(error);
  }

  if (options.json) {
    writeJson({
      io,
      document: {
        run_id: result.run_id,
        outcome: result.outcome,
        output: result.output ?? null,
        events: result.events,
        ...(result.error ? { error: result.error } : {}),
      },
    });
  } else if (result.output !== undefined) {
    io.stdout.write(`\n${formatResult({ output: result.output })}\n`);
  }
  return result.error
    ? exitCodeForOutcome({ outcome: result.outcome, error: result.error })
    : exitCodeForOutcome({ outcome: result.outcome });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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
      collect,
      [],
    )
    .option('--input-file <file>', 'run inputs as a JSON or YAML object; --input values override it')
    .option('--profile <name>', 'the profile to run under')
    .option(
      '--json',
      'print one JSON document { run_id, outcome, output, events, error? } and nothing else',
      false,
    )
    .action(
      async (
        workflowFile: string,
        flags: { input: string[]; inputFile?: string; profile?: string; json: boolean },
      ) => {
        context.setExitCode(
          await runRunCommand({
            workflowFile,
            inputs: flags.input,
            json: flags.json,
            io: context.io,
            ...(flags.inputFile === undefined ? {} : { inputFile: flags.inputFile }),
            ...(flags.profile === undefined ? {} : { profile: flags.profile }),
            ...(context.signal === undefined ? {} : { signal: context.signal }),
          }),
        );
      },
    );
}
