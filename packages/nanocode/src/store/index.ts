/**
 * Public surface of the stores. `createSqliteStore` is reached through {@link openStore}, which loads
 * SQLite on demand, so importing this module never loads the native driver.
 */
export { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './list-limit.js';
export { createMemoryStore } from './memory/create-memory-store.js';
export { DEFAULT_STORE_PATH, type OpenStoreOptions, openStore } from './open-store.js';
