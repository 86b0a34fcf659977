import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { createProgram } from './create-program.js';
import { EXIT_CODES } from './exit-codes.js';
import { reportError } from './report-error.js';

/**
 * Runs the `nanocode` CLI on `argv` (without the node and script paths) and resolves to the exit
 * code. It never throws and never exits the process, so it can be embedded and tested.
 */
export async function runCli(options: { argv: string[]; io: CliIo; signal?: AbortSignal }): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const program = createProgram({
    context: {
      io: options.io,
      setExitCode: (code) => {
        exitCode = code;
      },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  });
  try {
    await program.parseAsync(options.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "exit" with 0; a missing command, an unknown flag or argument is a usage error.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    return reportError({ error, io: options.io });
  }
}

/** The process entry: real streams, SIGINT cancels a run, and the exit code becomes the process's. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('cancelled by SIGINT')));
  // `nanocode run ... | head` closes stdout early; that is the reader's choice, not a crash to report.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT_CODES.ok);
  });
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    signal: controller.signal,
    io: {
      stdout: { write: (text) => process.stdout.write(text) },
      stderr: { write: (text) => process.stderr.write(text) },
      stdoutIsTty: process.stdout.isTTY === true,
      env: process.env,
      cwd: process.cwd(),
    },
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
