import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAdaptersCommand } from './command-adapters-check.js';
import { registerCertCommand } from './command-cert.js';
import { registerConfigShowCommand } from './command-config-show.js';
import { registerConfigureCommand } from './command-configure.js';
import type { CommandContext } from './command-context.js';
import { registerEvalCommand } from './command-eval.js';
import { registerFakeProviderCommand } from './command-fake-provider.js';
import { registerInitCommand } from './command-init.js';
import { registerKeysCommand } from './command-keys.js';
import { registerLogCommand } from './command-log.js';
import { registerReplayCommand } from './command-replay.js';
import { registerRunCommand } from './command-run.js';
import { registerRunsCommand } from './command-runs.js';
import { registerServeCommand } from './command-serve.js';
import { registerValidateCommand } from './command-validate.js';
import { registerWorkerCommand } from './command-worker.js';

/** The package version, read from package.json (two levels up from both src/cli and dist/cli). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Builds the `nanocode` command tree. Commander never exits the process (exitOverride) and writes only
 * to the given io; usage errors print as `NC_CLI_USAGE ...` followed by the command's help.
 */
export function createProgram(options: { context: CommandContext }): Command {
  const { io } = options.context;
  const program = new Command('nanocode')
    .description('LLM workflows with declared constraints, bounded recovery and signed run certificates.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'NC_CLI_USAGE ')),
    });
  registerInitCommand({ program, context: options.context });
  registerValidateCommand({ program, context: options.context });
  registerConfigShowCommand({ program, context: options.context });
  registerConfigureCommand({ program, context: options.context });
  registerRunCommand({ program, context: options.context });
  registerReplayCommand({ program, context: options.context });
  registerEvalCommand({ program, context: options.context });
  registerCertCommand({ program, context: options.context });
  registerKeysCommand({ program, context: options.context });
  registerLogCommand({ program, context: options.context });
  registerAdaptersCommand({ program, context: options.context });
  registerFakeProviderCommand({ program, context: options.context });
  registerServeCommand({ program, context: options.context });
  registerWorkerCommand({ program, context: options.context });
  registerRunsCommand({ program, context: options.context });
  return program;
}
