import { describe, expect, it } from 'vitest';
import { resolveUserPath, useColor } from './cli-io.js';

describe('useColor', () => {
  it('is on only for a TTY without NO_COLOR', () => {
    expect(useColor({ stdoutIsTty: true, env: {} })).toBe(true);
    expect(useColor({ stdoutIsTty: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(useColor({ stdoutIsTty: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(useColor({ stdoutIsTty: false, env: {} })).toBe(false);
  });
});

describe('resolveUserPath', () => {
  it('keeps typed paths in the process directory and resolves them elsewhere', () => {
    expect(resolveUserPath({ io: { cwd: process.cwd() }, file: 'a.yaml' })).toBe('a.yaml');
    expect(resolveUserPath({ io: { cwd: '/srv/project' }, file: 'wf/a.yaml' })).toBe(
      '/srv/project/wf/a.yaml',
    );
    expect(resolveUserPath({ io: { cwd: '/srv/project' }, file: '/abs.yaml' })).toBe('/abs.yaml');
  });
});
