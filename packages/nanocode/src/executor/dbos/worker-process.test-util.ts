/**
 * A worker process for the multi-worker tests (DBOS is one per process, so each worker is a child).
 * Started as `node --import tsx worker-process.test-util.ts '<json options>'`; prints `ready <id>` once
 * it takes runs, and closes on SIGTERM. With `counted`, every adapter call is written to a table of
 * calls (run, step, attempt, worker, start and end) in the store's database, and answers after a delay
 * with a reply picked by attempt number: no state in the process, so another worker can resume the run.
 */
import pg from 'pg';
import { createAdapterResolver } from '../../compose/create-adapter-resolver.js';
import type { Adapter } from '../../spec/adapter.js';
import { createPostgresStore } from '../../store/postgres/create-postgres-store.js';
import { parseRateLimits } from './rate-limits.js';
import { startDbosWorker } from './start-dbos-worker.js';

/** The options a test passes as the first argument (JSON). */
export interface TestWorkerOptions {
  systemUrl: string;
  systemSchema: string;
  storeUrl: string;
  storeSchema: string;
  keyDir: string;
  workerId: string;
  concurrency: number;
  heartbeatMs: number;
  reapAfterMs: number;
  rateLimits?: string[];
  env?: Record<string, string>;
  /**
   * Replace `scripted:<model>` with a counting adapter that answers after the model's delay, with the
   * step's reply for the attempt number. The test creates the `test_calls` table in the store schema.
   */
  counted?: { delayMs: Record<string, number>; replies: Record<string, string[]> };
}

const options = JSON.parse(process.argv[2] ?? '{}') as TestWorkerOptions;
const store = await createPostgresStore({ url: options.storeUrl, schema: options.storeSchema });
const calls = new pg.Pool({ connectionString: options.storeUrl, max: 4 });

function counting(model: string): Adapter {
  const counted = options.counted as NonNullable<TestWorkerOptions['counted']>;
  return {
    spec: 'nanocode.adapter/v1',
    provider: 'scripted',
    model,
    async generate(request, { signal }) {
      const { run_id, step, attempt } = request.context;
      const started = Date.now();
      const row = await calls.query<{ ctid: string }>(
        `INSERT INTO "${options.storeSchema}".test_calls VALUES ($1, $2, $3, $4, $5, NULL) RETURNING ctid`,
        [run_id, step, attempt, options.workerId, started],
      );
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, counted.delayMs[model] ?? 0);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
      const replies = counted.replies[step] ?? [];
      const text = replies[Math.min(attempt, replies.length) - 1] ?? 'no reply';
      await calls.query(`UPDATE "${options.storeSchema}".test_calls SET completed_at = $1 WHERE ctid = $2`, [
        Date.now(),
        row.rows[0]?.ctid,
      ]);
      return {
        text,
        finish_reason: 'stop',
        usage: { input_tokens: 10, output_tokens: 5 },
        model,
        latency_ms: Date.now() - started,
        cost_usd: 0,
      };
    },
  };
}

const worker = await startDbosWorker({
  systemDatabase: { url: options.systemUrl, schema: options.systemSchema },
  store,
  keyDir: options.keyDir,
  env: options.env ?? {},
  workerId: options.workerId,
  concurrency: options.concurrency,
  heartbeatMs: options.heartbeatMs,
  reapAfterMs: options.reapAfterMs,
  rateLimits: parseRateLimits({ specs: options.rateLimits ?? [] }),
  log: (line) => process.stderr.write(`[${options.workerId}] ${line}\n`),
  ...(options.counted === undefined
    ? {}
    : {
        adapters: (config) =>
          createAdapterResolver({
            config,
            env: options.env ?? {},
            extra: Object.fromEntries(
              Object.keys(config.workflow.scripted ?? {}).map((model) => [
                `scripted:${model}`,
                counting(model),
              ]),
            ),
          }),
      }),
});
process.stdout.write(`ready ${worker.workerId}\n`);
const stop = () => {
  void (async () => {
    await worker.close({ drainMs: 0 });
    await store.close();
    await calls.end();
    process.exit(0);
  })();
};
process.once('SIGTERM', stop);
// The test process holds our stdin: when it goes away, however it ends, so does this worker.
process.stdin.on('end', stop);
process.stdin.resume();
