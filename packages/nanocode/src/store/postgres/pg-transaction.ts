import type { Pool, PoolClient } from 'pg';

/**
 * Runs `use` inside one transaction on a client (given, or borrowed from a pool and returned afterwards):
 * COMMIT when it resolves, ROLLBACK when it throws, so a failed call writes nothing.
 */
export async function inTransaction<T>(options: {
  on: Pool | PoolClient;
  /** The statement that opens the transaction; `BEGIN` unless a read needs a stable snapshot. */
  begin?: string;
  use: (client: PoolClient) => Promise<T>;
}): Promise<T> {
  const borrowed = !('release' in options.on);
  const client = 'release' in options.on ? options.on : await options.on.connect();
  let broken: Error | undefined;
  // The pool listens for errors only on idle clients: a borrowed one whose server goes away would emit
  // an unhandled 'error' and crash the process. The pending query rejects on its own; keep the error so
  // the client is destroyed rather than reused.
  const onLost = (error: Error) => {
    broken ??= error;
  };
  if (borrowed) client.on('error', onLost);
  try {
    await client.query(options.begin ?? 'BEGIN');
    try {
      const result = await options.use(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
    if (borrowed) {
      client.removeListener('error', onLost);
      client.release(broken);
    }
  }
}
