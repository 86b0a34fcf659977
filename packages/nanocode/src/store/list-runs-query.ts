import type { ListRunsOptions } from '../spec/store.js';

/** The filter part of a run listing, in the SQL both database stores share. */
export interface ListRunsQuery {
  /** `WHERE ...` (or empty), over `runs r`. */
  where: string;
  values: string[];
}

/**
 * Builds the WHERE clause of a listing from the filters actually given. Each combination is its own
 * statement, rather than one with `(? IS NULL OR col = ?)` terms, so the planner can pick the index that
 * matches (tenant, workflow, outcome or constraint) instead of scanning every run in time order.
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
  if (filters.tenant !== undefined) terms.push(`r.tenant = ${param(filters.tenant)}`);
  if (filters.workflow !== undefined) terms.push(`r.workflow = ${param(filters.workflow)}`);
  if (filters.outcome !== undefined) terms.push(`r.outcome = ${param(filters.outcome)}`);
  if (filters.status === 'running') terms.push(`r.outcome = 'running'`);
  if (filters.status === 'finished') terms.push(`r.outcome <> 'running'`);
  if (filters.since !== undefined) terms.push(`r.started_at >= ${param(filters.since)}`);
  if (filters.before !== undefined) terms.push(`r.started_at < ${param(filters.before)}`);
  const constraint = filters.constraint;
  if (constraint !== undefined) {
    // Parameters in text order, as SQLite's positional `?` needs.
    let sub = `SELECT c.run_id FROM run_constraints c WHERE c.id = ${param(constraint.id)}`;
    sub += ` AND c.status = ${param(constraint.status)}`;
    if (constraint.step !== undefined) sub += ` AND c.step = ${param(constraint.step)}`;
    terms.push(`r.run_id IN (${sub})`);
  }
  return { where: terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`, values };
}
