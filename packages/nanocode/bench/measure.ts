/** One benchmark's figures: the median time per call over several batches. */
export interface Measurement {
  name: string;
  median_us: number;
  samples: number;
}

/**
 * Times `fn` in batches and reports the median per-call time. Warm-up runs first so the JIT has
 * settled; medians rather than means, because the machines are shared and noisy.
 */
export async function measure(options: {
  name: string;
  fn: () => Promise<unknown>;
  batches?: number;
  batchSize?: number;
  warmup?: number;
}): Promise<Measurement> {
  const { fn, batches = 25, batchSize = 200, warmup = 500 } = options;
  for (let i = 0; i < warmup; i += 1) await fn();
  const perCall: number[] = [];
  for (let b = 0; b < batches; b += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batchSize; i += 1) await fn();
    perCall.push(Number(process.hrtime.bigint() - start) / 1000 / batchSize);
  }
  perCall.sort((a, b) => a - b);
  return {
    name: options.name,
    median_us: perCall[Math.floor(perCall.length / 2)] ?? Number.NaN,
    samples: batches * batchSize,
  };
}

/** Prints measurements as a table with each one's ratio to `baseline`. */
export function printTable(options: { title: string; rows: Measurement[]; baseline: Measurement }): void {
  console.log(`\n${options.title}`);
  for (const row of options.rows) {
    const ratio = row.median_us / options.baseline.median_us;
    console.log(
      `  ${row.name.padEnd(52)} ${row.median_us.toFixed(1).padStart(9)} µs/call   ${ratio.toFixed(2).padStart(6)}× ${options.baseline.name}`,
    );
  }
}
