import { distance } from 'fastest-levenshtein';

/**
 * A "did you mean `x`?" hint: the closest candidate within `maxDistance` edits (2 unless given), or
 * `undefined` when none is close enough to be a likely typo.
 */
export function didYouMean(options: {
  word: string;
  candidates: Iterable<string>;
  maxDistance?: number;
}): string | undefined {
  const limit = options.maxDistance ?? 2;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of options.candidates) {
    const d = distance(options.word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? `did you mean \`${best}\`?` : undefined;
}
