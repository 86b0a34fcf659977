import type { LoadFigures } from './load-test.js';

const ms = (value: number): string => `${value.toFixed(2).padStart(8)} ms`;

/**
 * Prints load figures (p50, p99, mean, requests/s) and, for each row, the latency it adds over
 * `baseline` and its ratio to it. autocannon records latencies in whole milliseconds, so p50 and p99
 * below a few ms are coarse; the mean (from its histogram) and requests/s are the finer figures.
 */
export function printLoadTable(options: { title: string; rows: LoadFigures[]; baseline: LoadFigures }): void {
  const { baseline } = options;
  console.log(`\n${options.title}`);
  console.log(
    `  ${''.padEnd(38)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'mean'.padStart(11)} ${'req/s'.padStart(9)} ${'requests'.padStart(9)} ${'failed'.padStart(7)}`,
  );
  for (const row of options.rows) {
    console.log(
      `  ${row.name.padEnd(38)} ${ms(row.p50_ms)} ${ms(row.p99_ms)} ${ms(row.mean_ms)} ${row.requests_per_s.toFixed(0).padStart(9)} ${String(row.requests).padStart(9)} ${String(row.failures).padStart(7)}`,
    );
  }
  for (const row of options.rows) {
    if (row === baseline) continue;
    const added = (key: 'p50_ms' | 'p99_ms' | 'mean_ms'): string =>
      // autocannon reports whole milliseconds: a 0 ms baseline has no meaningful ratio.
      `+${(row[key] - baseline[key]).toFixed(2)} ms (${baseline[key] > 0 ? `${(row[key] / baseline[key]).toFixed(1)}×` : 'baseline under 1 ms'})`;
    console.log(
      `  ${row.name} over ${baseline.name.trim()}: p50 ${added('p50_ms')}, p99 ${added('p99_ms')}, mean ${added('mean_ms')}, req/s ${(row.requests_per_s / baseline.requests_per_s).toFixed(2)}×`,
    );
  }
}
