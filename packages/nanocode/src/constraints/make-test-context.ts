import type { ConstraintContext } from '../spec/constraint.js';

/**
 * Builds a {@link ConstraintContext} for tests of constraints (including custom ones): text-only output
 * by default, zero usage, attempt 1, and `render` that substitutes `{{ inputs.x }}` from `input`.
 */
export function makeTestContext(overrides: Partial<ConstraintContext> = {}): ConstraintContext {
  const input = overrides.input ?? {};
  const text =
    overrides.text ??
    (typeof overrides.output === 'string' ? overrides.output : JSON.stringify(overrides.output ?? ''));
  return {
    input,
    output: overrides.output ?? text,
    text,
    usage: { input_tokens: 0, output_tokens: 0 },
    latency_ms: 0,
    cost_usd: 0,
    attempt: 1,
    step: 'answer',
    render: (template) =>
      template.replace(/\{\{\s*inputs\.([a-z0-9_]+)\s*\}\}/gi, (_, name: string) =>
        String(input[name] ?? ''),
      ),
    signal: new AbortController().signal,
    ...overrides,
  };
}
