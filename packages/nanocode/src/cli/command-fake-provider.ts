import type { Command } from 'commander';
import { NanocodeError } from '../spec/errors.js';
import { startFakeProvider } from '../testing/fake-provider/start-fake-provider.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { reportError } from './report-error.js';
import { withStopSignal } from './with-stop-signal.js';

/** Options of `nanocode fake-provider`. */
export interface FakeProviderCommandOptions {
  /** The port as typed; `0` picks a free one. */
  port: string;
  /** The text every request is answered with; the fake's default reply when absent. */
  reply?: string;
  /** Log one line per request on stderr. */
  log: boolean;
  io: CliIo;
  /** Serving stops when this aborts (SIGINT or SIGTERM in the terminal). */
  signal: AbortSignal;
}

/**
 * Serves the fake provider in the foreground until `signal` aborts, then closes it and exits 0.
 * It is for tests and demos, calls no model, and says so in its first line.
 */
export async function runFakeProviderCommand(options: FakeProviderCommandOptions): Promise<ExitCode> {
  const { io } = options;
  try {
    const port = Number(options.port);
    if (!/^\d+$/.test(options.port) || port > 65535) {
      throw new NanocodeError({
        code: 'NC_CLI_USAGE',
        message: `--port must be a port number (0-65535), not ${options.port}`,
      });
    }
    const fake = await startFakeProvider({
      port,
      log: options.log,
      logTo: (line) => io.stderr.write(`${line}\n`),
      ...(options.reply === undefined ? {} : { defaultReply: options.reply }),
    });
    io.stdout.write(`fake provider (for tests and demos; no model) listening on ${fake.url}\n`);
    if (!options.signal.aborted) {
      await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }));
    }
    await fake.close();
    return EXIT_CODES.ok;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr.write(`fake provider: cannot listen on 127.0.0.1:${options.port} (${code})\n`);
      return EXIT_CODES.error;
    }
    return reportError({ error, io });
  }
}

/**
 * Registers `nanocode fake-provider`. It stops on SIGINT (the entry point's signal) and on SIGTERM,
 * which it listens for only while it serves.
 */
export function registerFakeProviderCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('fake-provider')
    .description(
      'Serve a fake OpenAI/Anthropic/custom model API on 127.0.0.1, for tests and demos (no model).',
    )
    .option('--port <port>', 'the port to listen on (0 picks a free one)', '8787')
    .option('--reply <text>', 'the text every request is answered with')
    .option('--log', 'print one line per request on stderr', false)
    .action(async (flags: { port: string; reply?: string; log: boolean }) => {
      context.setExitCode(
        await withStopSignal({
          signal: context.signal,
          run: (signal) =>
            runFakeProviderCommand({
              port: flags.port,
              log: flags.log,
              io: context.io,
              signal,
              ...(flags.reply === undefined ? {} : { reply: flags.reply }),
            }),
        }),
      );
    });
}
