import type { Pool } from 'pg';
import { canonicalJson } from '../../evidence/canonical-json.js';
import type { EvalCaseRow, ListEvalCasesOptions } from '../../spec/store.js';
import {
  casePaging,
  type EvalMethods,
  type EvalRow,
  evalFromRow,
  evalStartJson,
  evalStartOfRow,
  planEvalAppend,
  planEvalEnd,
  unknownEvalError,
} from '../eval-row.js';
import { checkListKey } from '../list-key.js';
import { resolveListLimit } from '../list-limit.js';
import { conflictError } from '../store-errors.js';
import { inTransaction } from './pg-transaction.js';

/**
 * Evals in `evals` and `eval_cases`. Appends and the end lock the eval's row (`FOR UPDATE`), so writers
 * on any machine see a consistent row count and status.
 */
export function createPostgresEvals(options: { pool: Pool }): EvalMethods {
  const { pool } = options;
  const lockEval = async (client: { query: Pool['query'] }, eval_id: string): Promise<EvalRow> => {
    const { rows } = await client.query<EvalRow>('SELECT * FROM evals WHERE eval_id = $1 FOR UPDATE', [
      eval_id,
    ]);
    if (rows[0] === undefined) throw unknownEvalError({ eval_id });
    return rows[0];
  };
  return {
    async createEval({ eval: start }) {
      const json = evalStartJson(start);
      const inserted = await pool.query(
        `INSERT INTO evals (eval_id, tenant, workflow, profile, dataset, started_at, repeat_count, concurrency, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running') ON CONFLICT (eval_id) DO NOTHING`,
        [
          start.eval_id,
          start.tenant,
          start.workflow,
          start.profile,
          start.dataset,
          start.started_at,
          start.repeat,
          start.concurrency,
        ],
      );
      if (inserted.rowCount === 1) return;
      const { rows } = await pool.query<EvalRow>('SELECT * FROM evals WHERE eval_id = $1', [start.eval_id]);
      if (rows[0] === undefined || canonicalJson(evalStartOfRow(rows[0])) !== json) {
        throw conflictError({ what: `eval ${start.eval_id}`, details: {} });
      }
    },
    async appendEvalCases({ eval_id, cases }) {
      await inTransaction({
        on: pool,
        use: async (client) => {
          const row = await lockEval(client, eval_id);
          const count = Number(row.case_count);
          const lowest = cases.reduce(
            (min, c) => (Number.isSafeInteger(c.seq) ? Math.min(min, c.seq) : min),
            count,
          );
          const { rows: stored } = await client.query<{ seq: number; body: string }>(
            'SELECT seq, body FROM eval_cases WHERE eval_id = $1 AND seq >= $2 AND seq < $3',
            [eval_id, Math.max(0, lowest), count],
          );
          const bodies = new Map(stored.map((r) => [Number(r.seq), r.body]));
          const planned = planEvalAppend({
            eval_id,
            status: row.status,
            count,
            bodyAt: (seq) => bodies.get(seq),
            cases,
          });
          if (planned.length === 0) return;
          await client.query(
            `INSERT INTO eval_cases (eval_id, seq, outcome, body)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
            [
              eval_id,
              planned.map((p) => p.row.seq),
              planned.map((p) => p.row.outcome),
              planned.map((p) => p.body),
            ],
          );
          await client.query('UPDATE evals SET case_count = case_count + $1 WHERE eval_id = $2', [
            planned.length,
            eval_id,
          ]);
        },
      });
    },
    async finishEval({ eval_id, ...ending }) {
      await inTransaction({
        on: pool,
        use: async (client) => {
          const row = await lockEval(client, eval_id);
          const checked = planEvalEnd({ eval_id, stored: row, ending });
          if (checked === undefined) return;
          await client.query(
            'UPDATE evals SET status = $1, finished_at = $2, summary = $3 WHERE eval_id = $4',
            [checked.status, checked.finished_at, checked.summary, eval_id],
          );
        },
      });
    },
    async getEval({ eval_id }) {
      const { rows } = await pool.query<EvalRow>('SELECT * FROM evals WHERE eval_id = $1', [eval_id]);
      return rows[0] === undefined ? undefined : evalFromRow(rows[0]);
    },
    async listEvals({ tenant, workflow, limit, before, after }) {
      const max = resolveListLimit({ limit });
      const where: string[] = [];
      const values: Array<string | number> = [];
      const param = (value: string | number) => {
        values.push(value);
        return `$${values.length}`;
      };
      if (tenant !== undefined) where.push(`tenant = ${param(tenant)}`);
      if (workflow !== undefined) where.push(`workflow = ${param(workflow)}`);
      if (before !== undefined) where.push(`started_at < ${param(before)}`);
      if (after !== undefined) {
        const key = checkListKey({ started_at: after.started_at, id: after.eval_id, idName: 'eval_id' });
        where.push(`(started_at, eval_id) < (${param(key.started_at)}, ${param(key.id)})`);
      }
      const { rows } = await pool.query<EvalRow>(
        `SELECT * FROM evals ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY started_at DESC, eval_id DESC LIMIT ${param(max)}`,
        values,
      );
      return rows.map(evalFromRow);
    },
    async listEvalCases(options) {
      const { limit, offset } = casePaging(options);
      const { where, values } = caseFilter(options);
      return inTransaction({
        on: pool,
        begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        use: async (client) => {
          const total = await client.query<{ total: string }>(
            `SELECT COUNT(*) AS total FROM eval_cases WHERE ${where}`,
            values,
          );
          const rows = await client.query<{ body: string }>(
            `SELECT body FROM eval_cases WHERE ${where} ORDER BY seq LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
            [...values, limit, offset],
          );
          return {
            total: Number(total.rows[0]?.total ?? 0),
            cases: rows.rows.map((r) => JSON.parse(r.body) as EvalCaseRow),
          };
        },
      });
    },
  };
}

function caseFilter(options: ListEvalCasesOptions): { where: string; values: string[] } {
  const values: string[] = [options.eval_id];
  const where = ['eval_id = $1'];
  if (options.outcome !== undefined) {
    values.push(options.outcome);
    where.push(`outcome = $${values.length}`);
  }
  if (options.constraint !== undefined) {
    values.push(options.constraint.key, options.constraint.status);
    where.push(`(body::jsonb -> 'statuses' ->> $${values.length - 1}) = $${values.length}`);
  }
  return { where: where.join(' AND '), values };
}
