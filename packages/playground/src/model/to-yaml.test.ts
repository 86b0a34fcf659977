import { describe, expect, it } from 'vitest';
import { toYaml } from './to-yaml.js';

describe('toYaml', () => {
  it('writes mappings and sequences in block style, nested by two spaces', () => {
    expect(toYaml({ name: 'demo', steps: { a: { model: ['x'], budget: { attempts: 3 } } }, tags: [] })).toBe(
      [
        'name: demo',
        'steps:',
        '  a:',
        '    model:',
        '      - x',
        '    budget:',
        '      attempts: 3',
        'tags: []',
        '',
      ].join('\n'),
    );
  });

  it('starts a mapping inside a sequence on the dash line', () => {
    expect(toYaml({ constraints: [{ id: 'shape', kind: 'json_schema' }] })).toBe(
      'constraints:\n  - id: shape\n    kind: json_schema\n',
    );
  });

  it('quotes strings that would read as something else', () => {
    const out = toYaml({
      v: '3',
      b: 'true',
      nil: 'null',
      ref: 'scripted:primary',
      t: '{{ inputs.x }}',
      e: '',
      c: 'a # b',
    });
    expect(out).toBe(
      'v: "3"\nb: "true"\nnil: "null"\nref: "scripted:primary"\nt: "{{ inputs.x }}"\ne: ""\nc: "a # b"\n',
    );
  });

  it('keeps numbers, booleans and null as themselves', () => {
    expect(toYaml({ a: 1.5, b: false, c: null })).toBe('a: 1.5\nb: false\nc: null\n');
  });

  it('writes multi-line strings as literal blocks with the right chomping', () => {
    expect(toYaml({ user: 'Context:\n{{ x }}\n\nQ' })).toBe('user: |-\n  Context:\n  {{ x }}\n\n  Q\n');
    expect(toYaml({ user: 'one\ntwo\n' })).toBe('user: |\n  one\n  two\n');
  });

  it('quotes keys that are not plain', () => {
    expect(toYaml({ 'a: b': 1, ok_key: 2 })).toBe('"a: b": 1\nok_key: 2\n');
  });
});
