import { describe, expect, it } from 'vitest';
import { withStopSignal } from './with-stop-signal.js';

describe('withStopSignal', () => {
  it('aborts when the parent signal aborts, and stops listening once run settles', async () => {
    const parent = new AbortController();
    const before = process.listenerCount('SIGTERM');
    const result = await withStopSignal({
      signal: parent.signal,
      run: async (signal) => {
        expect(signal.aborted).toBe(false);
        expect(process.listenerCount('SIGTERM')).toBe(before + 1);
        parent.abort();
        return signal.aborted;
      },
    });
    expect(result).toBe(true);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('starts aborted when the parent signal already is', async () => {
    const parent = new AbortController();
    parent.abort();
    const aborted = await withStopSignal({ signal: parent.signal, run: async (signal) => signal.aborted });
    expect(aborted).toBe(true);
  });

  it('aborts on SIGTERM, and removes its listener when run throws', async () => {
    const before = process.listenerCount('SIGTERM');
    const run = withStopSignal({
      run: async (signal) => {
        process.emit('SIGTERM', 'SIGTERM');
        throw new Error(`aborted: ${signal.aborted}`);
      },
    });
    await expect(run).rejects.toThrow('aborted: true');
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
