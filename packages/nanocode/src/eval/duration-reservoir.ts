/** A bounded uniform sample of durations, for percentiles in constant memory. */
export interface DurationReservoir {
  add(value: number): void;
  /** The `q`-quantile (0..1) of the sample (exact while fewer than `size` values were added); 0 when empty. */
  quantile(q: number): number;
  readonly max: number;
}

/**
 * Reservoir sampling (Algorithm R) over at most `size` values. The random draws come from a small seeded
 * generator (mulberry32), so the same durations give the same percentiles: no global random source.
 */
export function createDurationReservoir(options: { size: number; seed: number }): DurationReservoir {
  const sample: number[] = [];
  let seen = 0;
  let max = 0;
  let state = options.seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    add(value) {
      seen += 1;
      if (value > max) max = value;
      if (sample.length < options.size) sample.push(value);
      else {
        const slot = Math.floor(random() * seen);
        if (slot < options.size) sample[slot] = value;
      }
    },
    quantile(q) {
      if (sample.length === 0) return 0;
      const sorted = [...sample].sort((a, b) => a - b);
      // Nearest-rank: the smallest value with at least q of the sample at or below it.
      const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
      return sorted[rank - 1] ?? 0;
    },
    get max() {
      return max;
    },
  };
}
