/**
 * Runs `run` with a signal that aborts when `signal` (the entry point's SIGINT) aborts or the process
 * gets SIGTERM, and stops listening for both once `run` settles. The long-running commands (`serve`,
 * `worker`, `fake-provider`) stop through it.
 */
export async function withStopSignal<T>(options: {
  signal?: AbortSignal | undefined;
  run: (signal: AbortSignal) => Promise<T>;
}): Promise<T> {
  const { signal } = options;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  process.once('SIGTERM', stop);
  try {
    return await options.run(controller.signal);
  } finally {
    process.off('SIGTERM', stop);
    signal?.removeEventListener('abort', stop);
  }
}
