import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { reportError } from './report-error.js';
import { scaffoldFiles } from './scaffold-files.js';

/** Options of `nanocode init`. */
export interface InitCommandOptions {
  /** Project directory, relative to the io's cwd. */
  dir: string;
  /** Overwrite files that already exist. */
  force: boolean;
  io: CliIo;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Scaffolds a project: a workflow, two profiles, `.env.example` and a README. Refuses, before writing
 * anything, when one of the files exists, unless `force` is set.
 */
export async function runInitCommand(options: InitCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const root = resolve(io.cwd, options.dir);
  const files = scaffoldFiles();
  try {
    if (!options.force) {
      const taken: string[] = [];
      for (const file of files)
        if (await exists(join(root, file.path))) taken.push(join(options.dir, file.path));
      if (taken.length > 0) {
        throw new NanocodeError({
          code: 'NC_CLI_FILE_EXISTS',
          message: `refusing to overwrite ${taken.join(', ')}`,
          hint: 'add --force to overwrite',
        });
      }
    }
    for (const file of files) {
      await mkdir(dirname(join(root, file.path)), { recursive: true });
      await writeFile(join(root, file.path), file.text);
      io.stdout.write(`created ${join(options.dir, file.path)}\n`);
    }
  } catch (error) {
    return reportError({ error, io });
  }
  const cd = options.dir === '.' ? '' : `cd ${options.dir} && `;
  io.stdout.write(`\nnext: ${cd}nanocode run workflows/hello.yaml --profile dev --input name=Ada\n`);
  return EXIT_CODES.ok;
}

/** Registers `nanocode init [dir]` on the program. */
export function registerInitCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('init')
    .description('Scaffold a project: a workflow, dev and prod profiles, .env.example and a README.')
    .argument('[dir]', 'project directory', '.')
    .option('--force', 'overwrite existing files', false)
    .action(async (dir: string, flags: { force: boolean }) => {
      context.setExitCode(await runInitCommand({ dir, force: flags.force, io: context.io }));
    });
}
