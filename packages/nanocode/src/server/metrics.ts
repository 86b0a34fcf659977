/** Latency histogram bucket bounds, in seconds (Prometheus convention). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** In-memory counters of one server process, rendered in the Prometheus text format. */
export interface ServerMetrics {
  observeRequest(options: { method: string; route: string; status: number; seconds: number }): void;
  countRun(options: { outcome: string }): void;
  /** The Prometheus text exposition (version 0.0.4). */
  render(options: { liveRuns: number }): string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Creates the metrics of one app. Labels come from route patterns (`/api/runs/:id`), never raw paths,
 * so the number of series stays bounded whatever clients send.
 */
export function createServerMetrics(): ServerMetrics {
  const requests = new Map<string, number>();
  const latency = new Map<string, Histogram>();
  const runs = new Map<string, number>();
  return {
    observeRequest({ method, route, status, seconds }) {
      const key = labels({ method, route, status: String(status) });
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const hKey = labels({ method, route });
      const h = latency.get(hKey) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      LATENCY_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
      });
      h.sum += seconds;
      h.count += 1;
      latency.set(hKey, h);
    },
    countRun({ outcome }) {
      const key = labels({ outcome });
      runs.set(key, (runs.get(key) ?? 0) + 1);
    },
    render({ liveRuns }) {
      const lines: string[] = [
        '# HELP nanocode_runs_total Runs finished by this process, by outcome.',
        '# TYPE nanocode_runs_total counter',
        ...[...runs].map(([key, n]) => `nanocode_runs_total{${key}} ${n}`),
        '# HELP nanocode_runs_in_progress Runs executing now.',
        '# TYPE nanocode_runs_in_progress gauge',
        `nanocode_runs_in_progress ${liveRuns}`,
        '# HELP nanocode_http_requests_total HTTP requests, by method, route pattern and status.',
        '# TYPE nanocode_http_requests_total counter',
        ...[...requests].map(([key, n]) => `nanocode_http_requests_total{${key}} ${n}`),
        '# HELP nanocode_http_request_duration_seconds HTTP request latency.',
        '# TYPE nanocode_http_request_duration_seconds histogram',
      ];
      for (const [key, h] of latency) {
        LATENCY_BUCKETS.forEach((bound, i) => {
          lines.push(`nanocode_http_request_duration_seconds_bucket{${key},le="${bound}"} ${h.buckets[i]}`);
        });
        lines.push(`nanocode_http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`);
        lines.push(`nanocode_http_request_duration_seconds_sum{${key}} ${h.sum}`);
        lines.push(`nanocode_http_request_duration_seconds_count{${key}} ${h.count}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

/** `a="x",b="y"` with label values escaped as the text format requires. */
function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}
