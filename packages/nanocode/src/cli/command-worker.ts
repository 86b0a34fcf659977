import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { collectOption } from './collect-option.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { openCliStore } from './open-cli-store.js';
import { readDotenv } from './read-dotenv.js';
import { reportError } from './report-error.js';
import { withStopSignal } from './with-stop-signal.js';

/** Options of `nanocode worker`, as typed (numbers are checked here). */
export interface WorkerCommandOptions {
  storeUrl?: string;
  systemDb?: string;
  keyDir: string;
  workerId?: string;
  slot: string;
  concurrency: string;
  globalConcurrency?: string;
  rateLimits: string[];
  pollMs: string;
  heartbeatMs: string;
  reapAfterMs?: string;
  appVersion?: string;
  drainMs: string;
  io: CliIo;
  /** The worker stops when this aborts (SIGINT or SIGTERM). */
  signal: AbortSignal;
}

/**
 * Runs a DBOS worker in the foreground until `signal` aborts: it takes runs from the `nanocode-runs`
 * queue, resumes its own unfinished runs at start, and moves those of silent workers. On stop it waits
 * up to `--drain-ms` for the runs in progress; the rest stay for a restart under the same id, or for the
 * reaper of another worker.
 */
export async function runWorkerCommand(options: WorkerCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const env = { ...(await readDotenv({ dir: io.cwd })), ...io.env };
  let store: Awaited<ReturnType<typeof openCliStore>> | undefined;
  try {
    const numbers = {
      slot: integer({ flag: '--slot', value: options.slot, min: 0 }),
      concurrency: integer({ flag: '--concurrency', value: options.concurrency, min: 1 }),
      pollMs: integer({ flag: '--poll-ms', value: options.pollMs, min: 1 }),
      heartbeatMs: integer({ flag: '--heartbeat-ms', value: options.heartbeatMs, min: 1 }),
      drainMs: integer({ flag: '--drain-ms', value: options.drainMs, min: 0 }),
    };
    const [{ startDbosWorker }, { parseSystemDatabaseUrl, redactUrl }, { parseRateLimits }, settings] =
      await Promise.all([
        import('../executor/dbos/start-dbos-worker.js'),
        import('../executor/dbos/system-database-url.js'),
        import('../executor/dbos/rate-limits.js'),
        import('../executor/executor-settings.js'),
      ]);
    const { storeUrl } = options;
    const systemDatabase = parseSystemDatabaseUrl({
      url: settings.resolveSystemDatabaseUrl({
        env,
        ...(options.systemDb === undefined ? {} : { flag: options.systemDb }),
        ...(storeUrl === undefined ? {} : { storeUrl }),
      }),
    });
    const rateLimits = parseRateLimits({
      specs: [...(env.NANOCODE_RATE_LIMITS ? [env.NANOCODE_RATE_LIMITS] : []), ...options.rateLimits],
    });
    const workerId =
      options.workerId ?? (env.NANOCODE_WORKER_ID || undefined) ?? `${hostname()}-${numbers.slot}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(workerId)) {
      throw new NanocodeError({
        code: 'NC_CLI_USAGE',
        message: `worker id ${JSON.stringify(workerId)} must be letters, digits, '.', '_', ':' and '-'`,
      });
    }
    store = await openCliStore({ cwd: io.cwd, ...(storeUrl === undefined ? {} : { url: storeUrl }) });
    const keyDir = resolve(io.cwd, options.keyDir);
    const stop = new AbortController();
    const onStop = () => stop.abort();
    options.signal.addEventListener('abort', onStop, { once: true });
    const worker = await startDbosWorker({
      systemDatabase,
      store,
      keyDir,
      env,
      workerId,
      concurrency: numbers.concurrency,
      ...(options.globalConcurrency === undefined
        ? {}
        : {
            globalConcurrency: integer({
              flag: '--global-concurrency',
              value: options.globalConcurrency,
              min: 1,
            }),
          }),
      rateLimits,
      pollingIntervalMs: numbers.pollMs,
      heartbeatMs: numbers.heartbeatMs,
      ...(options.reapAfterMs === undefined
        ? {}
        : { reapAfterMs: integer({ flag: '--reap-after-ms', value: options.reapAfterMs, min: 1 }) }),
      ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
      log: (line) => io.stderr.write(`${line}\n`),
      onWorkerIdLost: onStop,
    });
    io.stdout.write(
      [
        `nanocode worker ${worker.workerId} taking runs (app version ${worker.appVersion})`,
        `  system db     ${redactUrl({ url: systemDatabase.url })} (schema ${systemDatabase.schema})`,
        `  store         ${storeUrl === undefined ? '.nanocode/nanocode.db' : redactUrl({ url: storeUrl })}`,
        `  concurrency   ${numbers.concurrency} runs in this worker${options.globalConcurrency ? `, ${options.globalConcurrency} in all` : ''}`,
        `  rate limits   ${rateLimits.length === 0 ? 'none' : rateLimits.map((l) => `${l.provider} ${l.requests}/${l.period_ms} ms`).join(', ')}`,
        '',
      ].join('\n'),
    );
    if (!stop.signal.aborted) {
      await new Promise((done) => stop.signal.addEventListener('abort', done, { once: true }));
    }
    io.stderr.write(
      `stopping: waiting up to ${numbers.drainMs} ms for ${worker.active()} run(s) in progress\n`,
    );
    options.signal.removeEventListener('abort', onStop);
    await worker.close({ drainMs: numbers.drainMs });
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    await store?.close();
  }
}

function integer(options: { flag: string; value: string; min: number }): number {
  const n = Number(options.value);
  if (!/^\d+$/.test(options.value) || !Number.isSafeInteger(n) || n < options.min) {
    throw new NanocodeError({
      code: 'NC_CLI_USAGE',
      message: `${options.flag} must be an integer of at least ${options.min}, not ${options.value}`,
    });
  }
  return n;
}

/** Registers `nanocode worker`. It stops on SIGINT (the entry point's signal) and on SIGTERM. */
export function registerWorkerCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('worker')
    .description('Run workflows from the DBOS queue (the scale-out executor; see docs/deployment.md).')
    .option(
      '--store <url>',
      'the run store every worker and server shares: postgres://... (default .nanocode/nanocode.db)',
    )
    .option(
      '--system-db <url>',
      'the DBOS system database (default NANOCODE_DBOS_URL, else the --store database)',
    )
    .option(
      '--keys <dir>',
      'the key directory that signs certificates; the same keys on every worker',
      DEFAULT_KEY_DIR,
    )
    .option(
      '--worker-id <id>',
      'a unique, stable id for this worker (default NANOCODE_WORKER_ID, else <host>-<slot>)',
    )
    .option('--slot <n>', 'tells several workers on one host apart in the default id', '0')
    .option('--concurrency <n>', 'runs at once in each worker', '10')
    .option('--global-concurrency <n>', 'runs at once across all workers')
    .option(
      '--rate-limit <provider=n/period>',
      'a provider quota, e.g. openai=500/1m; repeatable',
      collectOption,
      [],
    )
    .option('--poll-ms <ms>', 'how often the queue is polled when idle', '100')
    .option('--heartbeat-ms <ms>', 'how often this worker reports that it is alive', '1000')
    .option('--reap-after-ms <ms>', "silence after which a worker's runs move (default 3 heartbeats)")
    .option('--app-version <version>', 'the DBOS application version (default: this release)')
    .option('--drain-ms <ms>', 'on stop, how long to wait for runs in progress', '30000')
    .action(
      async (flags: {
        store?: string;
        systemDb?: string;
        keys: string;
        workerId?: string;
        slot: string;
        concurrency: string;
        globalConcurrency?: string;
        rateLimit: string[];
        pollMs: string;
        heartbeatMs: string;
        reapAfterMs?: string;
        appVersion?: string;
        drainMs: string;
      }) => {
        context.setExitCode(
          await withStopSignal({
            signal: context.signal,
            run: (signal) =>
              runWorkerCommand({
                keyDir: flags.keys,
                slot: flags.slot,
                concurrency: flags.concurrency,
                rateLimits: flags.rateLimit,
                pollMs: flags.pollMs,
                heartbeatMs: flags.heartbeatMs,
                drainMs: flags.drainMs,
                io: context.io,
                signal,
                ...(flags.store === undefined ? {} : { storeUrl: flags.store }),
                ...(flags.systemDb === undefined ? {} : { systemDb: flags.systemDb }),
                ...(flags.workerId === undefined ? {} : { workerId: flags.workerId }),
                ...(flags.globalConcurrency === undefined
                  ? {}
                  : { globalConcurrency: flags.globalConcurrency }),
                ...(flags.reapAfterMs === undefined ? {} : { reapAfterMs: flags.reapAfterMs }),
                ...(flags.appVersion === undefined ? {} : { appVersion: flags.appVersion }),
              }),
          }),
        );
      },
    );
}
