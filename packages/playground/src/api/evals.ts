/**
 * The eval routes of the public API (`GET /api/evals`, `GET /api/evals/{id}`): stored `nanocode eval`
 * results, a summary per eval and one row per case run. Replies are read through {@link readEvalDetail}
 * so the views see one shape (constraint keys as `step/id`).
 */
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from '../model/events.js';
import { apiFetch } from './client.js';

/** One row of `GET /api/evals`. */
export interface EvalListItem {
  id: string;
  workflow: string;
  profile?: string;
  dataset?: string;
  started_at?: string;
  finished_at?: string;
  cases: number;
  passed: number;
  /** passed / cases; null with no case. */
  pass_rate: number | null;
}

/** Counts by key (statuses, strategies, outcomes); a missing key is 0. */
export type Counts<K extends string> = Partial<Record<K, number>>;

/** One constraint's figures over every case of an eval, as the server aggregated them. */
export interface EvalConstraintSummary {
  /** `step/id`. */
  key: string;
  step: string;
  id: string;
  /** enforced / cases where it applied; null when it never applied. */
  pass_rate: number | null;
  statuses: Counts<ConstraintStatus>;
  /** Ladder moves this constraint's failures triggered, by strategy. */
  strategies: Counts<RecoveryStrategy>;
}

/** The eval-wide figures. */
export interface EvalSummary {
  cases: number;
  passed: number;
  failed: number;
  pass_rate: number | null;
  outcomes: Counts<RunOutcome>;
  /** Cases that needed each strategy at least once. */
  strategies: Counts<RecoveryStrategy>;
  tokens: number;
  cost_usd: number | null;
}

/** One case run of an eval. */
export interface EvalCaseRow {
  case_id: string;
  /** 1-based repetition. */
  repeat: number;
  run_id: string;
  outcome: RunOutcome;
  passed: boolean;
  /** null or absent when the case has no expectation. */
  expected_ok?: boolean | null;
  /** Final constraint statuses keyed `step/id`. */
  statuses: Record<string, ConstraintStatus>;
  /** Ladder moves of the run, by strategy. */
  ladder: Counts<RecoveryStrategy>;
  tokens: number;
  cost_usd: number | null;
}

/** `GET /api/evals/{id}`: the eval, its summary, its constraints and one page of case rows. */
export interface EvalDetail {
  id: string;
  workflow: string;
  profile?: string;
  dataset?: string;
  started_at?: string;
  finished_at?: string;
  summary: EvalSummary;
  constraints: EvalConstraintSummary[];
  cases: EvalCaseRow[];
  /** How many case rows the eval has in all (the page is `offset` .. `offset + cases.length`). */
  total_cases: number;
  limit: number;
  offset: number;
}

/**
 * `step/id` from a status key written `step/id` or `step.id` (the CLI's result lines use the dot;
 * step names hold neither).
 */
export function normalizeConstraintKey(key: string): string {
  const slash = key.indexOf('/');
  const dot = key.indexOf('.');
  const at = slash >= 0 && (dot < 0 || slash < dot) ? slash : dot;
  return at < 0 ? key : `${key.slice(0, at)}/${key.slice(at + 1)}`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function rate(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function counts<K extends string>(value: unknown): Counts<K> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(record(value))) if (typeof n === 'number') out[key] = n;
  return out as Counts<K>;
}

/** Ladder moves as counts, from counts or from a list of moves (`[{ strategy }]`). */
function ladderCounts(value: unknown): Counts<RecoveryStrategy> {
  if (!Array.isArray(value)) return counts(value);
  const out: Record<string, number> = {};
  for (const move of value) {
    const strategy = record(move).strategy;
    if (typeof strategy === 'string') out[strategy] = (out[strategy] ?? 0) + 1;
  }
  return out as Counts<RecoveryStrategy>;
}

function readCase(raw: unknown): EvalCaseRow {
  const row = record(raw);
  const statuses: Record<string, ConstraintStatus> = {};
  for (const [key, status] of Object.entries(record(row.statuses))) {
    if (typeof status === 'string') statuses[normalizeConstraintKey(key)] = status as ConstraintStatus;
  }
  const expected = row.expected_ok;
  return {
    case_id: String(row.case_id ?? row.id ?? ''),
    repeat: count(row.repeat) || 1,
    run_id: String(row.run_id ?? ''),
    outcome: String(row.outcome ?? 'error') as RunOutcome,
    passed: row.passed === true,
    ...(typeof expected === 'boolean' || expected === null ? { expected_ok: expected } : {}),
    statuses,
    ladder: ladderCounts(row.ladder ?? row.strategies),
    tokens: count(row.tokens),
    cost_usd: typeof row.cost_usd === 'number' ? row.cost_usd : null,
  };
}

