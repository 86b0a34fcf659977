import { describe, expect, it } from 'vitest';
import { CONSTRAINT_KINDS } from '../spec/constraint-kinds.js';
import { compileConstraint } from './compile-constraint.js';
import { KIND_FACTORIES } from './kind-registry.js';

const compile = (constraint: Record<string, unknown>) => () =>
  compileConstraint({ constraint: constraint as never });

describe('compileConstraint', () => {
  it('has a factory for every kind', () => {
    expect(Object.keys(KIND_FACTORIES).sort()).toEqual([...CONSTRAINT_KINDS].sort());
  });

  it.each([
    ['missing params', { id: 'a', kind: 'contains' }, 'NC_CFG_INVALID_PARAMS'],
    ['unknown param', { id: 'a', kind: 'is_json', extra: 1 }, 'NC_CFG_INVALID_PARAMS'],
    ['bad flags', { id: 'a', kind: 'regex', pattern: 'x', flags: 'g' }, 'NC_CFG_INVALID_PARAMS'],
    ['backreference', { id: 'a', kind: 'regex', pattern: '(a)\\1' }, 'NC_CFG_INVALID_REGEX'],
    ['lookahead', { id: 'a', kind: 'not_regex', pattern: 'a(?=b)' }, 'NC_CFG_INVALID_REGEX'],
    ['bad CEL', { id: 'a', kind: 'expr', expr: '((' }, 'NC_CFG_INVALID_EXPR'],
    ['unknown custom', { id: 'a', kind: 'custom', name: 'x' }, 'NC_CFG_UNKNOWN_CUSTOM'],
  ])('throws for %s', (_name, constraint, code) => {
    expect(compile(constraint)).toThrowError(expect.objectContaining({ code }));
  });

  it('fills defaults from the schema', () => {
    const compiled = compileConstraint({ constraint: { id: 'a', kind: 'is_json' } as never });
    expect(compiled).toMatchObject({
      severity: 'hard',
      on_error: 'fail_closed',
      stage: 'output',
      negate: false,
    });
  });

  it('checks the inputs at the input stage', async () => {
    const compiled = compileConstraint({
      constraint: { id: 'q', kind: 'max_length', field: 'question', value: 5, stage: 'input' } as never,
    });
    const ctx = { input: { question: 'too long a question' } } as never;
    const verdict = await compiled.evaluate({ ...(ctx as object), text: '', output: '' } as never);
    expect(verdict).toMatchObject({ status: 'fail', evidence: [{ path: '$.question' }] });
  });
});
