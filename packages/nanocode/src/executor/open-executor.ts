import type { RunStore } from '../spec/store.js';
import type { Executor, ExecutorKind } from './executor.js';

/** Options of {@link openExecutor}. */
export interface OpenExecutorOptions {
  kind: ExecutorKind;
  store: RunStore;
  /** The key directory that signs certificates (in-process: this process signs). */
  keyDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The DBOS system database URL (`?schema=` picks its schema); required for `dbos`. */
  systemDatabaseUrl?: string;
  /** The application version `dbos` runs are enqueued for (default: this release's). */
  appVersion?: string;
  onKeyCreated?: (key: { purpose: string; keyid: string }) => void;
}

/**
 * Opens the executor a command or server uses. The DBOS client loads only for `dbos`, so the embedded
 * default never loads the engine.
 */
export async function openExecutor(options: OpenExecutorOptions): Promise<Executor> {
  if (options.kind === 'in-process') {
    const { createInProcessExecutor } = await import('./in-process/create-in-process-executor.js');
    return createInProcessExecutor({
      store: options.store,
      keyDir: options.keyDir,
      env: options.env,
      ...(options.onKeyCreated === undefined ? {} : { onKeyCreated: options.onKeyCreated }),
    });
  }
  const [{ createDbosExecutor }, { parseSystemDatabaseUrl }, { resolveSystemDatabaseUrl }] =
    await Promise.all([
      import('./dbos/create-dbos-executor.js'),
      import('./dbos/system-database-url.js'),
      import('./executor-settings.js'),
    ]);
  const url = options.systemDatabaseUrl ?? resolveSystemDatabaseUrl({ env: options.env });
  return createDbosExecutor({
    systemDatabase: parseSystemDatabaseUrl({ url }),
    store: options.store,
    ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
  });
}
