import type { RunStore } from '../spec/store.js';

/** Where the CLI keeps its store and keys unless told otherwise, relative to the working directory. */
export const CLI_STATE_DIR = '.nanocode';

/**
 * Opens the run store a command reads or writes: `url` as given to `--store`, else the embedded SQLite
 * file `<cwd>/.nanocode/nanocode.db`. Loaded on use so that commands without a store never load SQLite.
 */
export async function openCliStore(options: { url?: string; cwd: string }): Promise<RunStore> {
  const { openStore } = await import('../store/open-store.js');
  return openStore({ cwd: options.cwd, ...(options.url === undefined ? {} : { url: options.url }) });
}

/** Runs `use` with an open store and closes it afterwards, whatever happens. */
export async function withCliStore<T>(options: {
  url?: string;
  cwd: string;
  use: (store: RunStore) => Promise<T>;
}): Promise<T> {
  const store = await openCliStore(options);
  try {
    return await options.use(store);
  } finally {
    await store.close();
  }
}

/** A store opened on first use only, so commands given a bundle path never touch the store. */
export interface LazyStore {
  get(): Promise<RunStore>;
  /** Closes the store if it was opened. */
  close(): Promise<void>;
}

/** Creates a {@link LazyStore} for `--store <url>` (or the default SQLite file). */
export function lazyCliStore(options: { url?: string; cwd: string }): LazyStore {
  let opened: Promise<RunStore> | undefined;
  return {
    get: () => {
      opened ??= openCliStore(options);
      return opened;
    },
    close: async () => {
      if (opened !== undefined) await (await opened).close();
    },
  };
}
