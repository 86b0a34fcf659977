import type { Pool, PoolClient } from 'pg';
import { withPoolClient } from './with-pool-client.js';

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
  const { on } = options;
  if ('release' in on) return transaction({ client: on, begin: options.begin, use: options.use });
  return withPoolClient({
    pool: on,
    use: (client, broken) => transaction({ client, begin: options.begin, use: options.use, broken }),
  });
}

async function transaction<T>(options: {
  client: PoolClient;
  begin: string | undefined;
  use: (client: PoolClient) => Promise<T>;
  /** Marks the client as not to be reused (a borrowed client whose ROLLBACK failed is in an unknown state). */
  broken?: (error: Error) => void;
}): Promise<T> {
  const { client } = options;
  await client.query(options.begin ?? 'BEGIN');
  try {
    const result = await options.use(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => options.broken?.(rollbackError));
    throw error;
  }
}
