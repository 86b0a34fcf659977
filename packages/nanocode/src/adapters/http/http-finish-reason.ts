import type { FinishReason } from '../../spec/adapter.js';

const STOP = new Set(['stop', 'end', 'eos', 'end_turn', 'stop_sequence', 'complete', 'completed', 'done']);
const LENGTH = new Set(['length', 'max_tokens', 'max_length', 'token_limit']);
const FILTER = new Set(['content_filter', 'refusal', 'safety', 'blocked']);

/**
 * Maps a custom endpoint's finish value to the contract's, case-insensitively. Unrecognised values,
 * and endpoints that report none, give `other`: we do not claim a clean stop we were not told about.
 */
export function httpFinishReason(value: unknown): FinishReason {
  if (typeof value !== 'string') return 'other';
  const key = value.toLowerCase();
  if (STOP.has(key)) return 'stop';
  if (LENGTH.has(key)) return 'length';
  if (FILTER.has(key)) return 'content_filter';
  return 'other';
}
