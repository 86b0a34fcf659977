import { describe, expect, it } from 'vitest';
import { exceptionsRun, stoppedRun } from '../evidence/exports/export-runs.test-util.js';
import { type ComparedRun, compareRuns } from './compare-runs.js';

function clone(run: ComparedRun): ComparedRun {
  return structuredClone({ header: run.header, events: [...run.events] });
}

describe('compareRuns', () => {
  it('finds nothing between a run and itself with another id and other timestamps', () => {
    const recorded = exceptionsRun();
    const replayed = clone(recorded);
    replayed.header.run_id = 'other';
    for (const event of replayed.events) event.ts = '2030-01-01T00:00:00.000Z';
    const comparison = compareRuns({ recorded, replayed });
    expect(comparison.differences).toEqual([]);
    expect(comparison.verdicts).toBeGreaterThan(0);
  });

  it('names the step, attempt and constraint of a changed verdict, and a changed ladder move', () => {
    const recorded = stoppedRun();
    const replayed = clone(recorded);
    const verdict = replayed.events.find((e) => e.type === 'constraint.evaluated')!;
    const data = verdict.data as { constraint: string; verdict: { status: string } };
    const before = data.verdict.status;
    data.verdict.status = before === 'pass' ? 'fail' : 'pass';
    const move = replayed.events.find((e) => e.type === 'recovery.chosen')!;
    const strategy = (move.data as { strategy: string }).strategy;
    (move.data as { strategy: string }).strategy = strategy === 'stop' ? 'retry' : 'stop';
    const { differences } = compareRuns({ recorded, replayed });
    const where = `step ${verdict.step} attempt ${verdict.attempt} constraint ${data.constraint}`;
    expect(differences).toContain(`${where}: recorded ${before}, replayed ${data.verdict.status}`);
    expect(
      differences.some((d) => d.startsWith(`step ${move.step} ladder move 1: recorded ${strategy} `)),
    ).toBe(true);
  });
});
