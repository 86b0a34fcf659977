import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { Executor } from '../executor/executor.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { collectOption } from './collect-option.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { openCliStore } from './open-cli-store.js';
import { readDotenv } from './read-dotenv.js';
import { displayPath, reportError } from './report-error.js';
import { withStopSignal } from './with-stop-signal.js';

/** Options of `nanocode serve`. */
export interface ServeCommandOptions {
  port: number;
  host: string;
  storeUrl?: string;
  keyDir: string;
  corsOrigins: string[];
  io: CliIo;
  /** Serving stops when this aborts (SIGINT or SIGTERM). */
  signal: AbortSignal;
  /** How long shutdown waits for aborted runs to be stored and certified. */
  shutdownTimeoutMs: number;
  /** `in-process` (default, or NANOCODE_EXECUTOR) or `dbos`: runs are enqueued for `nanocode worker`. */
  executor?: string;
  /** The DBOS system database (default NANOCODE_DBOS_URL, else the --store database). */
  systemDb?: string;
}

/** The paths pino blanks in every log line: keys and credentials never reach the logs. */
const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'api_key',
  '*.api_key',
  'key',
  '*.key',
];

/**
 * Serves the HTTP API and the governed endpoint in the foreground until `signal` aborts. Without API
 * keys in the store it binds to loopback only, and refuses any other host (exit 64). On shutdown it
 * stops accepting, aborts runs in progress (they end stopped and are certified), and closes the store.
 */
export async function runServeCommand(options: ServeCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const env = { ...(await readDotenv({ dir: io.cwd })), ...io.env };
  let store: Awaited<ReturnType<typeof openCliStore>> | undefined;
  let executor: Executor | undefined;
  try {
    const [{ pino }, server] = await Promise.all([import('pino'), import('../server/index.js')]);
    store = await openCliStore({
      cwd: io.cwd,
      ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
    });
    const activeKeys = (await store.listApiKeys({})).filter((key) => key.revoked_at === undefined);
    const loopback = server.isLoopbackHost({ host: options.host });
    if (activeKeys.length === 0 && !loopback) {
      throw new NanocodeError({
        code: 'NC_CLI_USAGE',
        message: `refusing to serve on ${options.host} without API keys: anyone who can reach it could run workflows`,
        hint: 'create a key with `nanocode keys api create`, or serve on 127.0.0.1',
      });
    }
    const keyDir = resolve(io.cwd, options.keyDir);
    const logger = pino(
      { redact: { paths: REDACT, censor: '[redacted]' } },
      { write: (line: string) => io.stdout.write(line) },
    );
    const runs = server.createRunRegistry();
    const settings = await import('../executor/executor-settings.js');
    const kind = settings.resolveExecutorKind({
      env,
      ...(options.executor ? { flag: options.executor } : {}),
    });
    if (kind === 'dbos') {
      const { openExecutor } = await import('../executor/open-executor.js');
      const systemDatabaseUrl = settings.resolveSystemDatabaseUrl({
        env,
        ...(options.systemDb === undefined ? {} : { flag: options.systemDb }),
        ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
      });
      executor = await openExecutor({ kind, store, keyDir, env, systemDatabaseUrl });
    }
    const context = server.createServerContext({
      store,
      projectDir: io.cwd,
      keyDir,
      env,
      logger,
      ...(executor === undefined ? {} : { executor }),
    });
    const playgroundDir = server.findPlaygroundDir({ env });
    const app = server.createApp({
      context,
      auth: activeKeys.length === 0 ? { keys: 'none', tenant: 'default' } : { keys: 'required' },
      corsOrigins: options.corsOrigins,
      runs,
      ...(playgroundDir === undefined ? {} : { playgroundDir }),
    });
    const started = await server.startServer({ app, host: options.host, port: options.port, runs });
    const where = (path: string) => `${started.url}${path}`;
    io.stdout.write(
      [
        `nanocode serving on ${started.url}`,
        playgroundDir === undefined
          ? '  playground    not built (run `npm run build` in the repository to build it)'
          : `  playground    ${where('/')}`,
        `  API           ${where('/api')}`,
        `  OpenAPI       ${where(server.OPENAPI_PATH)}`,
        `  docs          ${where(server.DOCS_PATH)}`,
        `  governed      ${where('/v1/chat/completions')} (OpenAI-compatible; model = workflow name)`,
        `  health        ${where('/healthz')} ${where('/readyz')} ${where('/metrics')}`,
        `  store         ${options.storeUrl ?? displayPath({ file: join(io.cwd, '.nanocode/nanocode.db'), cwd: io.cwd })}`,
        `  keys          ${displayPath({ file: keyDir, cwd: io.cwd })}`,
        `  executor      ${executor === undefined ? 'in-process' : 'dbos: runs are enqueued for `nanocode worker`'}`,
        activeKeys.length === 0
          ? '  auth          none: no API keys in the store, so loopback only; every request is the local admin'
          : `  auth          API keys required (${activeKeys.length} active)`,
        '',
      ].join('\n'),
    );
    if (!options.signal.aborted) {
      await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }));
    }
    io.stderr.write('shutting down: aborting runs in progress\n');
    const drained = await started.close({ timeoutMs: options.shutdownTimeoutMs });
    if (!drained) io.stderr.write('some runs did not finish storing in time\n');
    return EXIT_CODES.ok;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.stderr.write(`nanocode serve: cannot listen on ${options.host}:${options.port} (${code})\n`);
      return EXIT_CODES.error;
    }
    return reportError({ error, io });
  } finally {
    await executor?.close();
    await store?.close();
  }
}

/** The flags of `nanocode serve`, as commander parses them. */
interface ServeFlags {
  port: string;
  host: string;
  store?: string;
  keys: string;
  cors: string[];
  executor?: string;
  systemDb?: string;
}

/** Registers `nanocode serve`. It stops on SIGINT (the entry point's signal) and on SIGTERM. */
export function registerServeCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('serve')
    .description(
      'Serve the playground, the HTTP API, its OpenAPI document and the governed /v1/chat/completions endpoint.',
    )
    .option('--port <port>', 'the port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'the address to bind; anything but loopback needs API keys', '127.0.0.1')
    .option('--store <url>', 'the run store: a SQLite file path or memory: (default: .nanocode/nanocode.db)')
    .option('--keys <dir>', 'the key directory that signs certificates and checkpoints', DEFAULT_KEY_DIR)
    .option(
      '--cors <origin>',
      'an origin allowed to call the API from a browser; repeatable',
      collectOption,
      [],
    )
    .option('--executor <kind>', 'in-process, or dbos to enqueue runs for `nanocode worker`')
    .option('--system-db <url>', 'the DBOS system database (default: the --store database)')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        context.setExitCode(
          reportError({
            error: new NanocodeError({ code: 'NC_CLI_USAGE', message: `--port ${flags.port} is not a port` }),
            io: context.io,
          }),
        );
        return;
      }
      context.setExitCode(
        await withStopSignal({
          signal: context.signal,
          run: (signal) =>
            runServeCommand({
              port,
              host: flags.host,
              keyDir: flags.keys,
              corsOrigins: flags.cors,
              io: context.io,
              signal,
              shutdownTimeoutMs: 10_000,
              ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
              ...(flags.executor === undefined ? {} : { executor: flags.executor }),
              ...(flags.systemDb === undefined ? {} : { systemDb: flags.systemDb }),
            }),
        }),
      );
    });
}