function readConstraint(raw: unknown): EvalConstraintSummary {
  const entry = record(raw);
  const key = normalizeConstraintKey(
    String(entry.key ?? `${String(entry.step ?? '')}/${String(entry.id ?? '')}`),
  );
  const slash = key.indexOf('/');
  return {
    key,
    step: optionalText(entry.step) ?? key.slice(0, Math.max(0, slash)),
    id: optionalText(entry.id) ?? key.slice(slash + 1),
    pass_rate: rate(entry.pass_rate),
    statuses: counts(entry.statuses),
    strategies: counts(entry.strategies),
  };
}

/** Reads a `GET /api/evals/{id}` reply into an {@link EvalDetail}. */
export function readEvalDetail(raw: unknown): EvalDetail {
  const body = record(raw);
  const evalInfo = { ...body, ...record(body.eval) };
  const summary = record(body.summary);
  const cases = (Array.isArray(body.cases) ? body.cases : []).map(readCase);
  const constraints = (
    Array.isArray(body.constraints)
      ? body.constraints
      : Array.isArray(summary.constraints)
        ? summary.constraints
        : []
  ).map(readConstraint);
  const page = record(body.page);
  const profile = optionalText(evalInfo.profile);
  const dataset = optionalText(evalInfo.dataset);
  const started = optionalText(evalInfo.started_at);
  const finished = optionalText(evalInfo.finished_at);
  return {
    id: String(evalInfo.id ?? ''),
    workflow: String(evalInfo.workflow ?? ''),
    ...(profile === undefined ? {} : { profile }),
    ...(dataset === undefined ? {} : { dataset }),
    ...(started === undefined ? {} : { started_at: started }),
    ...(finished === undefined ? {} : { finished_at: finished }),
    summary: {
      cases: count(summary.cases),
      passed: count(summary.passed),
      failed: count(summary.failed),
      pass_rate: rate(summary.pass_rate),
      outcomes: counts(summary.outcomes),
      strategies: counts(summary.strategies),
      tokens: count(summary.tokens),
      cost_usd: typeof summary.cost_usd === 'number' ? summary.cost_usd : null,
    },
    constraints,
    cases,
    total_cases: count(body.total_cases ?? body.total ?? page.total ?? summary.cases),
    limit: count(body.limit ?? page.limit) || cases.length,
    offset: count(body.offset ?? page.offset),
  };
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

/** Lists stored evals, newest first; `workflow` narrows to one workflow. */
export async function listEvals(
  options: { workflow?: string; signal?: AbortSignal } = {},
): Promise<EvalListItem[]> {
  const query = options.workflow ? `?workflow=${encodeURIComponent(options.workflow)}` : '';
  const body = await apiFetch<{ evals: EvalListItem[] }>(`/api/evals${query}`, withSignal(options.signal));
  return body.evals;
}

/** One eval with one page of its case rows. */
export async function getEval(options: {
  id: string;
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}): Promise<EvalDetail> {
  const params = new URLSearchParams();
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  if (options.offset !== undefined) params.set('offset', String(options.offset));
  const search = params.toString();
  const raw = await apiFetch<unknown>(
    `/api/evals/${encodeURIComponent(options.id)}${search === '' ? '' : `?${search}`}`,
    withSignal(options.signal),
  );
  return readEvalDetail(raw);
}

/**
 * An eval with every case row, read page by page (at most `maxPages` pages of `pageSize`), for
 * comparisons that match cases across two evals. `complete` is false when the cap cut it short.
 */
export async function getEvalAllCases(options: {
  id: string;
  pageSize?: number;
  maxPages?: number;
  signal?: AbortSignal;
}): Promise<{ detail: EvalDetail; complete: boolean }> {
  const pageSize = options.pageSize ?? 500;
  const maxPages = options.maxPages ?? 20;
  const first = await getEval({ id: options.id, limit: pageSize, offset: 0, ...withSignal(options.signal) });
  const cases = [...first.cases];
  for (let page = 1; page < maxPages && cases.length < first.total_cases; page += 1) {
    const next = await getEval({
      id: options.id,
      limit: pageSize,
      offset: cases.length,
      ...withSignal(options.signal),
    });
    if (next.cases.length === 0) break;
    cases.push(...next.cases);
  }
  return {
    detail: { ...first, cases, offset: 0, limit: cases.length },
    complete: cases.length >= first.total_cases,
  };
}
