import type { ListRunsOptions } from '../spec/store.js';
import { checkListKey } from './list-key.js';

/** A run listing in the SQL both database stores share, minus the select list and the limit. */
export interface ListRunsQuery {
  /** `FROM ... WHERE ... ORDER BY ...`, yielding rows of `runs r`, newest first. */
  body: string;
  values: string[];
}

/** The `run_constraints.step` of the row that stands for "any step", one per run, id and status. */
export const ANY_STEP = '*';

/**
 * Builds a listing from the filters actually given. Each combination is its own statement, rather than
 * one with `(? IS NULL OR col = ?)` terms, so the planner can pick the index that matches (tenant,
 * workflow, outcome) instead of scanning every run in time order. A constraint filter walks
 * `run_constraints` (which repeats `started_at`) in time order and joins each run once: its `*` rows
 * stand for "at any step", so a run matching at two steps is not listed twice.
 * `placeholder(n)` spells the n-th (1-based) parameter: `?` for SQLite, `$n` for PostgreSQL.
 */
export function listRunsQuery(options: {
  filters: ListRunsOptions;
  placeholder: (n: number) => string;
}): ListRunsQuery {
  const { filters, placeholder } = options;
  const values: string[] = [];
  const param = (value: string): string => {
    values.push(value);
    return placeholder(values.length);
  };
  const terms: string[] = [];
  const constraint = filters.constraint;
  if (constraint !== undefined) {
    terms.push(`c.id = ${param(constraint.id)}`, `c.status = ${param(constraint.status)}`);
    terms.push(`c.step = ${param(constraint.step ?? ANY_STEP)}`);
  }
  if (filters.tenant !== undefined) terms.push(`r.tenant = ${param(filters.tenant)}`);
  if (filters.workflow !== undefined) terms.push(`r.workflow = ${param(filters.workflow)}`);
  if (filters.outcome !== undefined) terms.push(`r.outcome = ${param(filters.outcome)}`);
  if (filters.status === 'running') terms.push(`r.outcome = 'running'`);
  if (filters.status === 'finished') terms.push(`r.outcome <> 'running'`);
  // Time bounds on the table the walk follows, so they narrow its index range.
  const walked = constraint === undefined ? 'r' : 'c';
  if (filters.since !== undefined) terms.push(`${walked}.started_at >= ${param(filters.since)}`);
  if (filters.before !== undefined) terms.push(`${walked}.started_at < ${param(filters.before)}`);
  if (filters.after !== undefined) {
    // A row value, not `a < x OR (a = x AND b < y)`: both SQLite and PostgreSQL turn it into an index range
    // on (started_at, run_id), while the OR form scans every newer row first.
    const { started_at, run_id } = filters.after;
    const key = checkListKey({ started_at, id: run_id, idName: 'run_id' });
    terms.push(`(${walked}.started_at, ${walked}.run_id) < (${param(key.started_at)}, ${param(key.id)})`);
  }
  const where = terms.length === 0 ? '' : ` WHERE ${terms.join(' AND ')}`;
  const body =
    constraint === undefined
      ? `FROM runs r${where} ORDER BY r.started_at DESC, r.run_id DESC`
      : `FROM run_constraints c JOIN runs r ON r.run_id = c.run_id${where} ORDER BY c.started_at DESC, c.run_id DESC`;
  return { body, values };
}

/** A `run_constraints` row, without the run's id and start time. */
export interface ConstraintRow {
  step: string;
  id: string;
  status: string;
}

/**
 * The rows a `run.completed` adds to `run_constraints`: one per listed constraint, and one `*` row per
 * distinct (id, status), which the listing walks when no step is asked.
 */
export function constraintRows(options: { constraints: readonly ConstraintRow[] }): ConstraintRow[] {
  const rows = options.constraints.map(({ step, id, status }) => ({ step, id, status }));
  const any = new Map<string, ConstraintRow>();
  for (const { id, status } of rows) any.set(JSON.stringify([id, status]), { step: ANY_STEP, id, status });
  return [...rows, ...any.values()];
}
