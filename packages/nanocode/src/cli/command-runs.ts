import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { Executor, ExecutorRun, ExecutorRunStatus } from '../executor/executor.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { formatTable } from './format-predicate.js';
import { openCliStore } from './open-cli-store.js';
import { readDotenv } from './read-dotenv.js';
import { reportError } from './report-error.js';

/** The statuses `nanocode runs --status` takes. */
export const RUN_STATUSES: readonly ExecutorRunStatus[] = [
  'queued',
  'running',
  'finished',
  'failed',
  'cancelled',
];

/** Where `nanocode runs` finds the runs: the executor, and the store it writes to. */
export interface RunsSource {
  executor?: string;
  storeUrl?: string;
  systemDb?: string;
  io: CliIo;
}

/** Options of `nanocode runs` (the listing). */
export interface RunsListOptions extends RunsSource {
  status?: ExecutorRunStatus;
  limit: string;
  json: boolean;
}

/**
 * Lists runs, newest first: with `--executor dbos`, as the engine sees them (queued, running on which
 * worker, finished, failed, cancelled); in-process, the store's finished runs (a run in progress lives
 * only in the process that runs it).
 */
export async function runRunsList(options: RunsListOptions): Promise<ExitCode> {
  const { io } = options;
  try {
    const limit = Number(options.limit);
    if (!/^\d+$/.test(options.limit) || limit < 1 || limit > 1000) {
      throw new NanocodeError({
        code: 'NC_CLI_USAGE',
        message: `--limit must be 1 to 1000, not ${options.limit}`,
      });
    }
    const rows = await withExecutor({
      ...options,
      use: (executor) =>
        executor.list({ limit, ...(options.status === undefined ? {} : { status: options.status }) }),
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ runs: rows }, null, 2)}\n`);
    } else if (rows.length === 0) {
      io.stdout.write('no runs\n');
    } else {
      io.stdout.write(`${table(rows).join('\n')}\n`);
    }
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}

/** Asks a run to stop (`nanocode runs cancel <id>`): it ends stopped and certified. */
export async function runRunsCancel(
  options: RunsSource & { run_id: string; json: boolean },
): Promise<ExitCode> {
  const { io } = options;
  try {
    const result = await withExecutor({
      ...options,
      use: (executor) => executor.cancel({ run_id: options.run_id }),
    });
    if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.status === 'cancelling') io.stdout.write(`cancelling run ${result.run_id}\n`);
    else
      io.stdout.write(
        `run ${result.run_id} already finished${result.outcome ? ` (${result.outcome})` : ''}\n`,
      );
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof NanocodeError && error.code === 'NC_EXEC_NOT_FOUND') {
      io.stderr.write(`${error.format()}\n`);
      return EXIT_CODES.error;
    }
    return reportError({ error, io });
  }
}

async function withExecutor<T>(
  options: RunsSource & { use: (executor: Executor) => Promise<T> },
): Promise<T> {
  const { io } = options;
  const env = { ...(await readDotenv({ dir: io.cwd })), ...io.env };
  const settings = await import('../executor/executor-settings.js');
  const kind = settings.resolveExecutorKind({
    env,
    ...(options.executor === undefined ? {} : { flag: options.executor }),
  });
  const store = await openCliStore({
    cwd: io.cwd,
    ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
  });
  try {
    const { openExecutor } = await import('../executor/open-executor.js');
    const executor = await openExecutor({
      kind,
      store,
      keyDir: resolve(io.cwd, DEFAULT_KEY_DIR),
      env,
      ...(kind === 'dbos'
        ? {
            systemDatabaseUrl: settings.resolveSystemDatabaseUrl({
              env,
              ...(options.systemDb === undefined ? {} : { flag: options.systemDb }),
              ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
            }),
          }
        : {}),
    });
    try {
      return await options.use(executor);
    } finally {
      await executor.close();
    }
  } finally {
    await store.close();
  }
}

function table(rows: readonly ExecutorRun[]): string[] {
  return formatTable({
    header: ['run', 'status', 'outcome', 'workflow', 'worker', 'created', 'updated'],
    rows: rows.map((run) => [
      run.run_id,
      run.status,
      run.outcome ?? '',
      run.workflow ?? '',
      run.worker ?? '',
      run.created_at,
      run.updated_at ?? '',
    ]),
  });
}

/** Registers `nanocode runs` (list) and `nanocode runs cancel <id>`. */
export function registerRunsCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  const source = (command: Command) =>
    command
      .option('--executor <kind>', 'in-process or dbos (default NANOCODE_EXECUTOR, else in-process)')
      .option('--store <url>', 'the run store (default .nanocode/nanocode.db)')
      .option(
        '--system-db <url>',
        'the DBOS system database (default NANOCODE_DBOS_URL, else the --store database)',
      )
      .option('--json', 'print JSON', false);
  const sourceOf = (flags: { executor?: string; store?: string; systemDb?: string }) => ({
    io: context.io,
    ...(flags.executor === undefined ? {} : { executor: flags.executor }),
    ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
    ...(flags.systemDb === undefined ? {} : { systemDb: flags.systemDb }),
  });
  const runs = source(
    options.program
      .command('runs')
      .description('List runs: queued, running (and on which worker), finished, failed, cancelled.')
      .addOption(new Option('--status <status>', 'only runs in this state').choices([...RUN_STATUSES]))
      .option('--limit <n>', 'at most this many, newest first', '50'),
  ).action(
    async (flags: {
      executor?: string;
      store?: string;
      systemDb?: string;
      status?: ExecutorRunStatus;
      limit: string;
      json: boolean;
    }) => {
      context.setExitCode(
        await runRunsList({
          ...sourceOf(flags),
          limit: flags.limit,
          json: flags.json,
          ...(flags.status === undefined ? {} : { status: flags.status }),
        }),
      );
    },
  );
  source(
    runs
      .command('cancel')
      .description('Ask a queued or running run to stop; a run in progress ends stopped and certified.')
      .argument('<run-id>', 'the run to cancel'),
  ).action(
    async (
      run_id: string,
      flags: { executor?: string; store?: string; systemDb?: string; json: boolean },
    ) => {
      context.setExitCode(await runRunsCancel({ ...sourceOf(flags), run_id, json: flags.json }));
    },
  );
}
