import type { Command } from 'commander';
import type { ResolvedConfig } from '../spec/workflow.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { displayPath, reportError } from './report-error.js';

/** Options of `nanocode config show`. */
export interface ConfigShowCommandOptions {
  workflowFile: string;
  profile?: string;
  /** Print the whole resolved configuration, every default included, instead of a summary. */
  resolved: boolean;
  json: boolean;
  io: CliIo;
}

/**
 * Shows what would run. The summary names the workflow, profile, digests and source files;
 * `--resolved` prints the whole resolved configuration (YAML, or JSON with `--json`), every default included.
 */
export async function runConfigShowCommand(options: ConfigShowCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const { loadConfig, resolvedConfigToYaml } = await import('../config/index.js');
  let config: ResolvedConfig;
  try {
    config = await loadConfig({
      workflowFile: resolveUserPath({ io, file: options.workflowFile }),
      env: io.env,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
  } catch (error) {
    return reportError({ error, io });
  }
  const summary = {
    workflow: {
      name: config.workflow.name,
      version: config.workflow.version,
      digest: config.workflow_digest,
    },
    profile: { name: config.profile.name, digest: config.profile_digest },
    digest: config.digest,
    sources: config.sources.map((file) => displayPath({ file, cwd: io.cwd })),
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify(options.resolved ? config : summary, null, 2)}\n`);
  } else if (options.resolved) {
    io.stdout.write(resolvedConfigToYaml(config));
  } else {
    io.stdout.write(
      [
        `workflow ${summary.workflow.name} v${summary.workflow.version}  ${summary.workflow.digest}`,
        `profile  ${summary.profile.name}  ${summary.profile.digest}`,
        `config   ${summary.digest}`,
        `sources  ${summary.sources.join(', ')}`,
        '',
      ].join('\n'),
    );
  }
  return EXIT_CODES.ok;
}

/** Registers `nanocode config show <workflow>` on the program. */
export function registerConfigShowCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  const config = options.program.command('config').description('Inspect configuration.');
  config
    .command('show')
    .description('Show what a workflow resolves to under a profile.')
    .argument('<workflow>', 'workflow file (YAML or JSON)')
    .option('--profile <name>', 'the profile to resolve with')
    .option('--resolved', 'print the whole resolved configuration, every default included', false)
    .option('--json', 'print JSON instead of text', false)
    .action(async (workflowFile: string, flags: { profile?: string; resolved: boolean; json: boolean }) => {
      context.setExitCode(
        await runConfigShowCommand({
          workflowFile,
          resolved: flags.resolved,
          json: flags.json,
          io: context.io,
          ...(flags.profile === undefined ? {} : { profile: flags.profile }),
        }),
      );
    });
}
