import type { Command } from 'commander';
import { createReplayAdapters } from '../adapters/replay/create-replay-adapters.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunEvent } from '../spec/events.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { compareRuns } from './compare-runs.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { type LoadedEvidence, loadEvidence } from './load-evidence.js';
import { lazyCliStore } from './open-cli-store.js';
import { parseInputs } from './parse-inputs.js';
import { reportError } from './report-error.js';

/** Options of `nanocode replay`. */
export interface ReplayOptions {
  ref: string;
  /** The workflow file; required unless the bundle directory holds `workflow.yaml`. */
  workflowFile?: string;
  /** The profile; the recorded run's profile name when absent. */
  profile?: string;
  /** Inputs to use instead of the recorded ones (needed when they were redacted). */
  inputFile?: string;
  storeUrl?: string;
  json: boolean;
  io: CliIo;
}

/**
 * Re-executes a recorded run with its recorded model responses (nothing is called) and compares every
 * verdict, ladder move and the certificate predicate with the recording. Exits 0 when it reproduces,
 * 1 with the differences when it does not.
 */
export async function runReplayCommand(options: ReplayOptions): Promise<ExitCode> {
  const { io } = options;
  const store = lazyCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const recorded = await loadEvidence({ ref: options.ref, io, store: store.get });
    const workflowFile = options.workflowFile ?? recorded.workflowFile;
    if (workflowFile === undefined) {
      throw replayError(
        'The run records its workflow by digest only; pass the workflow file.',
        '--workflow <file>',
      );
    }
    const { loadConfig } = await import('../config/index.js');
    const config = await loadConfig({
      workflowFile:
        options.workflowFile === undefined ? workflowFile : resolveUserPath({ io, file: workflowFile }),
      env: io.env,
      profile: options.profile ?? recorded.header.profile.name,
    });
    const inputs =
      options.inputFile === undefined
        ? recordedInputs({ recorded })
        : await parseInputs({ pairs: [], cwd: io.cwd, file: options.inputFile });
    const { runWorkflow } = await import('../runner/index.js');
    const replayed = await runWorkflow({
      config,
      inputs,
      adapters: createReplayAdapters({ events: recorded.events }),
    });
    const comparison = compareRuns({ recorded, replayed });
    const reproduced = comparison.differences.length === 0;
    if (options.json) {
      const document = {
        reproduced,
        recorded: { run_id: recorded.header.run_id, outcome: outcomeOf(recorded.events) },
        replayed: { run_id: replayed.run_id, outcome: replayed.outcome },
        ...comparison,
      };
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else if (reproduced) {
      io.stdout.write(
        `reproduced: ${comparison.verdicts} verdicts, ${comparison.moves} ladder moves and the predicate match (outcome ${replayed.outcome}; timestamps, run id and time aside)\n`,
      );
    } else {
      io.stdout.write(`not reproduced: ${comparison.differences.length} differences\n`);
      for (const line of comparison.differences) io.stdout.write(`  ${line}\n`);
    }
    return reproduced ? EXIT_CODES.ok : EXIT_CODES.error;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store.close();
  }
}

/** The inputs `run.started` recorded; redacted ones are commitments and cannot be replayed. */
function recordedInputs(options: { recorded: LoadedEvidence }): Record<string, unknown> {
  const started = options.recorded.events[0] as RunEvent<'run.started'> | undefined;
  const inputs = started?.type === 'run.started' ? started.data.inputs : undefined;
  if (typeof inputs !== 'object' || inputs === null || JSON.stringify(inputs).includes('"$commitment"')) {
    throw replayError(
      'The recorded inputs are redacted (or absent); pass them again.',
      '--input-file <file>',
    );
  }
  return inputs as Record<string, unknown>;
}

function outcomeOf(events: readonly RunEvent[]): string | undefined {
  const last = events.at(-1) as RunEvent<'run.completed'> | undefined;
  return last?.type === 'run.completed' ? last.data.outcome : undefined;
}

function replayError(message: string, flag: string): NanocodeError {
  return new NanocodeError({ code: 'NC_CLI_REPLAY', message, hint: `use ${flag}` });
}

/** Registers `nanocode replay <run-id|bundle>` on the program. */
export function registerReplayCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('replay')
    .description('Re-run a recorded run with its recorded responses and check it reproduces.')
    .argument('<run-id|bundle>', 'a stored run id, an exported bundle directory, or a bundle.json file')
    .option(
      '--workflow <file>',
      "the run's workflow file (required unless the bundle directory has workflow.yaml)",
    )
    .option('--profile <name>', "the profile (default: the recorded run's profile)")
    .option('--input-file <file>', 'inputs to replay with, when the recorded ones were redacted')
    .option('--store <url>', 'the run store (default: .nanocode/nanocode.db)')
    .option('--json', 'print { reproduced, recorded, replayed, verdicts, moves, differences }', false)
    .action(
      async (
        ref: string,
        flags: { workflow?: string; profile?: string; inputFile?: string; store?: string; json: boolean },
      ) => {
        context.setExitCode(
          await runReplayCommand({
            ref,
            json: flags.json,
            io: context.io,
            ...(flags.workflow === undefined ? {} : { workflowFile: flags.workflow }),
            ...(flags.profile === undefined ? {} : { profile: flags.profile }),
            ...(flags.inputFile === undefined ? {} : { inputFile: flags.inputFile }),
            ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
          }),
        );
      },
    );
}
