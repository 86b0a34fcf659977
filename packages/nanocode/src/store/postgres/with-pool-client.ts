import type { Pool, PoolClient } from 'pg';

/**
 * Borrows a client from the pool for `use` and returns it afterwards. The pool listens for errors only
 * on idle clients: a borrowed one whose server goes away would emit an unhandled 'error' and crash the
 * process. Here the pending query rejects on its own, and a client that saw an error (or that `use`
 * marks with `broken`) is destroyed rather than reused.
 */
export async function withPoolClient<T>(options: {
  pool: Pool;
  use: (client: PoolClient, broken: (error: Error) => void) => Promise<T>;
}): Promise<T> {
  const client = await options.pool.connect();
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost ??= error;
  };
  client.on('error', onLost);
  try {
    return await options.use(client, onLost);
  } finally {
    client.removeListener('error', onLost);
    client.release(lost);
  }
}
