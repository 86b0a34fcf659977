import { describe, expect, it } from 'vitest';
import { resolveExecutorKind, resolveSystemDatabaseUrl } from './executor-settings.js';

describe('resolveExecutorKind', () => {
  it('takes the flag, then NANOCODE_EXECUTOR, then in-process', () => {
    expect(resolveExecutorKind({ env: {} })).toBe('in-process');
    expect(resolveExecutorKind({ env: { NANOCODE_EXECUTOR: 'dbos' } })).toBe('dbos');
    expect(resolveExecutorKind({ flag: 'in-process', env: { NANOCODE_EXECUTOR: 'dbos' } })).toBe(
      'in-process',
    );
    expect(resolveExecutorKind({ env: { NANOCODE_EXECUTOR: '' } })).toBe('in-process');
  });

  it('refuses an executor it does not know', () => {
    expect(() => resolveExecutorKind({ flag: 'temporal', env: {} })).toThrow(
      expect.objectContaining({ code: 'NC_EXEC_CONFIG', hint: 'use one of in-process, dbos' }),
    );
  });
});

describe('resolveSystemDatabaseUrl', () => {
  it('takes the flag, then NANOCODE_DBOS_URL, then a PostgreSQL store without its schema', () => {
    const env = { NANOCODE_DBOS_URL: 'postgres://env@h/db' };
    expect(resolveSystemDatabaseUrl({ flag: 'postgres://flag@h/db', env })).toBe('postgres://flag@h/db');
    expect(resolveSystemDatabaseUrl({ env, storeUrl: 'postgres://s@h/db' })).toBe('postgres://env@h/db');
    expect(resolveSystemDatabaseUrl({ env: {}, storeUrl: 'postgres://s@h/db?schema=runs' })).toBe(
      'postgres://s@h/db',
    );
  });

  it('needs PostgreSQL: a SQLite store gives no system database', () => {
    expect(() => resolveSystemDatabaseUrl({ env: {}, storeUrl: '.nanocode/nanocode.db' })).toThrow(
      expect.objectContaining({ code: 'NC_EXEC_CONFIG' }),
    );
  });
});
