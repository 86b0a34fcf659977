import { describe, expect, it } from 'vitest';
import { estimateUsage } from './estimate-usage.js';
import { priceOf } from './price-of.js';
import { redactSecrets } from './redact-secrets.js';

describe('priceOf', () => {
  const table = { 'gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6 } };
  it('prices known models per million tokens', () => {
    expect(priceOf({ table, model: 'gpt-4o-mini', usage: { input_tokens: 1000, output_tokens: 500 } })).toBe(
      0.00045,
    );
  });
  it('returns undefined for an unknown price, never 0', () => {
    expect(priceOf({ table, model: 'other', usage: { input_tokens: 1, output_tokens: 1 } })).toBeUndefined();
    expect(
      priceOf({ table, model: 'toString', usage: { input_tokens: 1, output_tokens: 1 } }),
    ).toBeUndefined();
  });
});

describe('estimateUsage', () => {
  it('counts ceil(chars / 4) and marks the estimate', () => {
    expect(estimateUsage({ messages: [{ role: 'user', content: 'hello' }], text: 'abcd' })).toEqual({
      usage: { input_tokens: 2, output_tokens: 1 },
      usage_estimated: true,
    });
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence and ignores empty secrets', () => {
    expect(redactSecrets({ text: 'a KEY b KEY', secrets: ['', 'KEY'] })).toBe('a [redacted] b [redacted]');
  });
});
