import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { formatError } from './report-error.js';

/** Options of `nanocode validate`. */
export interface ValidateCommandOptions {
  files: string[];
  json: boolean;
  io: CliIo;
}

/**
 * Validates workflow and profile files without running anything. Each problem prints as
 * `file:line:col CODE message (hint)` on stderr; exit 0 when all are valid, 65 otherwise.
 */
export async function runValidateCommand(options: ValidateCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const files = options.files.map((file) => resolveUserPath({ io, file }));
  const { validateFiles } = await import('../config/index.js');
  const result = await validateFiles({ files, env: io.env });
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ ok: result.ok, files: options.files, errors: result.errors.map((e) => e.toJSON()) }, null, 2)}\n`,
    );
  } else {
    for (const error of result.errors) io.stderr.write(`${formatError({ error, cwd: io.cwd })}\n`);
    if (result.ok) {
      io.stdout.write(`✓ ${files.length} file${files.length === 1 ? '' : 's'} valid\n`);
    } else {
      io.stderr.write(`✗ ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} found\n`);
    }
  }
  return result.ok ? EXIT_CODES.ok : EXIT_CODES.dataError;
}

/** Registers `nanocode validate <files...>` on the program. */
export function registerValidateCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('validate')
    .description('Check workflow and profile files; print every problem with its file:line:column.')
    .argument('<files...>', 'workflow or profile files (YAML or JSON)')
    .option('--json', 'print { ok, files, errors } as JSON', false)
    .action(async (files: string[], flags: { json: boolean }) => {
      context.setExitCode(await runValidateCommand({ files, json: flags.json, io: context.io }));
    });
}
