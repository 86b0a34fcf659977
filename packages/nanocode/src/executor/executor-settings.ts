import { NanocodeError } from '../spec/errors.js';
import { EXECUTOR_KINDS, type ExecutorKind } from './executor.js';

/**
 * The executor a command uses: `--executor`, else `NANOCODE_EXECUTOR`, else `in-process`. Anything else
 * is `NC_EXEC_CONFIG`.
 */
export function resolveExecutorKind(options: {
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
}): ExecutorKind {
  const given = options.flag ?? (options.env.NANOCODE_EXECUTOR || undefined) ?? 'in-process';
  const kind = EXECUTOR_KINDS.find((k) => k === given);
  if (kind === undefined) {
    throw new NanocodeError({
      code: 'NC_EXEC_CONFIG',
      message: `unknown executor ${JSON.stringify(given)}`,
      hint: `use one of ${EXECUTOR_KINDS.join(', ')}`,
    });
  }
  return kind;
}

/**
 * The URL of the DBOS system database: `--system-db`, else `NANOCODE_DBOS_URL`, else the store's URL
 * when the store is PostgreSQL (the engine's tables then sit in the `dbos` schema of the same database).
 * Without any of them it is `NC_EXEC_CONFIG`.
 */
export function resolveSystemDatabaseUrl(options: {
  flag?: string;
  storeUrl?: string;
  env: Readonly<Record<string, string | undefined>>;
}): string {
  const fromStore =
    options.storeUrl !== undefined && /^postgres(ql)?:\/\//i.test(options.storeUrl)
      ? withoutSchema(options.storeUrl)
      : undefined;
  const url = options.flag ?? (options.env.NANOCODE_DBOS_URL || undefined) ?? fromStore;
  if (url === undefined) {
    throw new NanocodeError({
      code: 'NC_EXEC_CONFIG',
      message: 'the dbos executor needs a PostgreSQL system database',
      hint: 'pass --system-db postgres://... (or set NANOCODE_DBOS_URL), or use a postgres:// --store',
    });
  }
  return url;
}

/** The store URL without its `schema` parameter: the engine keeps its own schema. */
function withoutSchema(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  return parsed.toString();
}
