/** A rate in 0..1 as a percentage with one decimal (`75.0%`); `n/a` when it never applied. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * A change of rate in percentage points, signed and in words too (`+25.0 pp (better)`), so the
 * direction never rests on colour.
 */
export function formatRateDelta(delta: number | null): string {
  if (delta === null) return 'n/a';
  const points = delta * 100;
  if (Math.abs(points) < 0.05) return '±0.0 pp (same)';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp (${points > 0 ? 'better' : 'worse'})`;
}
