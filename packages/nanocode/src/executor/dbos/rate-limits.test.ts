import { describe, expect, it } from 'vitest';
import { parseRateLimits } from './rate-limits.js';
import { parseSystemDatabaseUrl } from './system-database-url.js';

describe('parseRateLimits', () => {
  it('reads provider=requests/period, comma-separated or repeated', () => {
    expect(parseRateLimits({ specs: ['openai=500/1m, fake=5/1s', 'anthropic=10/250ms'] })).toEqual([
      { provider: 'openai', requests: 500, period_ms: 60_000 },
      { provider: 'fake', requests: 5, period_ms: 1000 },
      { provider: 'anthropic', requests: 10, period_ms: 250 },
    ]);
    expect(parseRateLimits({ specs: [''] })).toEqual([]);
  });

  it('refuses malformed and repeated entries with NC_EXEC_CONFIG', () => {
    for (const spec of [
      'openai',
      'openai=0/1s',
      'openai=5/1',
      'OpenAI=5/1s',
      'openai=5/0s',
      'a=1/1s,a=2/1s',
    ]) {
      expect(() => parseRateLimits({ specs: [spec] }), spec).toThrow(
        expect.objectContaining({ code: 'NC_EXEC_CONFIG' }),
      );
    }
  });
});

describe('parseSystemDatabaseUrl', () => {
  it('splits the schema parameter from the URL, defaulting to dbos', () => {
    expect(parseSystemDatabaseUrl({ url: 'postgres://u@h:5432/db?schema=w1' })).toEqual({
      url: 'postgres://u@h:5432/db',
      schema: 'w1',
    });
    expect(parseSystemDatabaseUrl({ url: 'postgresql://u@h/db' }).schema).toBe('dbos');
  });

  it('refuses other schemes and bad schema names without echoing a password', () => {
    expect(() => parseSystemDatabaseUrl({ url: 'sqlite:x.db' })).toThrow(
      expect.objectContaining({ code: 'NC_EXEC_CONFIG' }),
    );
    expect(() => parseSystemDatabaseUrl({ url: 'postgres://u@h/db?schema=Bad-Name' })).toThrow(
      expect.objectContaining({ code: 'NC_EXEC_CONFIG' }),
    );
    expect(() => parseSystemDatabaseUrl({ url: 'not a url :secret@' })).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('secret') }),
    );
  });
});
