import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../../spec/errors.js';
import { pgStoreError } from './pg-store-error.js';

/** A server error as `pg` parses it off the wire: a SQLSTATE and a severity. */
function serverError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'ERROR';
  return error;
}

const map = (error: unknown) => pgStoreError({ error, operation: 'listRuns' });

describe('pgStoreError', () => {
  it('maps connection, shutdown, resource and I/O failures to NC_STORE_IO with the operation and code', () => {
    for (const [code, message] of [
      ['57P01', 'terminating connection due to administrator command'],
      ['08006', 'connection failure'],
      ['53100', 'could not extend file: No space left on device'],
      ['58030', 'could not read block 7'],
      ['40001', 'could not serialize access due to concurrent update'],
    ] as const) {
      expect(map(serverError(code, message)), code).toMatchObject({
        name: 'NanocodeError',
        code: 'NC_STORE_IO',
        message: `store listRuns failed (${code}): ${message}`,
        details: { operation: 'listRuns', driver_code: code },
      });
    }
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    expect(map(refused)).toMatchObject({
      code: 'NC_STORE_IO',
      details: { operation: 'listRuns', driver_code: 'ECONNREFUSED' },
    });
    const cut = map(new Error('Connection terminated unexpectedly')) as NanocodeError;
    expect(cut).toMatchObject({ code: 'NC_STORE_IO', details: { operation: 'listRuns' } });
    expect(cut.details).not.toHaveProperty('driver_code');
  });

  it('masks anything shaped like a connection URL in the driver message', () => {
    const error = map(new Error('cannot reach postgres://nanocode:hunter2@db.internal:5432/prod now'));
    expect((error as Error).message).toBe('store listRuns failed: cannot reach (url) now');
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('turns a unique-key race into NC_STORE_CONFLICT and leaves bugs and coded errors as they are', () => {
    expect(map(serverError('23505', 'duplicate key value violates unique constraint'))).toMatchObject({
      code: 'NC_STORE_CONFLICT',
      details: { operation: 'listRuns', driver_code: '23505' },
    });
    const unknownTable = serverError('42P01', 'relation "runs" does not exist');
    const coded = new NanocodeError({ code: 'NC_STORE_UNKNOWN_RUN', message: 'no run' });
    const bug = new SyntaxError('Unexpected token');
    for (const error of [unknownTable, coded, bug, 'not an error']) expect(map(error)).toBe(error);
  });
});
