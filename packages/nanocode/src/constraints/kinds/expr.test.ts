import { describe, expect, it } from 'vitest';
import { CEL_LIMITS } from '../cel/cel-limits.js';
import { runCheck } from '../run-check.js';

const output = { answer: 'Fine.', quotes: ['a', 'b'], score: 0.8, count: 3 };

describe('expr (CEL)', () => {
  it.each([
    ["!output.answer.contains('!')", 'pass'],
    ["output.answer.contains('.') == false", 'fail'],
    ['size(output.quotes) == 2 && output.count == 3 && output.score > 0.5', 'pass'],
    ['usage.output_tokens <= 20 && attempt == 1 && step == "answer"', 'pass'],
    ['output.quotes.all(q, size(q) == 1)', 'pass'],
    ['input.lang == "en"', 'pass'],
    ['output.missing == 1', 'error'],
    ['output.answer', 'error'],
    ['output.count / 0 == 1', 'error'],
  ] as const)('%s is %s', async (expr, status) => {
    const verdict = await runCheck({
      constraint: { kind: 'expr', expr },
      ctx: { output, input: { lang: 'en' }, usage: { input_tokens: 5, output_tokens: 12 } },
    });
    expect(verdict.status).toBe(status);
  });

  it('rejects expressions that do not parse', async () => {
    await expect(runCheck({ constraint: { kind: 'expr', expr: 'output.x ==' } })).rejects.toMatchObject({
      code: 'NC_CFG_INVALID_EXPR',
    });
  });

  it('rejects a non-bool expression type at compile time', async () => {
    await expect(runCheck({ constraint: { kind: 'expr', expr: '1 + 2' } })).rejects.toMatchObject({
      code: 'NC_CFG_INVALID_EXPR',
    });
  });

  it('rejects a huge expression by length and by AST size', async () => {
    const long = `true${' && true'.repeat(1000)}`;
    expect(long.length).toBeGreaterThan(CEL_LIMITS.maxExpressionChars);
    await expect(runCheck({ constraint: { kind: 'expr', expr: long } })).rejects.toMatchObject({
      code: 'NC_CFG_INVALID_EXPR',
    });
    const wide = `1${' + 1'.repeat(600)} > 0`;
    expect(wide.length).toBeLessThan(CEL_LIMITS.maxExpressionChars);
    await expect(runCheck({ constraint: { kind: 'expr', expr: wide } })).rejects.toThrow(/maxAstNodes/);
  });

  it('rejects deeply nested comprehensions and backtracking matches()', async () => {
    const nested = 'output.quotes.all(a, output.quotes.all(b, output.quotes.all(c, a == b)))';
    await expect(runCheck({ constraint: { kind: 'expr', expr: nested } })).rejects.toThrow(
      /comprehensions nest 3 deep/,
    );
    await expect(
      runCheck({ constraint: { kind: 'expr', expr: 'output.answer.matches("(a+)+$")' } }),
    ).rejects.toThrow(/regex/);
  });

  it('refuses to evaluate when the estimated cost is over the limit', async () => {
    const quotes = Array.from({ length: 2000 }, (_, i) => `q${i}`);
    const verdict = await runCheck({
      constraint: { kind: 'expr', expr: 'output.quotes.all(a, output.quotes.exists(b, a == b))' },
      ctx: { output: { quotes } },
    });
    expect(verdict.status).toBe('error');
    expect(verdict.message).toContain('too costly');
  });
});
