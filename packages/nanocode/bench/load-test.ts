import { createRequire } from 'node:module';

/** What one autocannon run measured. Latencies are in milliseconds, as autocannon records them. */
export interface LoadFigures {
  name: string;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  requests_per_s: number;
  requests: number;
  /** Requests answered with something other than 2xx, plus socket errors and timeouts. */
  failures: number;
}

/** The part of autocannon's result this bench reads. */
interface AutocannonResult {
  latency: { p50: number; p99: number; mean: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

// autocannon ships CommonJS without type declarations; only the promise form is used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * POSTs `body` to `url` over `connections` keep-alive connections for `durationS` seconds with
 * autocannon, its load generated in `workers` worker threads (so it does not share the event loop of
 * the servers under test in this process).
 */
export async function loadTest(options: {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
  workers: number;
}): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.durationS,
    workers: options.workers,
  });
  return {
    name: options.name,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    mean_ms: result.latency.mean,
    requests_per_s: result.requests.average,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
