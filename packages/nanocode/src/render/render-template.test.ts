import { describe, expect, it } from 'vitest';
import { extractReferences, referencedSteps, renderTemplate, TemplateError } from './render-template.js';

describe('renderTemplate', () => {
  const scope = { inputs: { q: 'why?', n: 3 }, steps: { spec: { output: { title: 'T', list: [1] } } } };

  it('substitutes inputs and step outputs, JSON-encoding non-strings', () => {
    expect(renderTemplate('Q: {{ inputs.q }} n={{inputs.n}} t={{ steps.spec.output.title }}', scope)).toBe(
      'Q: why? n=3 t=T',
    );
    expect(renderTemplate('{{ steps.spec.output.list }}', scope)).toBe('[1]');
  });

  it('never evaluates code and rejects non-path placeholders', () => {
    expect(() => renderTemplate('{{ inputs.q.constructor("x") }}', scope)).toThrow(TemplateError);
    expect(() => renderTemplate('{{ process.env.HOME }}', scope)).toThrow(/must start with/);
  });

  it('rejects missing values instead of rendering an empty string', () => {
    expect(() => renderTemplate('{{ inputs.missing }}', scope)).toThrow(/has no value/);
    expect(() => renderTemplate('{{ inputs.q.length }}', scope)).toThrow(/has no value/);
  });

  it('lists references and the steps they read', () => {
    expect(extractReferences('a {{ inputs.q }} b').map((r) => r.path)).toEqual(['inputs.q']);
    expect(referencedSteps('{{ steps.a.output }} {{ steps.b.output.x }} {{ steps.a.output.y }}')).toEqual([
      'a',
      'b',
    ]);
  });
});
