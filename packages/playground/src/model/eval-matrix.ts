import type { EvalCaseRow } from '../api/evals.js';
import type { ConstraintStatus } from './events.js';

/** One matrix cell: a case's final status for one constraint (undefined: the run did not list it). */
export interface EvalMatrixCell {
  key: string;
  status: ConstraintStatus | undefined;
}

/** One case run as a matrix row. */
export interface EvalMatrixRow {
  row: EvalCaseRow;
  cells: EvalMatrixCell[];
}

/** Cases × constraints. */
export interface EvalMatrix {
  /** Constraint keys (`step/id`), in the eval's order. */
  columns: string[];
  rows: EvalMatrixRow[];
}

/**
 * Builds the cases × constraints matrix of a page of case rows (the server has filtered the rows).
 * Columns are the eval's constraints in its order, plus any key a row lists that the eval did not, so
 * nothing recorded is hidden; `only` narrows the columns to one constraint.
 */
export function evalMatrix(options: {
  constraints: readonly string[];
  cases: readonly EvalCaseRow[];
  only?: string;
}): EvalMatrix {
  const all = [...options.constraints];
  const seen = new Set(all);
  for (const row of options.cases) {
    for (const key of Object.keys(row.statuses)) {
      if (!seen.has(key)) {
        seen.add(key);
        all.push(key);
      }
    }
  }
  const columns = options.only === undefined ? all : all.filter((key) => key === options.only);
  const rows = options.cases.map((row) => ({
    row,
    cells: columns.map((key) => ({ key, status: row.statuses[key] })),
  }));
  return { columns, rows };
}
