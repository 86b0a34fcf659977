import { describe, expect, it } from 'vitest';
import { isSchemaNotReady } from './create-dbos-executor.js';

describe('isSchemaNotReady', () => {
  it('recognises a missing or half-migrated system database, also when wrapped', () => {
    expect(isSchemaNotReady(Object.assign(new Error('x'), { code: '42703' }))).toBe(true);
    expect(isSchemaNotReady(Object.assign(new Error('x'), { code: '42P01' }))).toBe(true);
    expect(isSchemaNotReady(new Error('column workflow_status.completed_at does not exist'))).toBe(true);
    const wrapped = new Error('client failed', { cause: Object.assign(new Error('y'), { code: '3F000' }) });
    expect(isSchemaNotReady(wrapped)).toBe(true);
  });

  it('does not wait on errors that waiting will not fix', () => {
    expect(isSchemaNotReady(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(
      isSchemaNotReady(Object.assign(new Error('password authentication failed'), { code: '28P01' })),
    ).toBe(false);
    expect(isSchemaNotReady('not an error')).toBe(false);
  });
});
