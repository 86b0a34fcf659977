import { describe, expect, it } from 'vitest';
import cliDev from '../fixtures/evals-cli-dev.json';
import { type CliEval, evalFromCli } from '../fixtures/evals-from-cli.js';
import { evalMatrix } from './eval-matrix.js';

// constraint-playground over four products, twice each, under the dev profile (real `nanocode eval` output).
const dev = evalFromCli({ id: 'dev', cli: cliDev as CliEval });
const columns = dev.constraints.map((c) => c.key);

describe('evalMatrix', () => {
  it('has a row per case run and a column per constraint, each cell the final status', () => {
    const matrix = evalMatrix({ constraints: columns, cases: dev.cases });
    expect(matrix.rows).toHaveLength(8);
    expect(matrix.columns[0]).toBe('$input/sane-input');
    expect(matrix.columns).toContain('playground/tone');
    const tooLong = matrix.rows.find((r) => r.row.case_id === 'too-long');
    expect(tooLong?.cells.find((c) => c.key === '$input/sane-input')?.status).toBe('violated');
    expect(tooLong?.cells.find((c) => c.key === 'playground/tone')?.status).toBe('not_applicable');
  });

  it('filters by outcome, pass, and a constraint with its status', () => {
    const stopped = evalMatrix({ constraints: columns, cases: dev.cases, filter: { outcome: 'stopped' } });
    expect(stopped.rows.map((r) => `${r.row.case_id}#${r.row.repeat}`)).toEqual(['too-long#1', 'too-long#2']);
    expect(stopped.total).toBe(8);
    const failed = evalMatrix({ constraints: columns, cases: dev.cases, filter: { passed: false } });
    expect(failed.rows).toHaveLength(2);
    const tone = evalMatrix({
      constraints: columns,
      cases: dev.cases,
      filter: { constraint: 'playground/tone', status: 'violated' },
    });
    expect(tone.columns).toEqual(['playground/tone']);
    expect(tone.rows).toHaveLength(6);
    expect(tone.rows.every((r) => r.cells[0]?.status === 'violated')).toBe(true);
    const anyViolated = evalMatrix({
      constraints: columns,
      cases: dev.cases,
      filter: { status: 'violated' },
    });
    expect(anyViolated.rows).toHaveLength(8);
    const none = evalMatrix({ constraints: columns, cases: dev.cases, filter: { status: 'waived' } });
    expect(none.rows).toEqual([]);
  });

  it('adds a column for a status key the eval did not list, rather than hiding it', () => {
    const matrix = evalMatrix({ constraints: ['playground/tone'], cases: dev.cases.slice(0, 1) });
    expect(matrix.columns.length).toBe(Object.keys(dev.cases[0]?.statuses ?? {}).length);
  });
});
