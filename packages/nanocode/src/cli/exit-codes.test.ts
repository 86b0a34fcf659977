import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeForErrorCode, exitCodeForOutcome } from './exit-codes.js';

describe('exitCodeForOutcome', () => {
  it('maps certified runs, with or without exceptions, to 0', () => {
    expect(exitCodeForOutcome({ outcome: 'certified' })).toBe(0);
    expect(exitCodeForOutcome({ outcome: 'certified_with_exceptions' })).toBe(0);
  });

  it('tells degraded (2) from stopped (3)', () => {
    expect(exitCodeForOutcome({ outcome: 'degraded' })).toBe(2);
    expect(exitCodeForOutcome({ outcome: 'stopped' })).toBe(3);
  });

  it('maps a cancelled run (stopped with NC_RUN_ABORTED) to 130', () => {
    expect(exitCodeForOutcome({ outcome: 'stopped', error: { code: 'NC_RUN_ABORTED' } })).toBe(130);
  });

  it('maps an error outcome to 1, or 65 when the inputs were refused', () => {
    expect(exitCodeForOutcome({ outcome: 'error' })).toBe(1);
    expect(exitCodeForOutcome({ outcome: 'error', error: { code: 'NC_RUN_INTERNAL' } })).toBe(1);
    expect(exitCodeForOutcome({ outcome: 'error', error: { code: 'NC_RUN_INPUT_INVALID' } })).toBe(65);
    expect(exitCodeForOutcome({ outcome: 'error', error: { code: 'NC_RUN_ABORTED' } })).toBe(130);
  });
});

describe('exitCodeForErrorCode', () => {
  it('maps configuration and input errors to 65, usage to 64, the rest to 1', () => {
    expect(exitCodeForErrorCode({ code: 'NC_CFG_PARSE' })).toBe(EXIT_CODES.dataError);
    expect(exitCodeForErrorCode({ code: 'NC_CFG_UNKNOWN_PROFILE' })).toBe(65);
    expect(exitCodeForErrorCode({ code: 'NC_CLI_INPUT' })).toBe(65);
    expect(exitCodeForErrorCode({ code: 'NC_CLI_USAGE' })).toBe(64);
    expect(exitCodeForErrorCode({ code: 'NC_RUN_UNKNOWN_ADAPTER' })).toBe(1);
  });

  it('uses distinct codes for every meaning', () => {
    const values = Object.values(EXIT_CODES);
    expect(new Set(values).size).toBe(values.length);
  });
});
