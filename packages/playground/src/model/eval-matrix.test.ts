import { describe, expect, it } from 'vitest';
import { EVAL_DEV, EVAL_DEV_TONE_VIOLATED } from '../fixtures/evals-recorded.js';
import { evalMatrix } from './eval-matrix.js';

// constraint-playground over four products, twice each, under the dev profile (recorded eval replies).
const columns = EVAL_DEV.constraints.map((c) => c.key);

describe('evalMatrix', () => {
  it('has a row per case run and a column per constraint, each cell the final status', () => {
    const matrix = evalMatrix({ constraints: columns, cases: EVAL_DEV.cases });
    expect(matrix.rows).toHaveLength(8);
    expect(matrix.columns[0]).toBe('$input/sane-input');
    expect(matrix.columns).toHaveLength(14);
    const tooLong = matrix.rows.find((r) => r.row.case_id === 'too-long');
    expect(tooLong?.cells.find((c) => c.key === '$input/sane-input')?.status).toBe('violated');
    expect(tooLong?.cells.find((c) => c.key === 'playground/tone')?.status).toBe('not_applicable');
  });

  it('narrows the columns to one constraint, keeping the rows the server sent', () => {
    const matrix = evalMatrix({
      constraints: columns,
      cases: EVAL_DEV_TONE_VIOLATED.cases,
      only: 'playground/tone',
    });
    expect(matrix.columns).toEqual(['playground/tone']);
    expect(matrix.rows).toHaveLength(6);
    expect(matrix.rows.every((r) => r.cells[0]?.status === 'violated')).toBe(true);
  });

  it('adds a column for a status key the eval did not list (a running eval), rather than hiding it', () => {
    const matrix = evalMatrix({ constraints: ['playground/tone'], cases: EVAL_DEV.cases.slice(0, 1) });
    expect(matrix.columns[0]).toBe('playground/tone');
    expect(matrix.columns).toHaveLength(14);
  });
});
