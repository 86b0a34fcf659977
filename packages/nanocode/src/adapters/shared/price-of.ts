import type { Usage } from '../../spec/adapter.js';

/** USD per million tokens for one model. */
export interface ModelPrice {
  input_per_mtok: number;
  output_per_mtok: number;
}

/** Prices keyed by model name, as config declares them (`providers.<name>.prices`, `models.<alias>.prices`). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * The cost of one call in USD, or undefined when the table has no price for the model: an unknown
 * price is recorded as unknown, never as 0.
 */
export function priceOf(options: { table: PriceTable; model: string; usage: Usage }): number | undefined {
  const price = Object.hasOwn(options.table, options.model) ? options.table[options.model] : undefined;
  if (price === undefined) return undefined;
  const { input_tokens, output_tokens } = options.usage;
  const cost = (input_tokens * price.input_per_mtok + output_tokens * price.output_per_mtok) / 1_000_000;
  // Rounded to 1e-9 USD so sums stay stable in canonical JSON.
  return Math.round(cost * 1e9) / 1e9;
}
