import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../../spec/errors.js';
import { sqliteStoreError } from './sqlite-store-error.js';

const map = (error: unknown) => sqliteStoreError({ error, operation: 'appendEvents' });

describe('sqliteStoreError', () => {
  it('maps busy, locked, I/O, full, read-only and corrupt files to NC_STORE_IO with the operation and code', () => {
    for (const [code, message] of [
      ['SQLITE_BUSY', 'database is locked'],
      ['SQLITE_IOERR_WRITE', 'disk I/O error'],
      ['SQLITE_FULL', 'database or disk is full'],
      ['SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'],
      ['SQLITE_CORRUPT', 'database disk image is malformed'],
    ] as const) {
      expect(map(new Database.SqliteError(message, code)), code).toMatchObject({
        name: 'NanocodeError',
        code: 'NC_STORE_IO',
        message: `store appendEvents failed (${code}): ${message}`,
        details: { operation: 'appendEvents', driver_code: code },
      });
    }
  });

  it('turns a unique-key race into NC_STORE_CONFLICT and leaves other errors as they are', () => {
    const duplicate = new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(map(duplicate)).toMatchObject({
      code: 'NC_STORE_CONFLICT',
      details: { operation: 'appendEvents', driver_code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
    const foreignKey = new Database.SqliteError(
      'FOREIGN KEY constraint failed',
      'SQLITE_CONSTRAINT_FOREIGNKEY',
    );
    const badSql = new Database.SqliteError('no such table: runs', 'SQLITE_ERROR');
    const closed = new TypeError('The database connection is not open');
    const coded = new NanocodeError({ code: 'NC_STORE_SEQ', message: 'gap' });
    for (const error of [foreignKey, badSql, closed, coded]) expect(map(error)).toBe(error);
  });
});
