import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../evidence/canonical-json.js';
import type { EvalCaseRow, EvalStart, ListEvalCasesOptions } from '../../spec/store.js';
import {
  casePaging,
  type EvalEnding,
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

/**
 * Evals in the `evals` and `eval_cases` tables. Each write is one immediate transaction; a case append
 * locks nothing but its eval's rows, so an eval streams rows while other runs are stored.
 */
export function createSqliteEvals(options: { db: Database }): EvalMethods {
  const { db } = options;
  const byId = db.prepare<[string], EvalRow>('SELECT * FROM evals WHERE eval_id = ?');
  const insertEval = db.prepare(
    `INSERT INTO evals (eval_id, tenant, workflow, profile, dataset, started_at, repeat_count, concurrency, status)
     VALUES (@eval_id, @tenant, @workflow, @profile, @dataset, @started_at, @repeat, @concurrency, 'running')`,
  );
  const bodyAt = db.prepare<[string, number], { body: string }>(
    'SELECT body FROM eval_cases WHERE eval_id = ? AND seq = ?',
  );
  const insertCase = db.prepare<[string, number, string, string]>(
    'INSERT INTO eval_cases (eval_id, seq, outcome, body) VALUES (?, ?, ?, ?)',
  );
  const countCases = db.prepare<[number, string]>(
    'UPDATE evals SET case_count = case_count + ? WHERE eval_id = ?',
  );
  const finish = db.prepare<[string, string, string | null, string]>(
    'UPDATE evals SET status = ?, finished_at = ?, summary = ? WHERE eval_id = ?',
  );

  const create = db.transaction((start: EvalStart) => {
    const json = evalStartJson(start);
    const existing = byId.get(start.eval_id);
    if (existing !== undefined) {
      if (canonicalJson(evalStartOfRow(existing)) !== json) {
        throw conflictError({ what: `eval ${start.eval_id}`, details: {} });
      }
      return;
    }
    insertEval.run(start);
  });
  const append = db.transaction((eval_id: string, cases: readonly EvalCaseRow[]) => {
    const row = byId.get(eval_id);
    if (row === undefined) throw unknownEvalError({ eval_id });
    const planned = planEvalAppend({
      eval_id,
      status: row.status,
      count: Number(row.case_count),
      bodyAt: (seq) => bodyAt.get(eval_id, seq)?.body,
      cases,
    });
    for (const { row: item, body } of planned) insertCase.run(eval_id, item.seq, item.outcome, body);
    if (planned.length > 0) countCases.run(planned.length, eval_id);
  });
  const end = db.transaction((eval_id: string, ending: EvalEnding) => {
    const row = byId.get(eval_id);
    if (row === undefined) throw unknownEvalError({ eval_id });
    const checked = planEvalEnd({ eval_id, stored: row, ending });
    if (checked === undefined) return;
    finish.run(checked.status, checked.finished_at, checked.summary, eval_id);
  });

  return {
    async createEval({ eval: start }) {
      create.immediate(start);
    },
    async appendEvalCases({ eval_id, cases }) {
      append.immediate(eval_id, cases);
    },
    async finishEval({ eval_id, ...ending }) {
      end.immediate(eval_id, ending);
    },
    async getEval({ eval_id }) {
      const row = byId.get(eval_id);
      return row === undefined ? undefined : evalFromRow(row);
    },
    async listEvals({ tenant, workflow, limit, before, after }) {
      const max = resolveListLimit({ limit });
      const where: string[] = [];
      const values: Array<string | number> = [];
      if (tenant !== undefined) {
        where.push('tenant = ?');
        values.push(tenant);
      }
      if (workflow !== undefined) {
        where.push('workflow = ?');
        values.push(workflow);
      }
      if (before !== undefined) {
        where.push('started_at < ?');
        values.push(before);
      }
      if (after !== undefined) {
        const key = checkListKey({ started_at: after.started_at, id: after.eval_id, idName: 'eval_id' });
        where.push('(started_at, eval_id) < (?, ?)');
        values.push(key.started_at, key.id);
      }
      const sql = `SELECT * FROM evals ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY started_at DESC, eval_id DESC LIMIT ?`;
      return db
        .prepare<Array<string | number>, EvalRow>(sql)
        .all(...values, max)
        .map(evalFromRow);
    },
    async listEvalCases(options) {
      const { limit, offset } = casePaging(options);
      const { where, values } = caseFilter(options);
      const read = db.transaction(() => {
        const total = db
          .prepare<Array<string | number>, { total: number }>(
            `SELECT COUNT(*) AS total FROM eval_cases WHERE ${where}`,
          )
          .get(...values)?.total;
        const rows = db
          .prepare<Array<string | number>, { body: string }>(
            `SELECT body FROM eval_cases WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`,
          )
          .all(...values, limit, offset);
        return { total: total ?? 0, cases: rows.map((r) => JSON.parse(r.body) as EvalCaseRow) };
      });
      return read();
    },
  };
}

/** The WHERE clause of a case listing: always one eval, then the filters given. */
function caseFilter(options: ListEvalCasesOptions): { where: string; values: Array<string | number> } {
  const where = ['eval_id = ?'];
  const values: Array<string | number> = [options.eval_id];
  if (options.outcome !== undefined) {
    where.push('outcome = ?');
    values.push(options.outcome);
  }
  if (options.constraint !== undefined) {
    // The key is quoted into a JSON path by SQLite itself, so any key text is safe.
    where.push(`(body ->> ('$.statuses.' || json_quote(?))) = ?`);
    values.push(options.constraint.key, options.constraint.status);
  }
  return { where: where.join(' AND '), values };
}
