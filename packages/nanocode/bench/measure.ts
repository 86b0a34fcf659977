/** One benchmark's figures: the median time per call over several batches. */
export interface Measurement {
  name: string;
  median_us: number;
  samples: number;
}

/** Something to time. */
export interface Contender {
  name: string;
  fn: () => Promise<unknown>;
}

/**
 * Times contenders in interleaved batches (A, B, C, then B, C, A, ...) so that each sees the same
 * machine state, heap and GC debt, and reports each one's median per-call time. Warm-up runs first so
 * the JIT has settled; medians rather than means, because the machines are shared and noisy.
 */
export async function measureAll(options: {
  contenders: Contender[];
  batches?: number;
  batchSize?: number;
  warmup?: number;
}): Promise<Measurement[]> {
  const { contenders, batches = 30, batchSize = 100, warmup = 300 } = options;
  for (const contender of contenders) for (let i = 0; i < warmup; i += 1) await contender.fn();
  const perCall = contenders.map(() => [] as number[]);
  for (let b = 0; b < batches; b += 1) {
    for (let k = 0; k < contenders.length; k += 1) {
      const index = (b + k) % contenders.length;
      const contender = contenders[index] as Contender;
      const start = process.hrtime.bigint();
      for (let i = 0; i < batchSize; i += 1) await contender.fn();
      perCall[index]?.push(Number(process.hrtime.bigint() - start) / 1000 / batchSize);
    }
  }
  return contenders.map((contender, index) => {
    const sorted = (perCall[index] ?? []).sort((a, b) => a - b);
    return {
      name: contender.name,
      median_us: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      samples: batches * batchSize,
    };
  });
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
