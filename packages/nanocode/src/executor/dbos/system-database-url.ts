import { NanocodeError } from '../../spec/errors.js';
import { DEFAULT_SYSTEM_SCHEMA } from './dbos-names.js';

/** Where the executor keeps its state: a PostgreSQL URL and the schema of the DBOS tables in it. */
export interface SystemDatabase {
  url: string;
  schema: string;
}

/**
 * Reads a `postgres://` URL whose optional `?schema=<name>` names the schema of the engine's tables (as
 * the store URL does): the rest is what `pg` connects with. Anything else is `NC_EXEC_CONFIG`.
 */
export function parseSystemDatabaseUrl(options: { url: string }): SystemDatabase {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw configError('the system database URL does not parse as a URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw configError(`the executor needs a postgres:// URL, not ${parsed.protocol}`);
  }
  const schema = parsed.searchParams.get('schema') ?? DEFAULT_SYSTEM_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw configError(`schema ${JSON.stringify(schema)} must be lowercase letters, digits and _`);
  }
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

/** The URL with its password blanked, for messages. */
export function redactUrl(options: { url: string }): string {
  return redact(options.url);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function configError(message: string): NanocodeError {
  return new NanocodeError({
    code: 'NC_EXEC_CONFIG',
    message,
    hint: 'give the executor a PostgreSQL URL, e.g. postgres://user@host/db?schema=dbos',
  });
}
