import { describe, expect, it } from 'vitest';
import { createEvalProgress, progressText } from './eval-progress.js';

describe('progressText', () => {
  it('shows count, percent, rate and ETA', () => {
    expect(progressText({ done: 250, total: 1000, elapsedMs: 5000 })).toBe(
      '250/1000 (25%) · 50.0 cases/s · ETA 15s',
    );
    expect(progressText({ done: 10, total: undefined, elapsedMs: 1000 })).toBe('10 cases · 10.0 cases/s');
    expect(progressText({ done: 0, total: 10, elapsedMs: 0 })).toBe('0/10 (0%) · 0.0 cases/s · ETA ?');
  });
});

describe('createEvalProgress', () => {
  function run(mode: 'bar' | 'lines' | 'none'): string {
    let clock = 0;
    const out: string[] = [];
    const progress = createEvalProgress({
      mode,
      total: 20,
      write: (text) => out.push(text),
      now: () => clock,
    });
    for (let i = 0; i < 20; i += 1) {
      clock += 50;
      progress.tick();
    }
    progress.done();
    return out.join('');
  }

  it('prints a plain line at each 10% step for logs', () => {
    const lines = run('lines').trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('eval: 2/20 (10%) · 20.0 cases/s · ETA 1s');
    expect(lines[9]).toMatch(/^eval: 20\/20 \(100%\) .* ETA 0s$/);
  });

  it('redraws one line in place at most every 100 ms on a TTY, and prints nothing when quiet', () => {
    const bar = run('bar');
    expect(bar.split('\r').length - 1).toBe(11);
    expect(bar).toMatch(/\r\[#{24}\] 20\/20 \(100%\)/);
    expect(bar.endsWith('ETA 0s\u001b[K\n')).toBe(true);
    expect(run('none')).toBe('');
  });
});
