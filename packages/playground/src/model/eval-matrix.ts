import type { EvalCaseRow } from '../api/evals.js';
import type { ConstraintStatus, RunOutcome } from './events.js';

/** What the matrix shows: every filter is optional, and they combine. */
export interface EvalMatrixFilter {
  outcome?: RunOutcome;
  /** Only cases that passed (true) or failed (false). */
  passed?: boolean;
  /** One constraint (`step/id`): only its column is shown. */
  constraint?: string;
  /** Only cases where the constraint (or, with none chosen, any constraint) has this status. */
  status?: ConstraintStatus;
}

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

/** Cases × constraints, filtered. */
export interface EvalMatrix {
  /** Constraint keys (`step/id`), in the eval's order. */
  columns: string[];
  rows: EvalMatrixRow[];
  /** Rows before filtering. */
  total: number;
}

/**
 * Builds the cases × constraints matrix of one page of case rows. Columns are the eval's constraints in
 * its order, plus any key a row lists that the eval did not (so nothing recorded is hidden).
 */
export function evalMatrix(options: {
  constraints: readonly string[];
  cases: readonly EvalCaseRow[];
  filter?: EvalMatrixFilter;
}): EvalMatrix {
  const filter = options.filter ?? {};
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
  const columns = filter.constraint === undefined ? all : all.filter((key) => key === filter.constraint);
  const keep = (row: EvalCaseRow): boolean => {
    if (filter.outcome !== undefined && row.outcome !== filter.outcome) return false;
    if (filter.passed !== undefined && row.passed !== filter.passed) return false;
    if (filter.status !== undefined) {
      const statuses =
        filter.constraint === undefined ? Object.values(row.statuses) : [row.statuses[filter.constraint]];
      if (!statuses.includes(filter.status)) return false;
    }
    return true;
  };
  const rows = options.cases.filter(keep).map((row) => ({
    row,
    cells: columns.map((key) => ({ key, status: row.statuses[key] })),
  }));
  return { columns, rows, total: options.cases.length };
}
