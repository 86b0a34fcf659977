import { describe, expect, it } from 'vitest';
import { constraintTone, evalStatusTone, outcomeTone, stepTone, verdictTone } from './tones.js';

describe('tones', () => {
  it('colours each status by what it means for the run', () => {
    expect(
      ['certified', 'certified_with_exceptions', 'degraded', 'stopped', 'error', 'running'].map((o) =>
        outcomeTone(o as Parameters<typeof outcomeTone>[0]),
      ),
    ).toEqual(['pass', 'warn', 'warn', 'fail', 'fail', 'info']);
    expect(
      ['released', 'degraded', 'skipped', 'stopped', 'error', 'running'].map((s) =>
        stepTone(s as Parameters<typeof stepTone>[0]),
      ),
    ).toEqual(['pass', 'warn', 'warn', 'fail', 'fail', 'info']);
    expect(
      ['enforced', 'waived', 'violated', 'unchecked', 'not_applicable'].map((s) =>
        constraintTone(s as Parameters<typeof constraintTone>[0]),
      ),
    ).toEqual(['pass', 'warn', 'fail', 'info', 'info']);
    expect(['pass', 'fail', 'error'].map((s) => verdictTone(s as Parameters<typeof verdictTone>[0]))).toEqual(
      ['pass', 'fail', 'warn'],
    );
    expect(
      ['finished', 'running', 'cancelled', 'failed'].map((s) =>
        evalStatusTone(s as Parameters<typeof evalStatusTone>[0]),
      ),
    ).toEqual(['pass', 'info', 'warn', 'warn']);
  });
});
